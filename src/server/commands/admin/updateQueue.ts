import type { z } from 'zod';
import type { QueueUpdate } from '../../../shared/api/admin.ts';
import type { Context } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { requireAdministrator } from './administration.ts';

export const TRIAGE_REQUIRED_MESSAGE =
  'There is always one triage queue for unrouted cases: mark another queue as triage instead';

/** Renames or describes a queue, or makes it the triage queue (the previous one stops being it). */
export async function updateQueue(
  ctx: Context,
  actor: Actor,
  key: string,
  body: z.output<typeof QueueUpdate>,
): Promise<void> {
  requireAdministrator(actor);
  await ctx.database.transaction(async (trx) => {
    const queue = await trx.selectFrom('queues').selectAll().where('key', '=', key).executeTakeFirst();
    if (!queue) throw notFound('Queue');
    const now = ctx.now().toISOString();
    if (body.triage === false && queue.triage === 1) {
      throw new AppError(409, 'triage_required', TRIAGE_REQUIRED_MESSAGE, {
        triage: TRIAGE_REQUIRED_MESSAGE,
      });
    }
    if (body.triage === true && queue.triage !== 1) {
      await trx.updateTable('queues').set({ triage: 0, updated_at: now }).where('triage', '=', 1).execute();
    }
    await trx
      .updateTable('queues')
      .set({
        name: body.name ?? queue.name,
        description: body.description ?? queue.description,
        triage: body.triage === true ? 1 : queue.triage,
        updated_at: now,
      })
      .where('key', '=', key)
      .execute();
  });
}
