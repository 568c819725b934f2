import type { Executor } from '../db/database.ts';
import { preparedQuery } from '../db/preparedQuery.ts';

/** The key of the queue that takes unrouted cases when no queue is flagged triage. */
export const TRIAGE_QUEUE = 'triage';

/**
 * Routing (SPEC §5): a case goes to the queue its issue area names; when the area names no queue, or a
 * queue that does not exist (deleted, mistyped in configuration), it goes to the triage queue — the one
 * flagged `triage` (`triage` by key when none is).
 */
export async function routeToQueue(db: Executor, areaQueueKey: string | null | undefined): Promise<string> {
  if (areaQueueKey) {
    const [queue] = await queueByKey(db, areaQueueKey);
    if (queue) return queue.key;
  }
  return triageQueueKey(db);
}

export async function triageQueueKey(db: Executor): Promise<string> {
  const [triage] = await flaggedTriageQueue(db);
  return triage?.key ?? TRIAGE_QUEUE;
}

const queueByKey = preparedQuery<[string], { key: string }>(
  (db, key) => db.selectFrom('queues').select('key').where('key', '=', key),
  1,
);

const flaggedTriageQueue = preparedQuery<[], { key: string }>(
  (db) => db.selectFrom('queues').select('key').where('triage', '=', 1).orderBy('key').limit(1),
  0,
);
