import { type ExpressionBuilder, type ExpressionWrapper, type SqlBool, sql } from 'kysely';
import type { z } from 'zod';
import type { CaseListQuery } from '../../shared/api/cases.ts';
import { type CaseStatus, OPEN_STATUSES, type Priority } from '../../shared/enums.ts';
import type { Database, DialectName, Executor } from '../db/database.ts';
import { preparedQuery } from '../db/preparedQuery.ts';
import type { CasesTable, DB } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { type Actor, holdsCaseAdmin, isElevatedSupportContact } from '../policies/actor.ts';
import { customerCasesWhere, openedOrOnTeam, visibleCasesWhere } from '../policies/cases.ts';
import { SLA_CASE_COLUMNS, slaViews } from '../sla/slaView.ts';
import { peopleById } from './people.ts';

type Query = z.output<typeof CaseListQuery>;
type Filters = Pick<Query, 'status' | 'priority' | 'org' | 'q' | 'sort' | 'order'>;
type CasesWhere = (eb: ExpressionBuilder<DB, 'cases'>) => ExpressionWrapper<DB, 'cases', SqlBool>;

const SORT_COLUMNS = {
  updated: 'cases.updated_at',
  created: 'cases.created_at',
  priority: 'cases.priority',
  number: 'cases.number',
  status: 'cases.status',
} as const;

/** The columns a list item is made of (staff also read the SLA's: customers get `sla: null`). */
const ITEM_COLUMNS = [
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
] as const;

type ItemRow = Pick<
  CasesTable,
  | 'number'
  | 'status'
  | 'priority'
  | 'subject'
  | 'issue_area_key'
  | 'opener_id'
  | 'escalation_state'
  | 'created_at'
  | 'updated_at'
  | 'first_response_due_at'
  | 'first_responded_at'
> & { org: string };

/**
 * The count and the page select of a list: the cases `visible` admits (the visibility rule), opened by or
 * on the team of `mine` when given, filtered, sorted and paginated. The count reads `cases` alone (the org
 * filter is a subquery), so that an index can answer it (migration 007).
 */
function listQueries(
  db: Executor,
  dialect: DialectName,
  visible: CasesWhere,
  mine: string | null,
  query: Filters,
  limit: number,
  offset: number,
) {
  let base = db.selectFrom('cases').where(visible);
  // The visibility rule already limits a customer who is not an Elevated Support Contact to the cases
  // they opened or are on the team of: "mine" adds nothing for them (and would test it twice per row).
  if (mine !== null) base = base.where(openedOrOnTeam(mine));
  if (query.status === 'open') base = base.where('cases.status', 'in', [...OPEN_STATUSES]);
  else if (query.status !== 'all')
    base = base.where('cases.status', 'in', query.status.split(',') as CaseStatus[]);
  if (query.priority) base = base.where('cases.priority', 'in', query.priority.split(',') as Priority[]);
  const org = query.org;
  if (org)
    base = base.where('cases.org_id', 'in', (eb) =>
      eb.selectFrom('orgs').select('orgs.id').where('orgs.slug', '=', org),
    );
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
  return {
    count: base.select((eb) => eb.fn.countAll<number>().as('total')),
    page: base
      .innerJoin('orgs', 'orgs.id', 'cases.org_id')
      .select(ITEM_COLUMNS)
      .orderBy(SORT_COLUMNS[query.sort], query.order)
      .orderBy('cases.number', query.order)
      .limit(limit)
      .offset(offset),
  };
}

interface CompiledList {
  count: (db: Executor, userId: string, accountId: string) => Promise<{ total: number | string }[]>;
  page: (
    db: Executor,
    userId: string,
    accountId: string,
    limit: number,
    offset: number,
  ) => Promise<ItemRow[]>;
}

/** Compiled customer lists by shape; the shapes are few (see `compiledList`), so this stays small. */
const compiledLists = new Map<string, CompiledList>();

/**
 * A customer's list as the pages open it (status open or all, any sort, any page; no search, priority or
 * org filter), built and compiled once per shape and then run with the user's and the account's ids:
 * Kysely's builder and compiler cost more CPU than the statements themselves. The SQL is the one
 * `listQueries` builds for any other list, with the customer branch of the visibility rule
 * (`customerCasesWhere`, which `visibleCasesWhere` answers for a customer holding Case Admin).
 */
function compiledList(dialect: DialectName, esc: boolean, query: Query): CompiledList | null {
  if (query.q || query.priority || query.org || (query.status !== 'open' && query.status !== 'all'))
    return null;
  const shape: Filters = { status: query.status, sort: query.sort, order: query.order };
  const mine = query.view === 'mine' && esc;
  const key = `${dialect} ${esc} ${mine} ${shape.status} ${shape.sort} ${shape.order}`;
  let compiled = compiledLists.get(key);
  if (!compiled) {
    const build = (db: Executor, userId: string, accountId: string, limit: string, offset: string) =>
      listQueries(
        db,
        dialect,
        customerCasesWhere(userId, accountId, esc),
        mine ? userId : null,
        shape,
        // placeholders: the values take their places at each call
        limit as unknown as number,
        offset as unknown as number,
      );
    compiled = {
      count: preparedQuery<[string, string], { total: number | string }>(
        (db, userId, accountId) => build(db, userId, accountId, '', '').count,
        2,
      ),
      page: preparedQuery<[string, string, number, number], ItemRow>(
        (db, userId, accountId, limit, offset) => build(db, userId, accountId, limit, offset).page,
        4,
      ),
    };
    compiledLists.set(key, compiled);
  }
  return compiled;
}

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
  const limit = query.pageSize;
  const offset = (query.page - 1) * query.pageSize;
  const esc = isElevatedSupportContact(actor);
  const compiled =
    actor.kind === 'customer' && holdsCaseAdmin(actor) ? compiledList(dialect, esc, query) : null;

  let rows: (ItemRow & { id?: string })[];
  let count: () => Promise<number | string>;
  let slas: Awaited<ReturnType<typeof slaViews>> | null = null;
  if (compiled && actor.kind === 'customer') {
    rows = await compiled.page(db, actor.id, actor.accountId, limit, offset);
    count = async () => (await compiled.count(db, actor.id, actor.accountId))[0]?.total ?? 0;
  } else {
    const mine = query.view === 'mine' && esc ? actor.id : null;
    const list = listQueries(db, dialect, visibleCasesWhere(actor), mine, query, limit, offset);
    if (actor.kind === 'staff') {
      // the SLA is support's business: customers get null (issue 6)
      const staffRows = await list.page.select([...SLA_CASE_COLUMNS]).execute();
      slas = await slaViews(db, staffRows, now);
      rows = staffRows;
    } else {
      rows = await list.page.execute();
    }
    count = async () => (await list.count.executeTakeFirstOrThrow()).total;
  }
  // A page that ends short holds the last of the list: the total is known without counting.
  const total =
    rows.length < limit && (rows.length > 0 || offset === 0) ? offset + rows.length : await count();
  const people = await peopleById(
    db,
    rows.map((r) => r.opener_id),
  );
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
      sla: (slas && r.id !== undefined ? slas.get(r.id) : undefined) ?? null,
    })),
    total: Number(total),
    page: query.page,
    pageSize: query.pageSize,
  };
}
