import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseStatus, Priority } from '../../shared/enums.ts';
import { addComment } from '../commands/addComment.ts';
import { reopenCase } from '../commands/reopenCase.ts';
import { solveCase } from '../commands/solveCase.ts';
import { caseDetail } from '../queries/caseDetail.ts';
import { makeCase } from '../testing/builders.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { createHarness, type Harness } from '../testing/harness.ts';
import { recomputeCaseSla } from './caseSla.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describeEachDatabase('recomputeCaseSla', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(() => h.close());

  const db = () => h.ctx.database.db;
  const caseRow = (id: string) =>
    db().selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const at = (ms: number) => new Date(ms).toISOString();
  /** opens a case as bob (acme: gold, 24×7) or hank (globex: basic, 24×5) at the clock's time */
  const open = async (priority: Priority = 'P3', who = 'bob@acme.example') => {
    const actor = await h.actor(who);
    const org = who.endsWith('globex.example') ? 'globex' : 'acme';
    const c = await makeCase(h.ctx, actor, {
      priority,
      p1Confirmed: priority === 'P1',
      org,
      caseEmail: who,
      contactTimezone: 'Europe/Berlin',
    });
    return { ...c, created: h.clock.now().getTime() };
  };
  /** what the support side does (H2's changeCaseStatus / changeCasePriority): write, then recompute */
  const setStatus = (id: string, status: CaseStatus) =>
    h.ctx.database.transaction(async (trx) => {
      await trx.updateTable('cases').set({ status }).where('id', '=', id).execute();
      await recomputeCaseSla(trx, id, h.clock.now());
    });
  const setPriority = (id: string, priority: Priority) =>
    h.ctx.database.transaction(async (trx) => {
      await trx.updateTable('cases').set({ priority }).where('id', '=', id).execute();
      await recomputeCaseSla(trx, id, h.clock.now());
    });
  const reply = async (number: string, internal = false) =>
    addComment(h.ctx, await h.actor('sam@support.example'), number, { body: 'Looking into it.', internal });

  it('gives a new case its due time from the configured target (gold P3: 4 h, around the clock)', async () => {
    h.clock.set('2026-11-07T10:00:00.000Z'); // a Saturday
    const c = await open('P3');
    expect(await caseRow(c.id)).toMatchObject({
      first_response_due_at: at(c.created + 4 * HOUR),
      first_response_breached: 0,
      sla_paused_at: null,
      sla_pauses: '[]',
      pending_since: null,
    });
  });

  it('reads targets and support hours from configuration, not code', async () => {
    await db()
      .updateTable('sla_targets')
      .set({ minutes: 100 })
      .where('plan', '=', 'gold')
      .where('priority', '=', 'P2')
      .execute();
    await db().updateTable('plans').set({ support_hours: '24x5' }).where('key', '=', 'gold').execute();
    try {
      h.clock.set('2026-11-06T22:00:00.000Z'); // Friday 23:00 Berlin: one hour left in the week
      const c = await open('P2');
      // 60 minutes on Friday, 40 from Monday 00:00 Berlin (23:00 UTC Sunday)
      expect((await caseRow(c.id)).first_response_due_at).toBe('2026-11-08T23:40:00.000Z');
    } finally {
      await db()
        .updateTable('sla_targets')
        .set({ minutes: 60 })
        .where('plan', '=', 'gold')
        .where('priority', '=', 'P2')
        .execute();
      await db().updateTable('plans').set({ support_hours: '24x7' }).where('key', '=', 'gold').execute();
    }
  });

  it('stops the clock while pending the customer and moves the due time out by the pause', async () => {
    h.clock.set('2026-11-02T09:00:00.000Z');
    const c = await open('P3'); // 4 h
    h.clock.advance(HOUR);
    await setStatus(c.id, 'pending_customer');
    const paused = await caseRow(c.id);
    expect(paused).toMatchObject({
      sla_paused_at: at(c.created + HOUR),
      pending_since: at(c.created + HOUR),
      first_response_due_at: null,
      first_response_breached: 0,
    });
    // far past the original due time, still not breached while paused
    h.clock.advance(10 * HOUR);
    await recomputeCaseSla(db(), c.id, h.clock.now());
    expect(await caseRow(c.id)).toMatchObject({ first_response_due_at: null, first_response_breached: 0 });
    const sam = await h.actor('sam@support.example');
    const detail = await caseDetail(db(), await caseRow(c.id), sam, h.clock.now());
    expect(detail.sla).toEqual({
      state: 'paused',
      dueAt: null,
      breached: false,
      aboutToBreach: false,
      remainingMinutes: 180,
    });
    // the customer's reply makes the case open again and restarts the clock
    await addComment(h.ctx, await h.actor('bob@acme.example'), c.number, {
      body: 'Here are the logs',
      internal: false,
    });
    const resumed = await caseRow(c.id);
    expect(resumed).toMatchObject({
      status: 'open',
      sla_paused_at: null,
      pending_since: null,
      first_response_due_at: at(c.created + 14 * HOUR),
      first_response_breached: 0,
    });
    expect(JSON.parse(resumed.sla_pauses)).toEqual([
      { from: at(c.created + HOUR), to: at(c.created + 11 * HOUR) },
    ]);
  });

  it('is met by the first public support reply, not by an internal note', async () => {
    h.clock.set('2026-11-02T09:00:00.000Z');
    const c = await open('P2'); // gold P2: 1 h
    h.clock.advance(20 * MINUTE);
    await reply(c.number, true);
    expect(await caseRow(c.id)).toMatchObject({
      first_responded_at: null,
      first_response_due_at: at(c.created + HOUR),
    });
    h.clock.advance(20 * MINUTE);
    await reply(c.number);
    h.clock.advance(5 * HOUR);
    await recomputeCaseSla(db(), c.id, h.clock.now());
    const row = await caseRow(c.id);
    expect(row).toMatchObject({
      first_responded_at: at(c.created + 40 * MINUTE),
      first_response_due_at: at(c.created + HOUR),
      first_response_breached: 0,
    });
    const sam = await h.actor('sam@support.example');
    expect((await caseDetail(db(), row, sam, h.clock.now())).sla).toMatchObject({
      state: 'met',
      breached: false,
    });
  });

  it('counts a reply after the due time as breached', async () => {
    h.clock.set('2026-11-02T09:00:00.000Z');
    const c = await open('P1'); // gold P1: 30 min
    h.clock.advance(31 * MINUTE);
    await reply(c.number);
    expect(await caseRow(c.id)).toMatchObject({
      first_response_breached: 1,
      first_response_due_at: at(c.created + 30 * MINUTE),
    });
  });

  it('recomputes from creation with the new target when the priority changes', async () => {
    h.clock.set('2026-11-02T09:00:00.000Z');
    const c = await open('P3'); // 4 h
    h.clock.advance(45 * MINUTE);
    await setPriority(c.id, 'P1'); // 30 min from creation: already late
    expect(await caseRow(c.id)).toMatchObject({
      first_response_due_at: at(c.created + 30 * MINUTE),
      first_response_breached: 1,
    });
    await setPriority(c.id, 'P2'); // 1 h from creation: 15 minutes left
    expect(await caseRow(c.id)).toMatchObject({
      first_response_due_at: at(c.created + HOUR),
      first_response_breached: 0,
    });
    const sam = await h.actor('sam@support.example');
    const sla = async () => (await caseDetail(db(), await caseRow(c.id), sam, h.clock.now())).sla;
    // 15 of 60 minutes left: a quarter, not less
    expect(await sla()).toEqual({
      state: 'running',
      dueAt: at(c.created + HOUR),
      breached: false,
      aboutToBreach: false,
      remainingMinutes: 15,
    });
    h.clock.advance(MINUTE);
    expect(await sla()).toMatchObject({ state: 'running', aboutToBreach: true, remainingMinutes: 14 });
  });

  it('keeps the pauses when the priority changes during one', async () => {
    h.clock.set('2026-11-02T09:00:00.000Z');
    const c = await open('P4'); // 24 h
    h.clock.advance(2 * HOUR);
    await setStatus(c.id, 'pending_customer');
    h.clock.advance(3 * HOUR);
    await setStatus(c.id, 'open');
    h.clock.advance(HOUR);
    await setPriority(c.id, 'P3'); // 4 h of running time; 3 h ran: due 1 h from now
    expect((await caseRow(c.id)).first_response_due_at).toBe(at(c.created + 7 * HOUR));
  });

  it('stops the clock for a case solved before any reply (met) and restarts it on reopening', async () => {
    h.clock.set('2026-11-02T09:00:00.000Z');
    const c = await open('P3');
    const bob = await h.actor('bob@acme.example');
    h.clock.advance(HOUR);
    await solveCase(h.ctx, bob, c.number);
    const sam = await h.actor('sam@support.example');
    expect((await caseDetail(db(), await caseRow(c.id), sam, h.clock.now())).sla).toMatchObject({
      state: 'met',
      breached: false,
    });
    h.clock.advance(2 * HOUR);
    await reopenCase(h.ctx, bob, c.number);
    expect(await caseRow(c.id)).toMatchObject({
      sla_paused_at: null,
      first_response_due_at: at(c.created + 6 * HOUR),
    });
  });

  it('follows the contact time zone for 24×5 plans (basic)', async () => {
    h.clock.set('2026-11-06T22:30:00.000Z'); // Friday 23:30 Berlin
    const c = await open('P1', 'hank@globex.example'); // basic P1: 2 h of weekday time
    expect((await caseRow(c.id)).first_response_due_at).toBe('2026-11-09T00:30:00.000Z'); // Monday 01:30 Berlin
  });

  describe('in the case JSON', () => {
    it('shows support the SLA and customers null, in the case and in lists', async () => {
      h.clock.set('2026-11-02T09:00:00.000Z');
      const c = await open('P3');
      const bob = await h.signIn('bob@acme.example');
      const sam = await h.signIn('sam@support.example');
      const asBob = (await bob.get(`/api/v1/cases/${c.number}`)).json();
      expect(asBob.sla).toBeNull();
      expect(asBob.firstResponseDueAt).toBe(at(c.created + 4 * HOUR));
      const asSam = await sam.get(`/api/v1/cases/${c.number}`);
      expect(asSam.statusCode).toBe(200);
      expect(asSam.json().sla).toEqual({
        state: 'running',
        dueAt: at(c.created + 4 * HOUR),
        breached: false,
        aboutToBreach: false,
        remainingMinutes: 240,
      });
      const list = (await bob.get('/api/v1/cases?status=all&pageSize=100')).json();
      expect(list.items.length).toBeGreaterThan(0);
      expect(list.items.every((i: { sla: unknown }) => i.sla === null)).toBe(true);
    });
  });
});
