import { sql } from 'kysely';
import type { z } from 'zod';
import type { CaseListQuery } from '../../shared/api/cases.ts';
import { type CaseStatus, OPEN_STATUSES, type Priority } from '../../shared/enums.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { type Actor, isElevatedSupportContact } from '../policies/actor.ts';
import { visibleCasesWhere } from '../policies/cases.ts';
import { SLA_CASE_COLUMNS, slaViews } from '../sla/slaView.ts';
import { peopleById } from './people.ts';

type Query = z.output<typeof CaseListQuery>;

const SORT_COLUMNS = {
  updated: 'cases.updated_at',
  created: 'cases.created_at',
  priority: 'cases.priority',
  number: 'cases.number',
  status: 'cases.status',
} as const;

/**
 * My cases (opened by me or on my case team) or All account cases (ESCs only), filtered, searched,
 * sorted and paginated. Every row passes the visibility rule.
 */
export async function listCases(database: Database, actor: Actor, query: Query, now: Date = new Date()) {
  if (query.view === 'account' && actor.kind === 'customer' && !isElevatedSupportContact(actor)) {
    throw new AppError(
      403,
      'not_elevated_support_contact',
      'All account cases is for Elevated Support Contacts of the account.',
    );
  }
  const { db, dialect } = database;
  let base = db
    .selectFrom('cases')
    .innerJoin('orgs', 'orgs.id', 'cases.org_id')
    .where(visibleCasesWhere(actor));

  // The visibility rule already limits a customer who is not an Elevated Support Contact to the cases
  // they opened or are on the team of: "mine" adds nothing for them (and would test it twice per row).
  if (query.view === 'mine' && actor.kind === 'customer' && isElevatedSupportContact(actor)) {
    base = base.where((eb) =>
      eb.or([
        eb('cases.opener_id', '=', actor.id),
        eb.exists(
          eb
            .selectFrom('case_team')
            .select('case_team.user_id')
            .whereRef('case_team.case_id', '=', 'cases.id')
            .where('case_team.user_id', '=', actor.id),
        ),
      ]),
    );
  }
  if (query.status === 'open') base = base.where('cases.status', 'in', [...OPEN_STATUSES]);
  else if (query.status !== 'all')
    base = base.where('cases.status', 'in', query.status.split(',') as CaseStatus[]);
  if (query.priority) base = base.where('cases.priority', 'in', query.priority.split(',') as Priority[]);
  if (query.org) base = base.where('orgs.slug', '=', query.org);
  if (query.q) {
    const q = query.q;
    const digits = q.replace(/^#/, '');
    const pattern = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`).toLowerCase()}%`;
    const like = dialect === 'postgres' ? sql`ilike` : sql`like`;
    // Digits match the case number and the text alike ("500" finds case 00010500 and "error 500").
    base = base.where((eb) =>
      eb.or([
        ...(/^\d{1,8}$/.test(digits) ? [eb('cases.number', 'like', `%${digits}%`)] : []),
        eb(sql`lower(cases.subject)`, like, sql`${pattern} escape '\\'`),
        eb(sql`lower(cases.description)`, like, sql`${pattern} escape '\\'`),
      ]),
    );
  }

  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .select([
      'cases.number',
      'cases.status',
      'cases.priority',
      'cases.subject',
      'orgs.slug as org',
      'cases.issue_area_key',
      'cases.opener_id',
      'cases.escalation_state',
      'cases.created_at',
      'cases.updated_at',
      'cases.first_response_due_at',
      'cases.first_responded_at',
      ...SLA_CASE_COLUMNS,
    ])
    .orderBy(SORT_COLUMNS[query.sort], query.order)
    .orderBy('cases.number', query.order)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const people = await peopleById(
    db,
    rows.map((r) => r.opener_id),
  );
  // the SLA is support's business: customers get null (issue 6)
  const slas = actor.kind === 'staff' ? await slaViews(db, rows, now) : new Map<string, never>();
  return {
    items: rows.map((r) => ({
      number: r.number,
      status: r.status,
      priority: r.priority,
      subject: r.subject,
      org: r.org,
      issueArea: r.issue_area_key,
      openedBy: people.get(r.opener_id) ?? null,
      escalation: r.escalation_state,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      firstResponseDueAt: r.first_responded_at ? null : r.first_response_due_at,
      sla: slas.get(r.id) ?? null,
    })),
    total: Number(total),
    page: query.page,
    pageSize: query.pageSize,
  };
}
