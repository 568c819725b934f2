import type { Context } from '../context.ts';
import { AppError } from '../errors.ts';
import { enqueue } from '../outbox/enqueue.ts';
import type { Actor } from '../policies/actor.ts';
import { findWorkableCase } from '../queries/findWorkableCase.ts';
import { recordHistory } from './caseHistory.ts';

/**
 * Support moves a case to another queue (e.g. out of triage). The assignee stays: an engineer who
 * handed a case to a queue they are not in keeps seeing it while it is assigned to them; unassign it to
 * let the new queue pick it up.
 */
export async function changeCaseQueue(ctx: Context, actor: Actor, number: string, input: { queue: string }) {
  const now = ctx.now();
  return ctx.database.transaction(async (trx) => {
    const { row } = await findWorkableCase(trx, actor, number);
    const queue = await trx
      .selectFrom('queues')
      .select(['key', 'name'])
      .where('key', '=', input.queue)
      .executeTakeFirst();
    if (!queue) {
      throw new AppError(422, 'validation_failed', 'Choose a queue from the list', {
        queue: 'No such queue',
      });
    }
    if (row.status === 'closed') {
      throw new AppError(409, 'case_closed', `Case ${number} is closed; it stays in its queue.`);
    }
    if (queue.key === row.queue_key) {
      throw new AppError(409, 'queue_unchanged', `Case ${number} is already in the ${queue.name} queue.`, {
        queue: 'Choose a different queue',
      });
    }
    const updated = await trx
      .updateTable('cases')
      .set({ queue_key: queue.key, updated_at: now.toISOString() })
      .where('id', '=', row.id)
      .where('queue_key', '=', row.queue_key)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      throw new AppError(409, 'case_changed', `Case ${number} changed meanwhile. Reload it and try again.`);
    }
    await recordHistory(trx, row.id, actor.id, now, [
      { action: 'queue_changed', field: 'queue', from: row.queue_key, to: queue.key },
    ]);
    await enqueue(
      trx,
      'case.queue_changed',
      row.id,
      { number, from: row.queue_key, to: queue.key, by: actor.id },
      now,
    );
    return trx.selectFrom('cases').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
  });
}
