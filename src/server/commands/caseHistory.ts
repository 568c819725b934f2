import type { Executor } from '../db/database.ts';
import { newId } from '../db/ids.ts';

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
  if (changes.length === 0) return;
  await trx
    .insertInto('case_history')
    .values(
      changes.map((c, i) => ({
        id: newId(now.getTime() + i),
        case_id: caseId,
        actor_id: actorId,
        action: c.action,
        field: c.field ?? null,
        old_value: c.from ?? null,
        new_value: c.to ?? null,
        created_at: now.toISOString(),
      })),
    )
    .execute();
}
