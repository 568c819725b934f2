import type { Context } from '../context.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import { findVisibleCase } from '../queries/findVisibleCase.ts';
import { recomputeCaseSla } from '../sla/caseSla.ts';
import { type HistoryChange, recordHistory } from './caseHistory.ts';

/** Contact data of a case, already validated (E.164 phone, IANA time zone, lower-case email). */
export interface CaseContactInput {
  caseEmail?: string;
  contactPhone?: string;
  contactTimezone?: string;
}

const COLUMNS = {
  caseEmail: 'case_email',
  contactPhone: 'contact_phone',
  contactTimezone: 'contact_timezone',
} as const;

/**
 * Changes the contact data of a case (SPEC §3). Each field that really changes gets one history
 * entry (from → to); unchanged fields write nothing. A closed case is read-only. The first-response
 * due time is not recomputed when the time zone changes.
 */
export async function updateCaseContact(ctx: Context, actor: Actor, number: string, input: CaseContactInput) {
  const now = ctx.now();
  return ctx.database.transaction(async (trx) => {
    const { row } = await findVisibleCase(trx, actor, number);
    if (row.status === 'closed') {
      throw new AppError(
        409,
        'case_closed',
        `Case ${number} is closed. Open a new case and mention ${number} in it.`,
      );
    }
    const patch: { case_email?: string; contact_phone?: string; contact_timezone?: string } = {};
    const history: HistoryChange[] = [];
    for (const field of Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]) {
      const value = input[field];
      const column = COLUMNS[field];
      if (value === undefined || value === row[column]) continue;
      patch[column] = value;
      history.push({ action: 'contact_changed', field, from: row[column], to: value });
    }
    if (history.length === 0) return row;
    await trx
      .updateTable('cases')
      .set({ ...patch, updated_at: now.toISOString() })
      .where('id', '=', row.id)
      .execute();
    // 24×5 support hours follow the contact time zone
    if (patch.contact_timezone) await recomputeCaseSla(trx, row.id, now);
    await recordHistory(trx, row.id, actor.id, now, history);
    return trx.selectFrom('cases').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
  });
}
