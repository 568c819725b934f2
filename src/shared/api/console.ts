import { z } from 'zod';
import {
  CASE_STATUSES,
  COMMENT_MAX,
  ESCALATION_STATES,
  LONG_TEXT_MAX,
  PLANS,
  PRIORITIES,
  STAFF_ROLES,
} from '../enums.ts';
import { CaseSla, Person } from './cases.ts';

/**
 * The support console's API (issue 6): queues, the staff case list, the workspace's commands on a case
 * (status, priority, assignment, queue, merge) and the managers' escalations view. Staff only: a
 * customer gets 403 on the lists and 404 on a case command (as for a case they may not see).
 */

const required = (label: string) => ({
  error: (issue: { input?: unknown }) =>
    issue.input === undefined || issue.input === null ? `${label} is required` : undefined,
});

const text = (label: string, max: number) =>
  z
    .string(required(label))
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be at most ${max.toLocaleString('en-US')} characters`);

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max.toLocaleString('en-US')} characters`)
    .optional()
    .transform((v) => (v ? v : undefined));

const commaList = <T extends readonly string[]>(values: T, message: string) =>
  z
    .string()
    .optional()
    .refine((s) => !s || s.split(',').every((x) => (values as readonly string[]).includes(x)), message);

/** The first-response SLA of a case (the case JSON's `sla`, computed at the time of the answer). */
export const ConsoleSla = CaseSla;

export const QueueRef = z.object({ key: z.string(), name: z.string() }).meta({ id: 'QueueRef' });

export const StaffMember = Person.extend({
  role: z.enum(STAFF_ROLES),
  /** keys of the queues this person belongs to */
  queues: z.array(z.string()),
}).meta({ id: 'StaffMember' });

// ---------------------------------------------------------------- queues

/** GET /api/v1/queues — the queue selector, with counts of open cases. */
export const Queue = z
  .object({
    key: z.string(),
    name: z.string(),
    description: z.string(),
    /** the queue that takes unrouted cases */
    triage: z.boolean(),
    /** whether the caller is a member of this queue */
    member: z.boolean(),
    counts: z.object({
      /** cases in new, open or pending_customer */
      open: z.number().int(),
      /** open cases with no assignee */
      unassigned: z.number().int(),
      /** open cases whose first response is overdue */
      breached: z.number().int(),
    }),
  })
  .meta({ id: 'Queue' });

export const QueueList = z
  .object({
    items: z.array(Queue),
    total: z.number().int(),
    /** counts over the caller's own cases, for the "Assigned to me" entry */
    mine: z.object({ open: z.number().int(), breached: z.number().int() }),
  })
  .meta({ id: 'QueueList' });

export const QueueKeyParams = z.object({ key: z.string().min(1).max(100) });

/** GET /api/v1/queues/{key}/members — the assignee picker for a case of that queue. */
export const QueueMemberList = z
  .object({ queue: QueueRef, items: z.array(StaffMember), total: z.number().int() })
  .meta({ id: 'QueueMemberList' });

/** GET /api/v1/staff — every active staff user (managers may assign a case to anyone). */
export const StaffList = z
  .object({ items: z.array(StaffMember), total: z.number().int() })
  .meta({ id: 'StaffList' });

// ---------------------------------------------------------------- the staff case list

export const CONSOLE_SORTS = ['due', 'priority', 'created', 'updated'] as const;
export type ConsoleSort = (typeof CONSOLE_SORTS)[number];
export const BREACH_FILTERS = ['about_to_breach', 'breached', 'at_risk'] as const;

/**
 * GET /api/v1/console/cases?… — `queue`: `all` (every case the caller may work; the default), `mine`
 * (the queues the caller belongs to) or a queue key. `assignee`: `any` (default), `me`, `unassigned` or
 * a user id. `status`: `open` (new, open, pending_customer; the default), `all` or a comma list.
 * `breach`: `about_to_breach`, `breached`, or `at_risk` (either). `sort`: `due` (time to breach,
 * soonest first; answered and paused cases after; the default), `priority`, `created`, `updated`;
 * `order` defaults to asc for due, priority and created (oldest first), desc for updated.
 */
export const ConsoleCaseQuery = z.object({
  queue: z.string().trim().min(1).max(100).default('all'),
  assignee: z.string().trim().min(1).max(100).default('any'),
  status: z
    .string()
    .default('open')
    .refine(
      (s) =>
        s === 'open' ||
        s === 'all' ||
        s.split(',').every((x) => (CASE_STATUSES as readonly string[]).includes(x)),
      'status is open, all, or a comma-separated list of statuses',
    ),
  priority: commaList(PRIORITIES, 'priority is a comma-separated list of P1…P4'),
  plan: commaList(PLANS, 'plan is a comma-separated list of basic, silver, gold'),
  breach: z.enum(BREACH_FILTERS, { error: 'breach is about_to_breach, breached or at_risk' }).optional(),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(CONSOLE_SORTS, { error: 'sort is due, priority, created or updated' }).default('due'),
  order: z.enum(['asc', 'desc']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type ConsoleCaseQuery = z.output<typeof ConsoleCaseQuery>;

export const ConsoleCase = z
  .object({
    number: z.string(),
    subject: z.string(),
    status: z.enum(CASE_STATUSES),
    priority: z.enum(PRIORITIES),
    plan: z.enum(PLANS),
    account: z.string(),
    /** the org's slug and name */
    org: z.string(),
    orgName: z.string(),
    queue: QueueRef,
    assignee: Person.nullable(),
    escalation: z.enum(ESCALATION_STATES).nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    firstResponseDueAt: z.string().nullable(),
    sla: ConsoleSla,
  })
  .meta({ id: 'ConsoleCase' });

export const ConsoleCaseList = z
  .object({
    items: z.array(ConsoleCase),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'ConsoleCaseList' });

// ---------------------------------------------------------------- commands on a case (answer: the case, CaseDetail)

/** POST /api/v1/cases/{number}/status — `reason`, when given, is posted as a public comment. */
export const StatusChange = z
  .object({
    status: z.enum(CASE_STATUSES, {
      error: 'Choose a status: new, open, pending_customer, solved or closed',
    }),
    reason: optionalText('Reason', COMMENT_MAX),
  })
  .meta({ id: 'StatusChange' });
export type StatusChange = z.input<typeof StatusChange>;

/** POST /api/v1/cases/{number}/priority — the reason is required and the customer sees it. */
export const PriorityChange = z
  .object({
    priority: z.enum(PRIORITIES, { error: 'Choose a priority: P1, P2, P3 or P4' }),
    reason: text('Reason', 2000),
  })
  .meta({ id: 'PriorityChange' });
export type PriorityChange = z.input<typeof PriorityChange>;

/**
 * POST /api/v1/cases/{number}/assignment — `take` assigns the case to the caller; `assign` to `userId`
 * (a member of the case's queue; a manager or administrator may pick any active staff user);
 * `round_robin` to the next member of the case's queue; `unassign` clears the assignee.
 */
export const ASSIGNMENT_ACTIONS = ['take', 'assign', 'round_robin', 'unassign'] as const;
export const AssignmentChange = z
  .object({
    action: z.enum(ASSIGNMENT_ACTIONS, { error: 'action is take, assign, round_robin or unassign' }),
    userId: z.string().trim().min(1).max(100).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.action === 'assign' && !v.userId) {
      ctx.addIssue({ code: 'custom', path: ['userId'], message: 'Choose who to assign the case to' });
    }
  })
  .meta({ id: 'AssignmentChange' });
export type AssignmentChange = z.input<typeof AssignmentChange>;

/** POST /api/v1/cases/{number}/queue — moves the case to another queue. */
export const QueueChange = z
  .object({ queue: z.string(required('Queue')).trim().min(1, 'Choose a queue').max(100) })
  .meta({ id: 'QueueChange' });
export type QueueChange = z.input<typeof QueueChange>;

/**
 * POST /api/v1/cases/{number}/merge — merges this case (the duplicate) into `into`, another case of the
 * same account. Answers the duplicate, now solved with `mergedInto` set.
 */
export const MergeRequest = z
  .object({
    into: z
      .string(required('Target case'))
      .trim()
      .regex(/^\d{8}$/, 'A case number has 8 digits'),
  })
  .meta({ id: 'MergeRequest' });
export type MergeRequest = z.input<typeof MergeRequest>;

// ---------------------------------------------------------------- escalations (managers and administrators)

/** POST /api/v1/cases/{number}/escalation/acknowledge and …/resolve — the note the customer sees. */
export const EscalationNote = z.object({ note: text('Note', LONG_TEXT_MAX) }).meta({ id: 'EscalationNote' });
export type EscalationNote = z.input<typeof EscalationNote>;

/** GET /api/v1/escalations?state=… — `active` (requested or acknowledged; the default), `all`, or one state. */
export const EscalationListQuery = z.object({
  state: z
    .enum(['active', 'all', ...ESCALATION_STATES], {
      error: 'state is active, all, requested, acknowledged or resolved',
    })
    .default('active'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export const EscalationListItem = z
  .object({
    id: z.string(),
    state: z.enum(ESCALATION_STATES),
    reason: z.string(),
    justification: z.string(),
    requestedBy: Person.nullable(),
    requestedAt: z.string(),
    acknowledgedBy: Person.nullable(),
    acknowledgedAt: z.string().nullable(),
    acknowledgementNote: z.string().nullable(),
    resolvedBy: Person.nullable(),
    resolvedAt: z.string().nullable(),
    resolutionNote: z.string().nullable(),
    case: z.object({
      number: z.string(),
      subject: z.string(),
      status: z.enum(CASE_STATUSES),
      priority: z.enum(PRIORITIES),
      plan: z.enum(PLANS),
      account: z.string(),
      org: z.string(),
      queue: QueueRef,
      assignee: Person.nullable(),
    }),
  })
  .meta({ id: 'EscalationListItem' });

export const EscalationList = z
  .object({
    items: z.array(EscalationListItem),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'EscalationList' });
