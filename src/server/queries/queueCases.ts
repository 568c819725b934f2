import { type Expression, type SqlBool, sql } from 'kysely';
import type { ConsoleCaseQuery } from '../../shared/api/console.ts';
import { type CaseStatus, OPEN_STATUSES, type Plan, type Priority } from '../../shared/enums.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import { visibleCasesWhere } from '../policies/cases.ts';
import { canUseConsole } from '../policies/staff.ts';
import { SLA_CASE_COLUMNS, slaViews } from '../sla/slaView.ts';
import { peopleById } from './people.ts';

/** Largest candidate set computed in memory for a breach filter (flags need the SLA engine, not SQL). */
const BREACH_SCAN_LIMIT = 5000;

/**
 * The staff case list (issue 6): the cases the caller works (the visibility rule), filtered by queue,
 * assignee, status, priority, plan, breach and text; sorted by time to breach (soonest due first, paused
 * and answered after), priority, age or last update; paginated.
 */
export async function queueCases(database: Database, actor: Actor, query: ConsoleCaseQuery, now: Date) {
  if (!canUseConsole(actor))
    throw new AppError(403, 'staff_only', 'The support console is for support staff.');
  const { db, dialect } = database;
  let base = db
    .selectFrom('cases')
    .innerJoin('orgs', 'orgs.id', 'cases.org_id')
    .innerJoin('accounts', 'accounts.id', 'cases.account_id')
    .leftJoin('queues', 'queues.key', 'cases.queue_key')
    .where(visibleCasesWhere(actor));

  if (query.queue === 'mine') {
    const mine = actor.kind === 'staff' ? actor.queues : [];
    base = base.where('cases.queue_key', 'in', mine.length ? mine : ['']);
  } else if (query.queue !== 'all') base = base.where('cases.queue_key', '=', query.queue);

  if (query.assignee === 'me') base = base.where('cases.owner_id', '=', actor.id);
  else if (query.assignee === 'unassigned') base = base.where('cases.owner_id', 'is', null);
  else if (query.assignee !== 'any') base = base.where('cases.owner_id', '=', query.assignee);

  if (query.status === 'open') base = base.where('cases.status', 'in', [...OPEN_STATUSES]);
  else if (query.status !== 'all')
    base = base.where('cases.status', 'in', query.status.split(',') as CaseStatus[]);
  if (query.priority) base = base.where('cases.priority', 'in', query.priority.split(',') as Priority[]);
  if (query.plan) base = base.where('accounts.plan', 'in', query.plan.split(',') as Plan[]);
  if (query.q) {
    const q = query.q;
    const digits = q.replace(/^#/, '');
    const pattern = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`).toLowerCase()}%`;
    const like = dialect === 'postgres' ? sql`ilike` : sql`like`;
    base = base.where((eb) =>
      eb.or([
        ...(/^\d{1,8}$/.test(digits) ? [eb('cases.number', 'like', `%${digits}%`)] : []),
        eb(sql`lower(cases.subject)`, like, sql`${pattern} escape '\\'`),
        eb(sql`lower(accounts.name)`, like, sql`${pattern} escape '\\'`),
        eb(sql`lower(orgs.slug)`, like, sql`${pattern} escape '\\'`),
      ]),
    );
  }
  if (query.breach) {
    // Candidates only: unanswered (or answered late) cases; the engine decides below.
    base = base.where((eb) =>
      eb.or([eb('cases.first_responded_at', 'is', null), eb('cases.first_response_breached', '=', 1)]),
    );
  }

  const order = query.order ?? (query.sort === 'updated' ? 'desc' : 'asc');
  // Time to breach: running clocks by due time, then paused ones, then answered ones (by age).
  const clockGroup = sql<number>`case when cases.first_responded_at is not null then 2 when cases.sla_paused_at is not null or cases.first_response_due_at is null then 1 else 0 end`;
  let sorted = base;
  switch (query.sort) {
    case 'due':
      sorted = sorted
        .orderBy(clockGroup, order)
        .orderBy('cases.first_response_due_at', order)
        .orderBy('cases.created_at', 'asc');
      break;
    case 'priority':
      sorted = sorted
        .orderBy('cases.priority', order)
        .orderBy(clockGroup)
        .orderBy('cases.first_response_due_at');
      break;
    case 'created':
      sorted = sorted.orderBy('cases.created_at', order);
      break;
    case 'updated':
      sorted = sorted.orderBy('cases.updated_at', order);
      break;
  }
  sorted = sorted.orderBy('cases.number', 'asc');

  const select = sorted.select([
    ...SLA_CASE_COLUMNS,
    'cases.number',
    'cases.subject',
    'cases.queue_key',
    'cases.owner_id',
    'cases.escalation_state',
    'cases.updated_at',
    'cases.first_response_due_at',
    'accounts.name as account_name',
    'accounts.plan',
    'orgs.slug as org_slug',
    'orgs.name as org_name',
    'queues.name as queue_name',
  ]);

  let rows: Awaited<ReturnType<typeof select.execute>>;
  let total: number;
  let slas: Awaited<ReturnType<typeof slaViews>>;
  if (query.breach) {
    const all = await select.limit(BREACH_SCAN_LIMIT).execute();
    const allSlas = await slaViews(db, all, now);
    const wanted = all.filter((r) => {
      const s = allSlas.get(r.id);
      if (!s) return false;
      if (query.breach === 'breached') return s.breached;
      if (query.breach === 'about_to_breach') return s.aboutToBreach;
      return s.breached || s.aboutToBreach;
    });
    total = wanted.length;
    rows = wanted.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
    slas = allSlas;
  } else {
    const counted = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    total = Number(counted.total);
    rows = await select
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    slas = await slaViews(db, rows, now);
  }
  const people = await peopleById(
    db,
    rows.map((r) => r.owner_id),
  );
  return {
    items: rows.map((r) => ({
      number: r.number,
      subject: r.subject,
      status: r.status,
      priority: r.priority,
      plan: r.plan,
      account: r.account_name,
      org: r.org_slug,
      orgName: r.org_name,
      queue: { key: r.queue_key, name: r.queue_name ?? r.queue_key },
      assignee: r.owner_id ? (people.get(r.owner_id) ?? null) : null,
      escalation: r.escalation_state,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      firstResponseDueAt: r.first_responded_at ? null : r.first_response_due_at,
      sla: slas.get(r.id) ?? {
        state: 'met' as const,
        dueAt: null,
        breached: false,
        aboutToBreach: false,
        remainingMinutes: null,
      },
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Open cases whose first response is overdue, as SQL (for counts; the list uses the engine). */
export function overdueWhere(nowIso: string) {
  return sql<SqlBool>`(cases.first_response_breached = 1 or (cases.first_responded_at is null and cases.sla_paused_at is null and cases.first_response_due_at is not null and cases.first_response_due_at < ${nowIso}))` as Expression<SqlBool>;
}
