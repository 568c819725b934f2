import { type SqlBool, sql } from 'kysely';
import {
  AGE_BUCKET_DAYS,
  AGE_BUCKET_LABELS,
  AGE_BUCKETS,
  type AgeBucket,
  type Dashboard,
  type DashboardQuery,
  type FirstResponseFigures,
} from '../../shared/api/dashboard.ts';
import { OPEN_STATUSES, PLANS, type Plan, PRIORITIES, type Priority } from '../../shared/enums.ts';
import type { Database } from '../db/database.ts';
import { deflectionReport } from './deflectionReport.ts';

const DAY_MS = 86_400_000;
/** Ranges up to this many days are charted per day, longer ones per week (Monday to Sunday). */
const DAILY_UP_TO_DAYS = 31;

/**
 * The support dashboard (issue 6, SPEC §5), for managers and administrators. Everything is counted in
 * SQL (grouped queries over indexed columns), never by loading cases:
 *
 * - open cases now (new, open, pending customer) by priority, by age since opening × priority, and per
 *   queue with the unassigned ones — a snapshot at `now`, whatever the date range;
 * - first-response attainment by plan for the cases whose first response was DUE in each period: met
 *   (first public support reply at or before the due time) and breached (replied late, unanswered past
 *   due, or `first_response_breached` set by the SLA engine); not counted in the rate: not yet due (clock
 *   running, due time ahead), paused (waiting for the customer before any reply, with time left: no due
 *   time while paused, so counted on the day the case was opened), solved without a reply in time;
 * - escalations requested, acknowledged and resolved in the range, and those open now;
 * - the deflection rate (queries/deflectionReport.ts) per period.
 *
 * `plan` (the account's current plan) and `queue` narrow every figure but deflection, which is measured
 * on case forms before a case (and so a queue) exists. Merged duplicates are left out of attainment:
 * their customer is answered on the case they were merged into. Days are UTC dates, as in deflection.
 */
export async function supportDashboard(
  database: Database,
  query: DashboardQuery,
  now: Date,
): Promise<Dashboard> {
  // The deflection report validates and defaults the range (422 past 366 days or reversed): one rule for both.
  const deflection = await deflectionReport(database, { from: query.from, to: query.to }, now);
  const { from, to } = deflection;
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`) + DAY_MS;
  const days = Math.round((end - start) / DAY_MS);
  const granularity = days <= DAILY_UP_TO_DAYS ? 'day' : 'week';
  const periods = periodsOf(start, end, granularity);
  const periodOfDay = (day: string) => periods.find((p) => p.start <= day && day <= p.end);

  const [open, firstResponse, escalations, options] = await Promise.all([
    openCases(database, query, now),
    firstResponseAttainment(database, query, now, start, end),
    escalationFigures(database, query, start, end),
    filterOptions(database),
  ]);

  // First response: the per-day rows of the query, summed into periods, plans and totals.
  const totals = emptyFigures();
  const byPlan = new Map<Plan, FirstResponseFigures>(PLANS.map((p) => [p, emptyFigures()]));
  const periodFigures = periods.map((p) => ({
    ...p,
    total: emptyFigures(),
    plans: Object.fromEntries(PLANS.map((plan) => [plan, emptyFigures()])) as Record<
      Plan,
      FirstResponseFigures
    >,
  }));
  for (const row of firstResponse) {
    const period = periodFigures.find((p) => p.start <= row.day && row.day <= p.end);
    for (const f of [totals, byPlan.get(row.plan), period?.total, period?.plans[row.plan]]) {
      if (!f) continue;
      f.met += row.met;
      f.breached += row.breached;
      f.notYetDue += row.not_yet_due;
      f.paused += row.paused;
    }
  }
  for (const f of [
    totals,
    ...byPlan.values(),
    ...periodFigures.flatMap((p) => [p.total, ...Object.values(p.plans)]),
  ])
    f.attainment = ratio(f.met, f.met + f.breached);

  // Deflection: the report's days summed into the same periods.
  const deflectionPeriods = periods.map((p) => ({
    ...p,
    deflected: 0,
    casesOpened: 0,
    rate: null as number | null,
  }));
  for (const d of deflection.days) {
    const period = periodOfDay(d.date);
    const target = period && deflectionPeriods.find((p) => p.start === period.start);
    if (!target) continue;
    target.deflected += d.deflected;
    target.casesOpened += d.casesOpened;
  }
  for (const p of deflectionPeriods) p.rate = ratio(p.deflected, p.deflected + p.casesOpened);

  // Queues: every configured queue (and any key a case still names), so an empty queue shows as 0.
  const queueRows = new Map<string, Dashboard['queues'][number]>();
  for (const q of options.queues) {
    if (!query.queue || q.key === query.queue)
      queueRows.set(q.key, { key: q.key, name: q.name, open: 0, unassigned: 0 });
  }
  for (const row of open.byQueue) {
    const q = queueRows.get(row.queue) ?? { key: row.queue, name: row.queue, open: 0, unassigned: 0 };
    q.open += row.open;
    q.unassigned += row.unassigned;
    queueRows.set(row.queue, q);
  }

  return {
    from,
    to,
    plan: query.plan ?? null,
    queue: query.queue ?? null,
    generatedAt: now.toISOString(),
    granularity,
    options: { plans: [...PLANS], queues: options.queues },
    open: open.figures,
    queues: [...queueRows.values()].sort((a, b) => b.open - a.open || a.name.localeCompare(b.name)),
    firstResponse: {
      totals,
      byPlan: [...byPlan].map(([plan, f]) => ({ plan, ...f })),
      periods: periodFigures,
    },
    escalations,
    deflection: {
      deflected: deflection.totals.deflected,
      casesOpened: deflection.totals.casesOpened,
      rate: deflection.totals.deflectionRate,
      periods: deflectionPeriods,
    },
  };
}

type Filters = Pick<DashboardQuery, 'plan' | 'queue'>;

/** Cases narrowed by the filters (the plan through the small accounts table). */
function casesOf(database: Database, filters: Filters) {
  let q = database.db.selectFrom('cases');
  const plan = filters.plan;
  if (plan) {
    q = q.where('cases.account_id', 'in', (eb) =>
      eb.selectFrom('accounts').select('accounts.id').where('accounts.plan', '=', plan),
    );
  }
  if (filters.queue) q = q.where('cases.queue_key', '=', filters.queue);
  return q;
}

async function openCases(database: Database, filters: Filters, now: Date) {
  const nowIso = now.toISOString();
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  // Oldest first: the first bucket whose lower bound the age passes.
  const bucket = sql<AgeBucket>`case
    when cases.created_at > ${before(AGE_BUCKET_DAYS['1to3d'])} then 'lt1d'
    when cases.created_at > ${before(AGE_BUCKET_DAYS['3to7d'])} then '1to3d'
    when cases.created_at > ${before(AGE_BUCKET_DAYS['7to30d'])} then '3to7d'
    when cases.created_at > ${before(AGE_BUCKET_DAYS.gt30d)} then '7to30d'
    else 'gt30d' end`;
  const late = sql<SqlBool>`(cases.first_responded_at is null and (
    cases.first_response_breached = 1
    or (cases.first_response_due_at <= ${nowIso} and cases.sla_paused_at is null and cases.status <> 'pending_customer')
    or cases.first_response_due_at <= cases.sla_paused_at
  ))`;
  const rows = await casesOf(database, filters)
    .where('cases.status', 'in', [...OPEN_STATUSES])
    .select([
      'cases.priority',
      'cases.queue_key as queue',
      bucket.as('bucket'),
      (eb) => eb.fn.countAll<number>().as('n'),
      sql<number>`sum(case when cases.owner_id is null then 1 else 0 end)`.as('unassigned'),
      sql<number>`sum(case when ${late} then 1 else 0 end)`.as('late'),
    ])
    .groupBy(['cases.priority', 'cases.queue_key', sql.ref('bucket')])
    .execute();

  const byPriority = new Map<Priority, number>(PRIORITIES.map((p) => [p, 0]));
  const byAge = new Map(
    AGE_BUCKETS.map((b) => [
      b,
      {
        bucket: b,
        label: AGE_BUCKET_LABELS[b],
        P1: 0,
        P2: 0,
        P3: 0,
        P4: 0,
        total: 0,
      } as Dashboard['open']['byAge'][number],
    ]),
  );
  const byQueue = new Map<string, { queue: string; open: number; unassigned: number }>();
  let total = 0;
  let unassigned = 0;
  let overdue = 0;
  for (const r of rows) {
    const n = Number(r.n);
    const u = Number(r.unassigned);
    total += n;
    unassigned += u;
    overdue += Number(r.late);
    byPriority.set(r.priority, (byPriority.get(r.priority) ?? 0) + n);
    const age = byAge.get(r.bucket);
    if (age) {
      age[r.priority] += n;
      age.total += n;
    }
    const q = byQueue.get(r.queue) ?? { queue: r.queue, open: 0, unassigned: 0 };
    q.open += n;
    q.unassigned += u;
    byQueue.set(r.queue, q);
  }
  return {
    figures: {
      total,
      unassigned,
      overdue,
      byPriority: [...byPriority].map(([priority, count]) => ({ priority, count })),
      byAge: [...byAge.values()],
    },
    byQueue: [...byQueue.values()],
  };
}

interface AttainmentRow {
  day: string;
  plan: Plan;
  met: number;
  breached: number;
  not_yet_due: number;
  paused: number;
}

async function firstResponseAttainment(
  database: Database,
  filters: Filters,
  now: Date,
  start: number,
  end: number,
): Promise<AttainmentRow[]> {
  const nowIso = now.toISOString();
  const startIso = new Date(start).toISOString();
  const endIso = new Date(end).toISOString();
  const dayOf = (column: 'first_response_due_at' | 'created_at') =>
    database.dialect === 'postgres'
      ? sql<string>`to_char(${sql.ref(`cases.${column}`)} at time zone 'UTC', 'YYYY-MM-DD')`
      : sql<string>`substr(${sql.ref(`cases.${column}`)}, 1, 10)`;
  const answered = sql<SqlBool>`cases.first_responded_at is not null`;
  const running = sql<SqlBool>`(cases.status in ('new', 'open') and cases.sla_paused_at is null)`;
  // Late: replied after the due time, or marked so by the SLA engine, or unanswered and past due — with the
  // clock running, or already when it stopped (pending customer, or solved without a reply).
  const breached = sql<SqlBool>`(
    cases.first_response_breached = 1
    or (${answered} and cases.first_responded_at > cases.first_response_due_at)
    or (cases.first_responded_at is null and (
      (${running} and cases.first_response_due_at <= ${nowIso})
      or cases.first_response_due_at <= cases.sla_paused_at
      or (cases.status in ('solved', 'closed') and cases.first_response_due_at < coalesce(cases.solved_at, cases.closed_at))
    ))
  )`;
  const decided = casesOf(database, filters)
    .innerJoin('accounts', 'accounts.id', 'cases.account_id')
    // Both values of the flag: lets the (first_response_breached, first_response_due_at) index serve the range.
    .where('cases.first_response_breached', 'in', [0, 1])
    .where('cases.first_response_due_at', '>=', startIso)
    .where('cases.first_response_due_at', '<', endIso)
    .where('cases.merged_into_id', 'is', null)
    .select([
      dayOf('first_response_due_at').as('day'),
      'accounts.plan',
      sql<number>`sum(case when ${breached} then 0 when ${answered} then 1 else 0 end)`.as('met'),
      sql<number>`sum(case when ${breached} then 1 else 0 end)`.as('breached'),
      sql<number>`sum(case when ${breached} or ${answered} then 0 when ${running} then 1 else 0 end)`.as(
        'not_yet_due',
      ),
    ])
    .groupBy([sql.ref('day'), 'accounts.plan'])
    .execute();
  // A clock stopped while waiting for the customer has no due time (the SLA engine moves it out by the
  // pause): such cases are counted apart, on the day they were opened, until they are answered or late.
  const paused = casesOf(database, filters)
    .innerJoin('accounts', 'accounts.id', 'cases.account_id')
    .where('cases.status', '=', 'pending_customer')
    .where('cases.first_responded_at', 'is', null)
    .where('cases.first_response_breached', '=', 0)
    .where('cases.merged_into_id', 'is', null)
    .where('cases.created_at', '>=', startIso)
    .where('cases.created_at', '<', endIso)
    .where((eb) =>
      eb.or([
        eb('cases.first_response_due_at', 'is', null),
        eb(sql.ref('cases.first_response_due_at'), '>', sql`coalesce(cases.sla_paused_at, ${nowIso})`),
      ]),
    )
    .select([dayOf('created_at').as('day'), 'accounts.plan', (eb) => eb.fn.countAll<number>().as('paused')])
    .groupBy([sql.ref('day'), 'accounts.plan'])
    .execute();
  const [decidedRows, pausedRows] = await Promise.all([decided, paused]);
  return [
    ...decidedRows.map((r) => ({
      day: r.day,
      plan: r.plan,
      met: Number(r.met),
      breached: Number(r.breached),
      not_yet_due: Number(r.not_yet_due),
      paused: 0,
    })),
    ...pausedRows.map((r) => ({
      day: r.day,
      plan: r.plan,
      met: 0,
      breached: 0,
      not_yet_due: 0,
      paused: Number(r.paused),
    })),
  ];
}

async function escalationFigures(
  database: Database,
  filters: Filters,
  start: number,
  end: number,
): Promise<Dashboard['escalations']> {
  const startIso = new Date(start).toISOString();
  const endIso = new Date(end).toISOString();
  const base = () => {
    let q = database.db.selectFrom('escalations');
    if (filters.plan || filters.queue) {
      q = q.where('escalations.case_id', 'in', () => casesOf(database, filters).select('cases.id'));
    }
    return q;
  };
  const within = (column: 'requested_at' | 'acknowledged_at' | 'resolved_at') =>
    sql<number>`sum(case when ${sql.ref(`escalations.${column}`)} >= ${startIso} and ${sql.ref(`escalations.${column}`)} < ${endIso} then 1 else 0 end)`;
  const [counts, acknowledged] = await Promise.all([
    base()
      .select([
        within('requested_at').as('requested'),
        within('acknowledged_at').as('acknowledged'),
        within('resolved_at').as('resolved'),
        sql<number>`sum(case when escalations.state = 'requested' then 1 else 0 end)`.as('awaiting'),
        sql<number>`sum(case when escalations.state = 'acknowledged' then 1 else 0 end)`.as('in_progress'),
        sql<
          string | null
        >`min(case when escalations.state <> 'resolved' then escalations.requested_at end)`.as('oldest_open'),
      ])
      .executeTakeFirstOrThrow(),
    // Few rows (escalations acknowledged in the range): the median is taken here.
    base()
      .select(['escalations.requested_at', 'escalations.acknowledged_at'])
      .where('escalations.acknowledged_at', '>=', startIso)
      .where('escalations.acknowledged_at', '<', endIso)
      .execute(),
  ]);
  const waits = acknowledged
    .map((e) => (Date.parse(e.acknowledged_at ?? '') - Date.parse(e.requested_at)) / 60_000)
    .filter((m) => Number.isFinite(m))
    .sort((a, b) => a - b);
  const mid = Math.floor(waits.length / 2);
  const median =
    waits.length === 0 ? null : waits.length % 2 ? waits[mid]! : (waits[mid - 1]! + waits[mid]!) / 2;
  const oldest = counts.oldest_open;
  return {
    requested: Number(counts.requested ?? 0),
    acknowledged: Number(counts.acknowledged ?? 0),
    resolved: Number(counts.resolved ?? 0),
    awaitingAcknowledgement: Number(counts.awaiting ?? 0),
    inProgress: Number(counts.in_progress ?? 0),
    // SQLite gives the stored text back; PostgreSQL's min() of timestamptz comes back as an ISO string too.
    oldestOpenSince: oldest ? new Date(oldest).toISOString() : null,
    medianMinutesToAcknowledge: median === null ? null : Math.round(median),
  };
}

/** The queues the filter offers: every configured queue, and any other key an open case names. */
async function filterOptions(database: Database) {
  const [configured, used] = await Promise.all([
    database.db.selectFrom('queues').select(['key', 'name']).orderBy('name').execute(),
    database.db
      .selectFrom('cases')
      .select('queue_key')
      .distinct()
      .where('status', 'in', [...OPEN_STATUSES])
      .execute(),
  ]);
  const known = new Set(configured.map((q) => q.key));
  const extra = used
    .map((u) => u.queue_key)
    .filter((k) => !known.has(k))
    .sort()
    .map((key) => ({ key, name: key }));
  return { queues: [...configured, ...extra] };
}

function periodsOf(
  start: number,
  end: number,
  granularity: 'day' | 'week',
): { start: string; end: string }[] {
  const date = (t: number) => new Date(t).toISOString().slice(0, 10);
  const periods: { start: string; end: string }[] = [];
  if (granularity === 'day') {
    for (let t = start; t < end; t += DAY_MS) periods.push({ start: date(t), end: date(t) });
    return periods;
  }
  // Weeks run Monday to Sunday; the first and last are cut to the range.
  let t = start;
  while (t < end) {
    const weekday = (new Date(t).getUTCDay() + 6) % 7; // Monday 0
    const weekEnd = Math.min(t + (7 - weekday) * DAY_MS, end);
    periods.push({ start: date(t), end: date(weekEnd - DAY_MS) });
    t = weekEnd;
  }
  return periods;
}

function emptyFigures(): FirstResponseFigures {
  return { met: 0, breached: 0, notYetDue: 0, paused: 0, attainment: null };
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}
