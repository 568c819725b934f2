import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CaseStatus } from '../../shared/enums.ts';
import { addAttachment } from '../commands/addAttachment.ts';
import type { Context } from '../context.ts';
import { openDatabase } from '../db/database.ts';
import { composeMail } from '../mail/outbound/composeMail.ts';
import { recomputeCaseSla } from '../sla/caseSla.ts';
import { makeCase } from '../testing/builders.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { createHarness, type Harness } from '../testing/harness.ts';
import { type LifecycleReport, runLifecycleJobs } from './lifecycle.ts';
import { JobScheduler } from './scheduler.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describeEachDatabase('lifecycle jobs', (dialect) => {
  let h: Harness;
  /** each test starts 60 days after the previous one, so earlier cases are settled by then */
  let base = Date.parse('2026-12-01T09:00:00.000Z');
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(() => h.close());

  const db = () => h.ctx.database.db;
  const caseRow = (id: string) =>
    db().selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const nextBase = () => {
    base += 60 * DAY;
    h.clock.set(new Date(base));
    return base;
  };
  const open = async () => {
    const c = await makeCase(h.ctx, await h.actor('bob@acme.example'), {
      teamContacts: ['alice@acme.example'],
    });
    return c;
  };
  /** support sets the status, as changeCaseStatus does (write, recompute, history) */
  const setStatus = (id: string, status: CaseStatus) =>
    h.ctx.database.transaction(async (trx) => {
      const now = h.clock.now().toISOString();
      await trx
        .updateTable('cases')
        .set({ status, updated_at: now, ...(status === 'solved' ? { solved_at: now } : {}) })
        .where('id', '=', id)
        .execute();
      await recomputeCaseSla(trx, id, h.clock.now());
    });
  const outbox = (id: string, topic: string) =>
    db().selectFrom('outbox').selectAll().where('case_id', '=', id).where('topic', '=', topic).execute();
  const systemHistory = (id: string) =>
    db()
      .selectFrom('case_history')
      .select(['action', 'old_value', 'new_value', 'actor_id'])
      .where('case_id', '=', id)
      .where('actor_id', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  const runAt = async (ms: number, ctx: Context = h.ctx) => {
    h.clock.set(new Date(ms));
    return runLifecycleJobs(ctx);
  };

  it('reminds once after 3 days pending, solves after 7, closes 14 days later — not a minute early', async () => {
    const t0 = nextBase();
    const c = await open();
    await setStatus(c.id, 'pending_customer');
    expect((await caseRow(c.id)).pending_since).toBe(new Date(t0).toISOString());

    await runAt(t0 + 3 * DAY - MINUTE);
    expect(await outbox(c.id, 'case.pending_reminder')).toHaveLength(0);
    await runAt(t0 + 3 * DAY);
    await runAt(t0 + 3 * DAY + 5 * MINUTE);
    const reminders = await outbox(c.id, 'case.pending_reminder');
    expect(reminders).toHaveLength(1);
    expect((await caseRow(c.id)).reminder_sent_at).toBe(new Date(t0 + 3 * DAY).toISOString());
    // the reminder is a real mail to the case email and the team
    const [mail] = await composeMail(h.ctx, reminders[0]!);
    expect(mail?.to).toEqual(['bob@acme.example']);
    expect(mail?.cc).toEqual(['alice@acme.example']);
    expect(mail?.text).toContain('mark');

    await runAt(t0 + 7 * DAY - MINUTE);
    expect((await caseRow(c.id)).status).toBe('pending_customer');
    await runAt(t0 + 7 * DAY);
    const solved = await caseRow(c.id);
    expect(solved).toMatchObject({ status: 'solved', solved_at: new Date(t0 + 7 * DAY).toISOString() });
    const solvedMail = await outbox(c.id, 'case.status_changed');
    expect(solvedMail.map((o) => JSON.parse(o.payload))).toEqual([
      { number: c.number, from: 'pending_customer', to: 'solved', by: null },
    ]);
    const [solvedMessage] = await composeMail(h.ctx, solvedMail[0]!);
    expect(solvedMessage?.text).toContain('was solved automatically');

    const solvedAt = t0 + 7 * DAY;
    await runAt(solvedAt + 14 * DAY - MINUTE);
    expect((await caseRow(c.id)).status).toBe('solved');
    await runAt(solvedAt + 14 * DAY);
    expect(await caseRow(c.id)).toMatchObject({
      status: 'closed',
      closed_at: new Date(solvedAt + 14 * DAY).toISOString(),
    });
    await runAt(solvedAt + 15 * DAY);

    expect(await systemHistory(c.id)).toEqual([
      { action: 'pending_reminder_sent', old_value: null, new_value: null, actor_id: null },
      { action: 'status_changed', old_value: 'pending_customer', new_value: 'solved', actor_id: null },
      { action: 'status_changed', old_value: 'solved', new_value: 'closed', actor_id: null },
    ]);
    expect(await outbox(c.id, 'case.pending_reminder')).toHaveLength(1);
    expect(await outbox(c.id, 'case.status_changed')).toHaveLength(2);
  });

  it('starts a new wait when the customer answers and support asks again', async () => {
    const t0 = nextBase();
    const c = await open();
    await setStatus(c.id, 'pending_customer');
    await runAt(t0 + 3 * DAY);
    await setStatus(c.id, 'open'); // as a customer comment does
    expect(await caseRow(c.id)).toMatchObject({ pending_since: null, reminder_sent_at: null });
    h.clock.set(new Date(t0 + 4 * DAY));
    await setStatus(c.id, 'pending_customer');
    await runAt(t0 + 7 * DAY);
    expect((await caseRow(c.id)).status).toBe('pending_customer'); // 3 days of the new wait, not 7
    expect(await outbox(c.id, 'case.pending_reminder')).toHaveLength(2);
    await runAt(t0 + 11 * DAY);
    expect((await caseRow(c.id)).status).toBe('solved');
  });

  it('deletes the attachments of a closed case on the 8th day after closure, and the file when unshared', async () => {
    const t0 = nextBase();
    const bob = await h.actor('bob@acme.example');
    const c = await open();
    const other = await open();
    const unique = Buffer.from(`only here ${t0}\n`);
    const shared = Buffer.from(`in two cases ${t0}\n`);
    const a1 = await addAttachment(h.ctx, bob, c.number, { filename: 'unique.txt', bytes: unique });
    const a2 = await addAttachment(h.ctx, bob, c.number, { filename: 'shared.txt', bytes: shared });
    await addAttachment(h.ctx, bob, other.number, { filename: 'shared-too.txt', bytes: shared });
    await setStatus(c.id, 'solved');
    await runAt(t0 + 14 * DAY);
    const closedAt = Date.parse((await caseRow(c.id)).closed_at ?? '');
    expect(closedAt).toBe(t0 + 14 * DAY);

    await runAt(closedAt + 7 * DAY - MINUTE);
    const kept = await db().selectFrom('attachments').selectAll().where('case_id', '=', c.id).execute();
    expect(kept.every((a) => a.deleted_at === null)).toBe(true);
    expect(await h.ctx.attachments.has(a1.sha256)).toBe(true);

    await runAt(closedAt + 7 * DAY); // the 8th day after closure begins
    const gone = await db().selectFrom('attachments').selectAll().where('case_id', '=', c.id).execute();
    expect(gone.map((a) => a.deleted_at)).toEqual([
      new Date(closedAt + 7 * DAY).toISOString(),
      new Date(closedAt + 7 * DAY).toISOString(),
    ]);
    expect(await h.ctx.attachments.has(a1.sha256)).toBe(false);
    expect(await h.ctx.attachments.has(a2.sha256)).toBe(true); // still attached to the other case
    const history = await systemHistory(c.id);
    expect(
      history
        .filter((e) => e.action === 'attachment_deleted')
        .map((e) => e.old_value)
        .sort(),
    ).toEqual(['shared.txt', 'unique.txt']);
    // the other, open case keeps its attachment
    const others = await db().selectFrom('attachments').selectAll().where('case_id', '=', other.id).execute();
    expect(others.map((a) => a.deleted_at)).toEqual([null]);
    // the case page no longer lists them
    const sam = await h.signIn('sam@support.example');
    const conversation = await sam.get(`/api/v1/cases/${c.number}/attachments`);
    if (conversation.statusCode === 200)
      expect(JSON.stringify(conversation.json())).not.toContain('unique.txt');
  });

  it('takes the days from configuration, in the jobs and in the mails', async () => {
    const t0 = nextBase();
    const c = await open();
    await setStatus(c.id, 'pending_customer');
    const custom: Context = {
      ...h.ctx,
      config: { ...h.ctx.config, pendingReminderDays: 1, autoSolveDays: 2, closeSolvedDays: 5 },
    };
    await runAt(t0 + 1 * DAY - MINUTE, custom);
    expect(await outbox(c.id, 'case.pending_reminder')).toHaveLength(0);
    await runAt(t0 + 1 * DAY, custom);
    const [reminder] = await outbox(c.id, 'case.pending_reminder');
    const [mail] = await composeMail(custom, reminder!);
    expect(mail?.text).toMatch(/2 days/);
    await runAt(t0 + 2 * DAY, custom);
    expect((await caseRow(c.id)).status).toBe('solved');
    await runAt(t0 + 7 * DAY - MINUTE, custom);
    expect((await caseRow(c.id)).status).toBe('solved');
    await runAt(t0 + 7 * DAY, custom);
    expect((await caseRow(c.id)).status).toBe('closed');
  });

  it('runs in the background with the scheduler, and stops cleanly', async () => {
    const t0 = nextBase();
    const c = await open();
    await setStatus(c.id, 'pending_customer');
    h.clock.set(new Date(t0 + 3 * DAY));
    const runs: LifecycleReport[] = [];
    const errors: unknown[] = [];
    const scheduler = new JobScheduler(
      { ...h.ctx, config: { ...h.ctx.config, jobsIntervalMs: 20 } },
      { onRun: (r) => runs.push(r), onError: (err) => errors.push(err) },
    );
    scheduler.start();
    try {
      await expect
        .poll(() => outbox(c.id, 'case.pending_reminder').then((r) => r.length), { timeout: 10_000 })
        .toBe(1);
    } finally {
      await scheduler.stop();
    }
    expect(errors).toEqual([]);
    expect(runs.some((r) => r.reminders >= 1)).toBe(true);
    expect(await outbox(c.id, 'case.pending_reminder')).toHaveLength(1);
  });

  it('marks a first-response breach when the due time passes unanswered', async () => {
    const t0 = nextBase();
    const c = await makeCase(h.ctx, await h.actor('bob@acme.example'), { priority: 'P1', p1Confirmed: true });
    await runAt(t0 + 30 * MINUTE); // due exactly now: not late yet
    expect((await caseRow(c.id)).first_response_breached).toBe(0);
    await runAt(t0 + 31 * MINUTE);
    expect((await caseRow(c.id)).first_response_breached).toBe(1);
  });

  it('does each change and sends each reminder exactly once with two runners at the same time', async () => {
    const t0 = nextBase();
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const c = await open();
      await setStatus(c.id, 'pending_customer');
      ids.push(c.id);
    }
    const solvedIds: string[] = [];
    for (let i = 0; i < 4; i++) {
      const c = await open();
      await setStatus(c.id, 'solved');
      solvedIds.push(c.id);
    }
    // A second "process": its own connections to the same PostgreSQL database. better-sqlite3 is synchronous,
    // so a second SQLite connection in this process would wait for the lock while holding the event loop;
    // on SQLite the runners share the connection, their transactions interleave between runs, and each
    // still reads its candidates before the other's changes commit.
    const second: Context =
      dialect === 'postgres'
        ? { ...h.ctx, database: openDatabase(h.ctx.config.databaseUrl, { poolSize: 4 }) }
        : h.ctx;
    try {
      h.clock.set(new Date(t0 + 3 * DAY));
      const [a, b] = await Promise.all([runLifecycleJobs(h.ctx), runLifecycleJobs(second)]);
      expect(a.reminders + b.reminders).toBeGreaterThanOrEqual(ids.length);
      for (const id of ids) expect(await outbox(id, 'case.pending_reminder')).toHaveLength(1);

      h.clock.set(new Date(t0 + 14 * DAY));
      await Promise.all([runLifecycleJobs(h.ctx), runLifecycleJobs(second), runLifecycleJobs(h.ctx)]);
      for (const id of ids) {
        expect((await caseRow(id)).status).toBe('solved');
        expect(await outbox(id, 'case.status_changed')).toHaveLength(1);
        expect((await systemHistory(id)).map((e) => e.action)).toEqual([
          'pending_reminder_sent',
          'status_changed',
        ]);
      }
      for (const id of solvedIds) {
        expect((await caseRow(id)).status).toBe('closed');
        expect(await outbox(id, 'case.status_changed')).toHaveLength(1);
        expect(await systemHistory(id)).toHaveLength(1);
      }
    } finally {
      if (second !== h.ctx) await second.database.close();
    }
  });
});
