import type { z } from 'zod';
import type { NewQueue } from '../../../shared/api/admin.ts';
import type { Context } from '../../context.ts';
import type { Actor } from '../../policies/actor.ts';
import { duplicate, orConflict, requireAdministrator } from './administration.ts';

const keyTaken = () => duplicate('key', 'Another queue has this key');

/** A new queue; `triage: true` moves the triage flag to it (there is exactly one triage queue). */
export async function createQueue(
  ctx: Context,
  actor: Actor,
  body: z.output<typeof NewQueue>,
): Promise<{ key: string }> {
  requireAdministrator(actor);
  return orConflict(
    () =>
      ctx.database.transaction(async (trx) => {
        const taken = await trx
          .selectFrom('queues')
          .select('key')
          .where('key', '=', body.key)
          .executeTakeFirst();
        if (taken) throw keyTaken();
        const now = ctx.now().toISOString();
        // The first queue ever made takes unrouted cases whatever it says: there is always one triage queue.
        const anyTriage = await trx
          .selectFrom('queues')
          .select('key')
          .where('triage', '=', 1)
          .executeTakeFirst();
        const triage = body.triage || !anyTriage;
        if (triage)
          await trx
            .updateTable('queues')
            .set({ triage: 0, updated_at: now })
            .where('triage', '=', 1)
            .execute();
        await trx
          .insertInto('queues')
          .values({
            key: body.key,
            name: body.name,
            description: body.description,
            triage: triage ? 1 : 0,
            rr_last_user_id: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
        return { key: body.key };
      }),
    keyTaken,
  );
}
