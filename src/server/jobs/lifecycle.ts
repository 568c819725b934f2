import { recordHistory } from '../commands/caseHistory.ts';
import type { Context } from '../context.ts';
import { enqueue } from '../outbox/enqueue.ts';
import { recomputeCaseSla } from '../sla/caseSla.ts';

const DAY_MS = 86_400_000;
/** cases (or attachments) one job handles per round; a full batch makes the job go again at once */
const BATCH = 100;

/** What one run of the lifecycle jobs did. */
export interface LifecycleReport {
  autoSolved: number;
  reminders: number;
  closed: number;
  attachmentsDeleted: number;
  filesRemoved: number;
  breaches: number;
}

/**
 * The lifecycle automation of SPEC §4 (issue 6), each change in its own transaction by the system (actor
 * null in the history):
 * - a case pending the customer for AUTO_SOLVE_DAYS is solved (and the customer told),
 * - one pending for PENDING_REMINDER_DAYS gets one reminder mail per wait,
 * - a case solved for CLOSE_SOLVED_DAYS is closed,
 * - the attachments of a case closed ATTACHMENT_RETENTION_DAYS full days ago are deleted (the stored
 *   file too once no live attachment shares its content),
 * - an unanswered case past its first-response due time is marked breached.
 *
 * Safe with any number of runners at once: candidates are read without locks, and each change is a
 * conditional update (`… where id = ? and status = 'pending_customer' and pending_since <= ?`) whose
 * loser changes no row and so writes no history and no mail.
 */
export async function runLifecycleJobs(ctx: Context): Promise<LifecycleReport> {
  const report: LifecycleReport = {
    autoSolved: 0,
    reminders: 0,
    closed: 0,
    attachmentsDeleted: 0,
    filesRemoved: 0,
    breaches: 0,
  };
  // Auto-solve before reminding, so a case that waited past both gets no reminder for a wait that is over.
  report.autoSolved = await repeat(() => autoSolvePending(ctx));
  report.reminders = await repeat(() => remindPending(ctx));
  report.closed = await repeat(() => closeSolved(ctx));
  const removal = await deleteExpiredAttachments(ctx);
  report.attachmentsDeleted = removal.deleted;
  report.filesRemoved = removal.filesRemoved;
  report.breaches = await repeat(() => markBreaches(ctx));
  return report;
}

/** Runs a batch job until a round handles less than a full batch; answers the changes made. */
async function repeat(round: () => Promise<{ candidates: number; changed: number }>): Promise<number> {
  let total = 0;
  for (;;) {
    const { candidates, changed } = await round();
    total += changed;
    if (candidates < BATCH || changed === 0) return total;
  }
}

const before = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();

/** Pending the customer for AUTO_SOLVE_DAYS: solved, with the customer told why. */
export async function autoSolvePending(ctx: Context) {
  const now = ctx.now();
  const cutoff = before(now, ctx.config.autoSolveDays);
  const due = await ctx.database.db
    .selectFrom('cases')
    .select(['id', 'number'])
    .where('status', '=', 'pending_customer')
    .where('pending_since', '<=', cutoff)
    .orderBy('pending_since')
    .limit(BATCH)
    .execute();
  let changed = 0;
  for (const c of due) {
    const done = await ctx.database.transaction(async (trx) => {
      const nowIso = now.toISOString();
      const result = await trx
        .updateTable('cases')
        .set({ status: 'solved', solved_at: nowIso, updated_at: nowIso })
        .where('id', '=', c.id)
        .where('status', '=', 'pending_customer')
        .where('pending_since', '<=', cutoff)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      await recomputeCaseSla(trx, c.id, now);
      await recordHistory(trx, c.id, null, now, [
        { action: 'status_changed', field: 'status', from: 'pending_customer', to: 'solved' },
      ]);
      await enqueue(
        trx,
        'case.status_changed',
        c.id,
        { number: c.number, from: 'pending_customer', to: 'solved', by: null },
        now,
      );
      return true;
    });
    if (done) changed++;
  }
  return { candidates: due.length, changed };
}

/** Pending the customer for PENDING_REMINDER_DAYS: one reminder per wait (`reminder_sent_at`). */
export async function remindPending(ctx: Context) {
  const now = ctx.now();
  const cutoff = before(now, ctx.config.pendingReminderDays);
  const due = await ctx.database.db
    .selectFrom('cases')
    .select(['id', 'number', 'pending_since'])
    .where('status', '=', 'pending_customer')
    .where('pending_since', '<=', cutoff)
    .where('reminder_sent_at', 'is', null)
    .orderBy('pending_since')
    .limit(BATCH)
    .execute();
  let changed = 0;
  for (const c of due) {
    const done = await ctx.database.transaction(async (trx) => {
      const result = await trx
        .updateTable('cases')
        .set({ reminder_sent_at: now.toISOString() })
        .where('id', '=', c.id)
        .where('status', '=', 'pending_customer')
        .where('pending_since', '<=', cutoff)
        .where('reminder_sent_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      await recordHistory(trx, c.id, null, now, [{ action: 'pending_reminder_sent' }]);
      await enqueue(
        trx,
        'case.pending_reminder',
        c.id,
        { number: c.number, pendingSince: c.pending_since },
        now,
      );
      return true;
    });
    if (done) changed++;
  }
  return { candidates: due.length, changed };
}

/** Solved for CLOSE_SOLVED_DAYS: closed (replies no longer reopen it; the customer is told). */
export async function closeSolved(ctx: Context) {
  const now = ctx.now();
  const cutoff = before(now, ctx.config.closeSolvedDays);
  const due = await ctx.database.db
    .selectFrom('cases')
    .select(['id', 'number'])
    .where('status', '=', 'solved')
    .where('solved_at', '<=', cutoff)
    .orderBy('solved_at')
    .limit(BATCH)
    .execute();
  let changed = 0;
  for (const c of due) {
    const done = await ctx.database.transaction(async (trx) => {
      const nowIso = now.toISOString();
      const result = await trx
        .updateTable('cases')
        .set({ status: 'closed', closed_at: nowIso, updated_at: nowIso })
        .where('id', '=', c.id)
        .where('status', '=', 'solved')
        .where('solved_at', '<=', cutoff)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      await recomputeCaseSla(trx, c.id, now);
      await recordHistory(trx, c.id, null, now, [
        { action: 'status_changed', field: 'status', from: 'solved', to: 'closed' },
      ]);
      await enqueue(
        trx,
        'case.status_changed',
        c.id,
        { number: c.number, from: 'solved', to: 'closed', by: null },
        now,
      );
      return true;
    });
    if (done) changed++;
  }
  return { candidates: due.length, changed };
}

/**
 * Attachments of cases closed ATTACHMENT_RETENTION_DAYS full days ago (SPEC §3: deleted on the 8th day
 * after closure): each row is soft-deleted (`deleted_at`), and the stored file is removed once no live
 * attachment — of any case — shares its content.
 */
export async function deleteExpiredAttachments(ctx: Context) {
  const now = ctx.now();
  const cutoff = before(now, ctx.config.attachmentRetentionDays);
  let deleted = 0;
  const hashes = new Set<string>();
  for (;;) {
    const due = await ctx.database.db
      .selectFrom('attachments')
      .innerJoin('cases', 'cases.id', 'attachments.case_id')
      .select(['attachments.id', 'attachments.case_id', 'attachments.filename', 'attachments.sha256'])
      .where('cases.status', '=', 'closed')
      .where('cases.closed_at', '<=', cutoff)
      .where('attachments.deleted_at', 'is', null)
      .orderBy('cases.closed_at')
      .orderBy('attachments.id')
      .limit(BATCH)
      .execute();
    let changed = 0;
    for (const a of due) {
      const done = await ctx.database.transaction(async (trx) => {
        const result = await trx
          .updateTable('attachments')
          .set({ deleted_at: now.toISOString() })
          .where('id', '=', a.id)
          .where('deleted_at', 'is', null)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return false;
        await recordHistory(trx, a.case_id, null, now, [
          { action: 'attachment_deleted', field: 'attachment', from: a.filename },
        ]);
        return true;
      });
      hashes.add(a.sha256);
      if (done) changed++;
    }
    deleted += changed;
    if (due.length < BATCH || changed === 0) break;
  }
  let filesRemoved = 0;
  for (const sha256 of hashes) {
    const live = await ctx.database.db
      .selectFrom('attachments')
      .select('id')
      .where('sha256', '=', sha256)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (live || !(await ctx.attachments.has(sha256))) continue;
    await ctx.attachments.remove(sha256);
    filesRemoved++;
  }
  return { deleted, filesRemoved };
}

/** Unanswered cases past their first-response due time: the breach is stored (recomputeCaseSla). */
export async function markBreaches(ctx: Context) {
  const now = ctx.now();
  const due = await ctx.database.db
    .selectFrom('cases')
    .select('id')
    .where('first_responded_at', 'is', null)
    .where('first_response_breached', '=', 0)
    .where('first_response_due_at', '<', now.toISOString())
    .orderBy('first_response_due_at')
    .limit(BATCH)
    .execute();
  let changed = 0;
  for (const c of due) {
    const done = await ctx.database.transaction(async (trx) => {
      await recomputeCaseSla(trx, c.id, now);
      const after = await trx
        .selectFrom('cases')
        .select('first_response_breached')
        .where('id', '=', c.id)
        .executeTakeFirst();
      return after?.first_response_breached === 1;
    });
    if (done) changed++;
  }
  return { candidates: due.length, changed };
}
