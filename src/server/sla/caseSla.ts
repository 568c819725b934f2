import type { CaseStatus } from '../../shared/enums.ts';
import type { SlaPause } from '../../shared/sla.ts';
import type { Executor } from '../db/database.ts';
import { preparedQuery } from '../db/preparedQuery.ts';
import type { AccountsTable, CasesTable, Flag } from '../db/schema.ts';
import { caseSlaStatus, loadSlaSettings, pausesOf, SLA_CASE_COLUMNS, type SlaCaseRow } from './slaView.ts';

/** Statuses in which the first-response clock runs (until the first public support reply). */
const CLOCK_RUNS: readonly CaseStatus[] = ['new', 'open'];

/**
 * Recomputes a case's first-response SLA from the case as stored and the configured targets and support
 * hours, in the caller's transaction: opens or ends a pause of the clock when the status moved to or from
 * `pending_customer` (or solved/closed) before the first public reply, keeps `pending_since` (and clears
 * the reminder) for the lifecycle jobs, and stores the due time (null while paused with time left) and the
 * breach state. Every command that changes what the SLA depends on — status, priority, the first public
 * support reply, plan — calls this after writing its change; it compares the stored status with the
 * stored pause, so the caller needs no other call.
 *
 * The signature is a seam shared by several parts of issue 6: keep it.
 */
export async function recomputeCaseSla(trx: Executor, caseId: string, now: Date): Promise<void> {
  const [row] = await caseSlaFacts(trx, caseId);
  if (!row) return;
  const nowIso = now.toISOString();

  // The pause of the clock, as the status and the first reply now say.
  const closed = pausesOf({ sla_pauses: row.sla_pauses, sla_paused_at: null });
  let pausedAt = row.sla_paused_at;
  if (row.first_responded_at) {
    // the reply stops the clock for good; a pause open until then ends with it
    if (pausedAt) closed.push(endPause(pausedAt, row.first_responded_at));
    pausedAt = null;
  } else if (CLOCK_RUNS.includes(row.status)) {
    if (pausedAt) closed.push(endPause(pausedAt, nowIso));
    pausedAt = null;
  } else if (!pausedAt) {
    pausedAt = nowIso;
  }

  const pendingSince = row.status === 'pending_customer' ? (row.pending_since ?? nowIso) : null;
  const reminderSentAt = pendingSince ? row.reminder_sent_at : null;

  const settings = await loadSlaSettings(trx);
  const pauses = JSON.stringify(closed);
  const sla = caseSlaStatus({ ...row, sla_pauses: pauses, sla_paused_at: pausedAt }, row.plan, settings, now);
  const breached = sla.breached ? 1 : 0;

  if (
    row.sla_paused_at === pausedAt &&
    row.sla_pauses === pauses &&
    row.first_response_due_at === sla.dueAt &&
    row.first_response_breached === breached &&
    row.pending_since === pendingSince &&
    row.reminder_sent_at === reminderSentAt
  ) {
    return;
  }
  await storeCaseSla(trx, pausedAt, pauses, sla.dueAt, breached, pendingSince, reminderSentAt, caseId);
}

const caseSlaFacts = preparedQuery<[string], CaseSlaFacts>(
  (db, caseId) =>
    db
      .selectFrom('cases')
      .innerJoin('accounts', 'accounts.id', 'cases.account_id')
      .select([
        ...SLA_CASE_COLUMNS,
        'cases.first_response_due_at',
        'cases.first_response_breached',
        'cases.pending_since',
        'cases.reminder_sent_at',
        'accounts.plan',
      ])
      .where('cases.id', '=', caseId),
  1,
);

type CaseSlaFacts = SlaCaseRow &
  Pick<
    CasesTable,
    'first_response_due_at' | 'first_response_breached' | 'pending_since' | 'reminder_sent_at'
  > & {
    plan: AccountsTable['plan'];
  };

const storeCaseSla = preparedQuery<
  [string | null, string, string | null, Flag, string | null, string | null, string],
  never
>(
  (db, pausedAt, pauses, dueAt, breached, pendingSince, reminderSentAt, caseId) =>
    db
      .updateTable('cases')
      .set({
        sla_paused_at: pausedAt,
        sla_pauses: pauses,
        first_response_due_at: dueAt,
        first_response_breached: breached as unknown as Flag,
        pending_since: pendingSince,
        reminder_sent_at: reminderSentAt,
      })
      .where('id', '=', caseId),
  7,
);

function endPause(from: string, to: string): SlaPause {
  return { from, to: Date.parse(to) < Date.parse(from) ? from : to };
}
