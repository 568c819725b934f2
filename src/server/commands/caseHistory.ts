import type { Executor } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { preparedQuery } from '../db/preparedQuery.ts';

export interface HistoryChange {
  action: string;
  field?: string;
  from?: string | null;
  to?: string | null;
}

/** Appends who changed what, and when, to a case's history. `actorId` null is the system. */
export async function recordHistory(
  trx: Executor,
  caseId: string,
  actorId: string | null,
  now: Date,
  changes: HistoryChange[],
): Promise<void> {
  const at = now.toISOString();
  // one row per statement: the statement is compiled once, and a case change has one or two entries
  for (const [i, c] of changes.entries()) {
    await insertHistoryEntry(
      trx,
      newId(now.getTime() + i),
      caseId,
      actorId,
      c.action,
      c.field ?? null,
      c.from ?? null,
      c.to ?? null,
      at,
    );
  }
}

const insertHistoryEntry = preparedQuery<
  [string, string, string | null, string, string | null, string | null, string | null, string],
  never
>(
  (db, id, caseId, actorId, action, field, from, to, at) =>
    db.insertInto('case_history').values({
      id,
      case_id: caseId,
      actor_id: actorId,
      action,
      field,
      old_value: from,
      new_value: to,
      created_at: at,
    }),
  8,
);
