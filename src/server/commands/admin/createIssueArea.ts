import type { z } from 'zod';
import type { NewIssueArea } from '../../../shared/api/admin.ts';
import type { Context } from '../../context.ts';
import type { Actor } from '../../policies/actor.ts';
import { duplicate, orConflict, requireAdministrator } from './administration.ts';
import { checkIssueAreaPlacement } from './issueAreaRules.ts';

const keyTaken = () => duplicate('key', 'Another issue area has this key');

/** A new group (no parent) or area (under a group), routed to a queue; last among its siblings unless sortOrder says. */
export async function createIssueArea(
  ctx: Context,
  actor: Actor,
  body: z.output<typeof NewIssueArea>,
): Promise<{ key: string }> {
  requireAdministrator(actor);
  return orConflict(
    () =>
      ctx.database.transaction(async (trx) => {
        const taken = await trx
          .selectFrom('issue_areas')
          .select('key')
          .where('key', '=', body.key)
          .executeTakeFirst();
        if (taken) throw keyTaken();
        const parent = body.parent ?? null;
        await checkIssueAreaPlacement(trx, {
          key: body.key,
          parent,
          queue: body.queue,
          active: body.active,
          isNew: true,
        });
        let sortOrder = body.sortOrder;
        if (sortOrder === undefined) {
          const last = await trx
            .selectFrom('issue_areas')
            .select((eb) => eb.fn.max('sort_order').as('max'))
            .where('parent_key', parent === null ? 'is' : '=', parent)
            .executeTakeFirst();
          sortOrder = last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1;
        }
        await trx
          .insertInto('issue_areas')
          .values({
            key: body.key,
            parent_key: parent,
            name: body.name,
            description: body.description,
            queue_key: body.queue,
            common: body.common ? 1 : 0,
            sort_order: sortOrder,
            active: body.active ? 1 : 0,
          })
          .execute();
        return { key: body.key };
      }),
    keyTaken,
  );
}
