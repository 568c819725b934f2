import type { z } from 'zod';
import type { CannedResponse } from '../../../shared/api/admin.ts';
import type { Executor } from '../../db/database.ts';

/**
 * Canned responses by title. With `queue`: those offered on that queue's cases — the queue's own and
 * those for every queue (queue null). Without: all of them (the administration page).
 */
export async function cannedResponses(
  db: Executor,
  filter: { queue?: string; id?: string } = {},
): Promise<z.output<typeof CannedResponse>[]> {
  let q = db
    .selectFrom('canned_responses')
    .leftJoin('users', 'users.id', 'canned_responses.created_by')
    .select([
      'canned_responses.id',
      'canned_responses.title',
      'canned_responses.body',
      'canned_responses.queue_key',
      'canned_responses.created_at',
      'canned_responses.updated_at',
      'users.id as creator_id',
      'users.name as creator_name',
    ]);
  if (filter.id) q = q.where('canned_responses.id', '=', filter.id);
  if (filter.queue !== undefined) {
    const queue = filter.queue;
    q = q.where((eb) =>
      eb.or([eb('canned_responses.queue_key', '=', queue), eb('canned_responses.queue_key', 'is', null)]),
    );
  }
  const rows = await q.orderBy('canned_responses.title').orderBy('canned_responses.id').execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    body: r.body,
    queue: r.queue_key,
    createdBy: r.creator_id && r.creator_name ? { id: r.creator_id, name: r.creator_name } : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}
