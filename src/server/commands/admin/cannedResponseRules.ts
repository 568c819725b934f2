import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { fieldError } from '../../errors.ts';
import { duplicate } from './administration.ts';

/** The queue exists; no other response offered in the same place has the same title (ignoring case). */
export async function checkCannedResponse(
  trx: Executor,
  next: { title: string; queue: string | null },
  exceptId?: string,
): Promise<void> {
  if (next.queue !== null) {
    const queue = await trx
      .selectFrom('queues')
      .select('key')
      .where('key', '=', next.queue)
      .executeTakeFirst();
    if (!queue) throw fieldError('queue', 'No queue with this key');
  }
  let q = trx
    .selectFrom('canned_responses')
    .select('id')
    .where(sql<string>`lower(title)`, '=', next.title.toLowerCase())
    .where('queue_key', next.queue === null ? 'is' : '=', next.queue);
  if (exceptId) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) {
    throw duplicate(
      'title',
      next.queue === null
        ? 'Another canned response for every queue has this title'
        : 'Another canned response of this queue has this title',
    );
  }
}
