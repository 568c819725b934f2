import type { z } from 'zod';
import type { IssueAreaUpdate } from '../../../shared/api/admin.ts';
import type { Context } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { requireAdministrator } from './administration.ts';
import { checkIssueAreaPlacement } from './issueAreaRules.ts';

/**
 * Edits an issue area. Its key never changes (cases name it). Deactivating hides it from the case form;
 * the cases filed under it keep it. A group with active areas is deactivated after its areas. A new queue
 * routes new cases only: open cases stay in the queue they are in.
 */
export async function updateIssueArea(
  ctx: Context,
  actor: Actor,
  key: string,
  body: z.output<typeof IssueAreaUpdate>,
): Promise<void> {
  requireAdministrator(actor);
  await ctx.database.transaction(async (trx) => {
    const area = await trx.selectFrom('issue_areas').selectAll().where('key', '=', key).executeTakeFirst();
    if (!area) throw notFound('Issue area');
    const next = {
      parent: body.parent === undefined ? area.parent_key : body.parent,
      name: body.name ?? area.name,
      description: body.description ?? area.description,
      queue: body.queue ?? area.queue_key,
      common: body.common === undefined ? area.common === 1 : body.common,
      sortOrder: body.sortOrder ?? area.sort_order,
      active: body.active === undefined ? area.active === 1 : body.active,
    };
    const placementChanged =
      next.parent !== area.parent_key || next.queue !== area.queue_key || (next.active && area.active !== 1);
    if (placementChanged) {
      await checkIssueAreaPlacement(trx, {
        key,
        parent: next.parent,
        queue: next.queue,
        active: next.active,
        isNew: false,
      });
    }
    if (!next.active && area.active === 1 && area.parent_key === null) {
      const activeChildren = await trx
        .selectFrom('issue_areas')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('parent_key', '=', key)
        .where('active', '=', 1)
        .executeTakeFirstOrThrow();
      const n = Number(activeChildren.n);
      if (n > 0) {
        const message = `Deactivate the ${n} active ${n === 1 ? 'area' : 'areas'} of this group first`;
        throw new AppError(409, 'group_has_active_areas', message, { active: message });
      }
    }
    await trx
      .updateTable('issue_areas')
      .set({
        parent_key: next.parent,
        name: next.name,
        description: next.description,
        queue_key: next.queue,
        common: next.common ? 1 : 0,
        sort_order: next.sortOrder,
        active: next.active ? 1 : 0,
      })
      .where('key', '=', key)
      .execute();
  });
}
