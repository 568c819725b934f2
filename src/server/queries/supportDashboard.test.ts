import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard, DashboardQuery } from '../../shared/api/dashboard.ts';
import type { Plan, Priority } from '../../shared/enums.ts';
import { newId } from '../db/ids.ts';
import type { CasesTable } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { makeAccount, makeAdmin, makeCase, makeOrg } from '../testing/builders.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { createHarness, type Harness } from '../testing/harness.ts';
import { supportDashboard } from './supportDashboard.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The dashboard is read at this instant (a Sunday). */
const NOW = '2026-12-20T12:00:00.000Z';
const ago = (ms: number) => new Date(Date.parse(NOW) - ms).toISOString();

/**
 * Every figure below is counted by hand from the cases built here. The built accounts are the only
 * silver ones (the demo accounts are gold and basic), and their due times fall in December while the
 * demo cases' fall on 2–3 November, so the expectations hold whatever else the demo data holds.
 */
describeEachDatabase('support dashboard: figures from built cases', (dialect) => {
  let h: Harness;
  const ids: Record<string, string> = {};
  const dashboard = (query: DashboardQuery = {}) => supportDashboard(h.ctx.database, query, new Date(NOW));
  let baseline: Dashboard;

  /** Opens a case through the real command at `createdAt`, then sets what the scenario needs as stored. */
  async function build(
    name: string,
    plan: Plan,
    createdAt: string,
    set: Partial<
      Pick<
        CasesTable,
        | 'status'
        | 'owner_id'
        | 'queue_key'
        | 'first_response_due_at'
        | 'first_responded_at'
        | 'first_response_breached'
        | 'sla_paused_at'
        | 'solved_at'
        | 'closed_at'
        | 'merged_into_id'
      >
    >,
    priority: Priority = 'P3',
  ) {
    h.clock.set(createdAt);
    const { id } = await makeCase(h.ctx, customers[plan], {
      org: orgs[plan],
      priority,
      p1Confirmed: priority === 'P1',
    });
    await h.ctx.database.db.updateTable('cases').set(set).where('id', '=', id).execute();
    ids[name] = id;
    return id;
  }
  const customers = {} as Record<Plan, Awaited<ReturnType<typeof makeAdmin>>>;
  const orgs = {} as Record<Plan, string>;
  let reader: string;
  let sam: string;

  beforeAll(async () => {
    h = await createHarness(dialect);
    h.clock.set('2026-11-25T09:00:00.000Z');
    // Before anything is built: what the demo data alone gives, for the unfiltered figures.
    baseline = await dashboard();
    sam = (await h.actor('sam@support.example')).id;
    for (const plan of ['silver', 'gold', 'basic'] as const) {
      const account = await makeAccount(h.ctx, { plan, name: `Dashboard ${plan}` });
      const org = await makeOrg(h.ctx, account.id);
      orgs[plan] = org.slug;
      customers[plan] = await makeAdmin(h.ctx, account.id, [{ orgId: org.id, role: 'super_admin' }]);
    }
    const silverAccount = customers.silver.accountId;
    reader = (await makeAdmin(h.ctx, silverAccount, [])).id;

    // Open now (silver). Their due times lie outside the attainment range of December 1–20.
    await build(
      'o1',
      'silver',
      ago(2 * HOUR),
      {
        status: 'new',
        queue_key: 'identity',
        first_response_due_at: '2026-11-20T10:00:00.000Z', // unanswered, past due, clock running: overdue
      },
      'P1',
    );
    await build(
      'o2',
      'silver',
      ago(2 * DAY),
      {
        status: 'open',
        owner_id: sam,
        queue_key: 'identity',
        first_response_due_at: '2026-11-20T10:00:00.000Z',
        first_responded_at: '2026-11-19T10:00:00.000Z',
      },
      'P2',
    );
    await build('o3', 'silver', ago(5 * DAY), {
      status: 'pending_customer',
      queue_key: 'lifecycle',
      first_response_due_at: '2026-12-25T10:00:00.000Z',
      sla_paused_at: '2026-12-19T10:00:00.000Z', // paused with time left: not overdue
    });
    await build('o4', 'silver', ago(10 * DAY), {
      status: 'open',
      owner_id: sam,
      queue_key: 'lifecycle',
      first_response_due_at: '2026-11-20T10:00:00.000Z',
      first_responded_at: '2026-11-20T09:00:00.000Z',
    });
    await build(
      'o5',
      'silver',
      ago(40 * DAY),
      {
        status: 'new',
        queue_key: 'triage',
        first_response_due_at: '2026-11-15T10:00:00.000Z', // overdue
      },
      'P4',
    );
    await build(
      'o6',
      'silver',
      ago(20 * HOUR),
      {
        status: 'open',
        owner_id: sam,
        queue_key: 'identity',
        first_response_due_at: '2026-12-25T10:00:00.000Z', // due later: not overdue
      },
      'P2',
    );
    // Not open: never in the open figures.
    await build('s1', 'silver', ago(3 * DAY), {
      status: 'solved',
      queue_key: 'identity',
      solved_at: ago(DAY),
      first_response_due_at: '2026-11-20T10:00:00.000Z',
      first_responded_at: '2026-11-20T09:00:00.000Z',
    });
    await build('c1', 'silver', ago(4 * DAY), {
      status: 'closed',
      queue_key: 'triage',
      closed_at: ago(DAY),
      first_response_due_at: '2026-11-20T10:00:00.000Z',
      first_responded_at: '2026-11-20T09:00:00.000Z',
    });

    // First response due in December 1–20, in a queue of its own ("platform") and status solved where
    // the case is done, so that the open figures above stay as they are.
    const due = (name: string, plan: Plan, set: Parameters<typeof build>[3]) =>
      build(name, plan, '2026-12-01T00:00:00.000Z', { status: 'solved', queue_key: 'platform', ...set });
    await due('a1', 'silver', {
      first_response_due_at: '2026-12-05T10:00:00.000Z',
      first_responded_at: '2026-12-05T09:00:00.000Z',
    }); // met
    await due('a2', 'silver', {
      first_response_due_at: '2026-12-05T12:00:00.000Z',
      first_responded_at: '2026-12-05T13:00:00.000Z',
    }); // late reply
    await due('a3', 'silver', { status: 'open', first_response_due_at: '2026-12-06T08:00:00.000Z' }); // unanswered past due
    await due('a4', 'silver', { status: 'open', first_response_due_at: '2026-12-20T18:00:00.000Z' }); // not yet due
    await due('a5', 'silver', {
      status: 'open',
      first_response_due_at: '2026-12-20T15:00:00.000Z',
      first_responded_at: '2026-12-20T11:00:00.000Z',
    }); // met early
    await due('a6', 'silver', {
      status: 'pending_customer',
      first_response_due_at: null, // as the SLA engine stores a stopped clock with time left
      sla_paused_at: '2026-12-10T09:00:00.000Z',
    }); // paused with time left: not in the rate; counted as paused on the day it was opened (Dec 1)
    await due('a7', 'silver', {
      status: 'pending_customer',
      first_response_due_at: '2026-12-11T10:00:00.000Z',
      sla_paused_at: '2026-12-11T11:00:00.000Z',
    }); // already late when paused
    await due('a8', 'silver', {
      first_response_due_at: '2026-12-12T10:00:00.000Z',
      solved_at: '2026-12-12T09:00:00.000Z',
    }); // solved in time without a reply: not counted
    await due('a9', 'silver', {
      first_response_due_at: '2026-12-13T10:00:00.000Z',
      merged_into_id: ids.a1!,
    }); // a merged duplicate: left out
    await due('a10', 'silver', { status: 'open', first_response_due_at: '2026-11-30T23:59:59.999Z' }); // before the range
    await due('a11', 'silver', { status: 'open', first_response_due_at: '2026-12-21T00:00:00.000Z' }); // after the range
    await due('a12', 'silver', {
      status: 'open',
      first_response_due_at: '2026-12-20T20:00:00.000Z',
      first_response_breached: 1,
    }); // the SLA engine says late: it counts as late
    await due('a13', 'silver', {
      first_response_due_at: '2026-12-14T10:00:00.000Z',
      solved_at: '2026-12-14T11:00:00.000Z',
    }); // solved late, unanswered
    await due('g1', 'gold', {
      first_response_due_at: '2026-12-05T10:00:00.000Z',
      first_responded_at: '2026-12-05T09:30:00.000Z',
    }); // met
    await due('g2', 'gold', {
      first_response_due_at: '2026-12-15T10:00:00.000Z',
      first_responded_at: '2026-12-15T10:00:00.000Z',
    }); // met on the dot
    await due('b1', 'basic', { status: 'open', first_response_due_at: '2026-12-07T10:00:00.000Z' }); // unanswered past due

    // Escalations (silver, on open cases; one gold).
    const escalation = async (
      caseName: string,
      e: { requested: string; acknowledged?: string; resolved?: string },
    ) =>
      h.ctx.database.db
        .insertInto('escalations')
        .values({
          id: newId(),
          case_id: ids[caseName]!,
          state: e.resolved ? 'resolved' : e.acknowledged ? 'acknowledged' : 'requested',
          reason: 'Production is down',
          justification: 'Quarter close',
          requested_by: customers.silver.id,
          requested_at: e.requested,
          acknowledged_by: e.acknowledged ? sam : null,
          acknowledged_at: e.acknowledged ?? null,
          resolved_by: e.resolved ? sam : null,
          resolved_at: e.resolved ?? null,
          resolution_note: null,
          acknowledgement_note: null,
        })
        .execute();
    await escalation('o2', {
      requested: '2026-12-02T10:00:00.000Z',
      acknowledged: '2026-12-02T11:00:00.000Z', // 60 minutes
      resolved: '2026-12-03T10:00:00.000Z',
    });
    await escalation('o3', {
      requested: '2026-12-18T10:00:00.000Z',
      acknowledged: '2026-12-18T10:30:00.000Z',
    }); // 30 minutes
    await escalation('o1', { requested: '2026-12-20T09:00:00.000Z' });
    await escalation('o4', { requested: '2026-10-01T09:00:00.000Z', resolved: '2026-10-02T09:00:00.000Z' }); // before the range
    await escalation('g1', {
      requested: '2026-11-20T10:00:00.000Z',
      acknowledged: '2026-12-01T00:00:00.000Z',
    });

    // Case forms (deflection), by a user who opens no case: two left after reading, one ended in a case.
    const form = (startedAt: string, clicks: number, caseId: string | null) =>
      h.ctx.database.db
        .insertInto('form_sessions')
        .values({
          id: randomUUID(),
          user_id: reader,
          started_at: startedAt,
          last_event_at: startedAt,
          issue_area: 'saml-sso',
          impressions: 1,
          clicks,
          case_id: caseId,
          submitted_at: caseId ? startedAt : null,
        })
        .execute();
    await form('2026-12-03T10:00:00.000Z', 1, null);
    await form('2026-12-03T11:00:00.000Z', 2, null);
    await form('2026-12-04T10:00:00.000Z', 0, ids.a1!);
    h.clock.set(NOW);
  });
  afterAll(() => h.close());

  describe('open cases now', () => {
    it('counts open silver cases by priority, age and queue, with the unassigned and overdue ones', async () => {
      // platform: a3, a4, a5, a6, a7, a10, a11, a12 are open too (silver); narrow to the other queues by age.
      const d = await dashboard({ plan: 'silver' });
      const platform = d.queues.find((q) => q.key === 'platform');
      expect(platform).toMatchObject({ open: 8, unassigned: 8 });
      const others = await Promise.all(
        ['identity', 'lifecycle', 'triage'].map((queue) => dashboard({ plan: 'silver', queue })),
      );
      const sum = (f: (x: Dashboard) => number) => others.reduce((s, x) => s + f(x), 0);
      expect(sum((x) => x.open.total)).toBe(6);
      expect(sum((x) => x.open.unassigned)).toBe(3); // o1, o3, o5
      expect(sum((x) => x.open.overdue)).toBe(2); // o1, o5
      const identity = others[0]!;
      expect(identity.open).toMatchObject({ total: 3, unassigned: 1, overdue: 1 });
      expect(identity.open.byPriority).toEqual([
        { priority: 'P1', count: 1 },
        { priority: 'P2', count: 2 },
        { priority: 'P3', count: 0 },
        { priority: 'P4', count: 0 },
      ]);
      expect(identity.open.byAge.map((b) => [b.bucket, b.total, b.P1, b.P2])).toEqual([
        ['lt1d', 2, 1, 1], // o1 (2 h), o6 (20 h)
        ['1to3d', 1, 0, 1], // o2 (2 days)
        ['3to7d', 0, 0, 0],
        ['7to30d', 0, 0, 0],
        ['gt30d', 0, 0, 0],
      ]);
      expect(identity.queues).toEqual([
        { key: 'identity', name: expect.any(String), open: 3, unassigned: 1 },
      ]);
      const lifecycle = others[1]!;
      expect(lifecycle.open.byAge.map((b) => [b.bucket, b.P3])).toEqual([
        ['lt1d', 0],
        ['1to3d', 0],
        ['3to7d', 1], // o3 (5 days)
        ['7to30d', 1], // o4 (10 days)
        ['gt30d', 0],
      ]);
      expect(lifecycle.open).toMatchObject({ total: 2, unassigned: 1, overdue: 0 });
      const triage = others[2]!;
      expect(triage.open.byAge.find((b) => b.bucket === 'gt30d')).toMatchObject({ P4: 1, total: 1 }); // o5
      expect(triage.open).toMatchObject({ total: 1, unassigned: 1, overdue: 1 });
    });

    it('counts the platform cases by age from their opening on December 1 (19½ days: 7–30 d)', async () => {
      const d = await dashboard({ plan: 'silver', queue: 'platform' });
      expect(d.open.byAge.find((b) => b.bucket === '7to30d')).toMatchObject({ P3: 8, total: 8 });
      // a3 and a10 are past due with the clock running; a7 was late when paused; a12 is marked late.
      expect(d.open.overdue).toBe(4);
    });

    it('adds the built cases to what the demo data gives without filters', async () => {
      const d = await dashboard();
      expect(d.open.total).toBe(baseline.open.total + 6 + 8 + 1); // silver, silver platform, basic b1
      const byQueue = Object.fromEntries(d.queues.map((q) => [q.key, q.open]));
      const before = Object.fromEntries(baseline.queues.map((q) => [q.key, q.open]));
      expect(byQueue.identity).toBe((before.identity ?? 0) + 3);
      expect(byQueue.platform).toBe((before.platform ?? 0) + 9);
    });

    it('lists every configured queue, and the queues of open cases, as filter options', async () => {
      const d = await dashboard({ plan: 'gold' });
      const keys = d.options.queues.map((q) => q.key);
      expect(keys).toEqual(expect.arrayContaining(['identity', 'lifecycle', 'triage', 'platform']));
      expect(d.options.plans).toEqual(['basic', 'silver', 'gold']);
    });
  });

  describe('first-response attainment', () => {
    const december = { from: '2026-12-01', to: '2026-12-20' } as const;

    it('counts met, late, not yet due and paused cases by the day their first response was due', async () => {
      const d = await dashboard({ ...december, plan: 'silver' });
      expect(d.granularity).toBe('day');
      expect(d.firstResponse.periods).toHaveLength(20);
      // met: a1, a5; late: a2, a3, a7, a12, a13; not yet due: a4; paused: a6 and o3 (opened Dec 1 and 15);
      // not counted: a8 (solved in time without a reply), a9 (merged), a10 and a11 (due outside the range)
      expect(d.firstResponse.totals).toEqual({
        met: 2,
        breached: 5,
        notYetDue: 1,
        paused: 2,
        attainment: 0.2857,
      });
      const day = (date: string) => d.firstResponse.periods.find((p) => p.start === date)!;
      expect(day('2026-12-05').plans.silver).toEqual({
        met: 1,
        breached: 1,
        notYetDue: 0,
        paused: 0,
        attainment: 0.5,
      });
      expect(day('2026-12-20').plans.silver).toEqual({
        met: 1,
        breached: 1,
        notYetDue: 1,
        paused: 0,
        attainment: 0.5,
      });
      expect(day('2026-12-01').plans.silver).toEqual({
        met: 0,
        breached: 0,
        notYetDue: 0,
        paused: 1,
        attainment: null,
      }); // a6, opened that day; a10 was due the night before
      expect(day('2026-12-15').plans.silver).toMatchObject({ paused: 1 }); // o3
      expect(day('2026-12-12').total).toMatchObject({ met: 0, breached: 0, attainment: null }); // a8
      expect(day('2026-12-13').total).toEqual({
        met: 0,
        breached: 0,
        notYetDue: 0,
        paused: 0,
        attainment: null,
      }); // a9 merged
    });

    it('gives each plan its line and the total across plans', async () => {
      const d = await dashboard(december);
      const byPlan = Object.fromEntries(d.firstResponse.byPlan.map((p) => [p.plan, p]));
      expect(byPlan.gold).toMatchObject({ met: 2, breached: 0, attainment: 1 });
      expect(byPlan.basic).toMatchObject({ met: 0, breached: 1, attainment: 0 });
      expect(byPlan.silver).toMatchObject({ met: 2, breached: 5, paused: 2 });
      expect(d.firstResponse.totals).toMatchObject({ met: 4, breached: 6, attainment: 0.4 });
      const dec5 = d.firstResponse.periods.find((p) => p.start === '2026-12-05')!;
      expect(dec5.total).toMatchObject({ met: 2, breached: 1, attainment: 0.6667 });
      expect(dec5.plans.gold).toMatchObject({ met: 1, breached: 0, attainment: 1 });
    });

    it('charts a long range per week, Monday to Sunday, cut to the range', async () => {
      const d = await dashboard({ from: '2026-09-22', to: '2026-12-20', plan: 'silver' });
      expect(d.granularity).toBe('week');
      expect(d.firstResponse.periods[0]).toMatchObject({ start: '2026-09-22', end: '2026-09-27' });
      expect(d.firstResponse.periods.at(-1)).toMatchObject({ start: '2026-12-14', end: '2026-12-20' });
      expect(d.firstResponse.periods).toHaveLength(13);
      const week = d.firstResponse.periods.find((p) => p.start === '2026-11-30')!;
      expect(week.end).toBe('2026-12-06');
      expect(week.plans.silver).toMatchObject({ met: 1, breached: 3, paused: 1 }); // a1; a2, a3, a10 (Nov 30); a6
    });

    it('narrows by queue', async () => {
      const d = await dashboard({ ...december, queue: 'identity' });
      expect(d.firstResponse.totals).toEqual({
        met: 0,
        breached: 0,
        notYetDue: 0,
        paused: 0,
        attainment: null,
      });
    });
  });

  describe('escalations and deflection', () => {
    it('counts escalations requested, acknowledged and resolved in the range, and those open now', async () => {
      const d = await dashboard({ from: '2026-12-01', to: '2026-12-20', plan: 'silver' });
      expect(d.escalations).toEqual({
        requested: 3,
        acknowledged: 2,
        resolved: 1,
        awaitingAcknowledgement: 1,
        inProgress: 1,
        oldestOpenSince: '2026-12-18T10:00:00.000Z',
        medianMinutesToAcknowledge: 45,
      });
      const all = await dashboard({ from: '2026-12-01', to: '2026-12-20' });
      expect(all.escalations).toMatchObject({ requested: 3, acknowledged: 3, resolved: 1 });
    });

    it('gives the deflection rate of the range and per period, from the deflection report', async () => {
      const d = await dashboard({ from: '2026-12-01', to: '2026-12-20' });
      expect(d.deflection).toMatchObject({ deflected: 2, casesOpened: 1, rate: 0.6667 });
      expect(d.deflection.periods.find((p) => p.start === '2026-12-03')).toMatchObject({
        deflected: 2,
        rate: 1,
      });
      expect(d.deflection.periods.find((p) => p.start === '2026-12-04')).toMatchObject({
        casesOpened: 1,
        rate: 0,
      });
      const weekly = await dashboard({ from: '2026-09-22', to: '2026-12-20' });
      expect(weekly.deflection.periods.find((p) => p.start === '2026-11-30')).toMatchObject({
        deflected: 2,
        casesOpened: 1,
        rate: 0.6667,
      });
    });
  });

  describe('the range', () => {
    it('defaults to the last 30 days and refuses a reversed or too long range', async () => {
      const d = await dashboard();
      expect(d).toMatchObject({ from: '2026-11-21', to: '2026-12-20', granularity: 'day' });
      expect(d.firstResponse.periods).toHaveLength(30);
      await expect(dashboard({ from: '2026-12-20', to: '2026-12-01' })).rejects.toBeInstanceOf(AppError);
      await expect(dashboard({ from: '2025-01-01', to: '2026-12-20' })).rejects.toMatchObject({
        status: 422,
      });
    });
  });
});
