import { z } from 'zod';
import { ORG_ROLES, PLANS, PRIORITIES, STAFF_ROLES } from '../enums.ts';

/**
 * Administration (issue 6, point 6): what a vendor support administrator configures — accounts and
 * orgs, plans and SLA targets, issue areas, queues and their members, canned responses, staff users.
 */

export const SUPPORT_HOURS = ['24x7', '24x5'] as const;
export const SUPPORT_HOURS_LABELS: Record<(typeof SUPPORT_HOURS)[number], string> = {
  '24x7': '24×7 (always)',
  '24x5': '24×5 (Monday 00:00 to Friday 23:59 in the case contact’s time zone)',
};

const required = (label: string) => ({
  error: (i: { input: unknown }) =>
    i.input === undefined ? `${label} is required` : `${label} must be text`,
});

const text = (label: string, max: number) =>
  z
    .string(required(label))
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be at most ${max.toLocaleString('en-US')} characters`);

const longText = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, `${label} must be at most ${max.toLocaleString('en-US')} characters`);

/** A lower-case key: letters, digits and single dashes (org slugs, queue and issue area keys). */
export const AdminKey = (label: string) =>
  z
    .string(required(label))
    .trim()
    .toLowerCase()
    .min(1, `${label} is required`)
    .max(60, `${label} must be at most 60 characters`)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, `${label} is lower-case letters, digits and single dashes`);

export const AdminEmail = z
  .string(required('Email'))
  .trim()
  .toLowerCase()
  .max(254, 'Email is too long')
  .pipe(z.email('Enter a valid email address'));

export const INITIAL_PASSWORD_MIN = 12;
export const InitialPassword = z
  .string({ error: 'The password must be text' })
  .min(INITIAL_PASSWORD_MIN, `The password needs at least ${INITIAL_PASSWORD_MIN} characters`)
  .max(200, 'The password must be at most 200 characters');

const flag = (label: string) => z.boolean({ error: `${label} must be true or false` });

export const IdParams = z.object({ id: z.string().min(1).max(64) });
export const KeyParams = z.object({ key: z.string().min(1).max(60) });
export const PlanParams = z.object({ key: z.enum(PLANS) });
export const QueueMemberParams = z.object({
  key: z.string().min(1).max(60),
  userId: z.string().min(1).max(64),
});

// ---------------------------------------------------------------- accounts and orgs

export const AdminOrg = z
  .object({
    id: z.string(),
    accountId: z.string(),
    slug: z.string(),
    name: z.string(),
    createdAt: z.string(),
    /** admins of this org (active users) */
    admins: z.number().int(),
    superAdmins: z.number().int(),
  })
  .meta({ id: 'AdminOrg' });

export const AdminAccount = z
  .object({
    id: z.string(),
    name: z.string(),
    plan: z.enum(PLANS),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** Elevated Support Contact seats: used (active users with ESC) of the plan's cap */
    escSeats: z.object({ used: z.number().int(), cap: z.number().int() }),
    openCases: z.number().int(),
    orgs: z.array(AdminOrg),
  })
  .meta({ id: 'AdminAccount' });

export const AdminAccountList = z
  .object({ items: z.array(AdminAccount), total: z.number().int() })
  .meta({ id: 'AdminAccountList' });

export const NewAccount = z.object({ name: text('Name', 200), plan: z.enum(PLANS, 'Choose a plan') });
export const AccountUpdate = z.object({
  name: text('Name', 200).optional(),
  plan: z.enum(PLANS, 'Choose a plan').optional(),
});

export const NewOrg = z.object({ slug: AdminKey('Slug'), name: text('Name', 200) });
export const OrgUpdate = z.object({ name: text('Name', 200).optional() });

export const AdminOrgAdmin = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: z.enum(ORG_ROLES),
    active: z.boolean(),
  })
  .meta({ id: 'AdminOrgAdmin' });

export const AdminOrgAdminList = z
  .object({ items: z.array(AdminOrgAdmin), total: z.number().int() })
  .meta({ id: 'AdminOrgAdminList' });

/** A customer's first super admin on an org. */
export const NewOrgSuperAdmin = z.object({ email: AdminEmail, name: text('Name', 200) });

/**
 * The org's new super admin and the one-time initial password: shown once, never stored in clear.
 * A user of the same account who exists already is made super admin of the org; no password then (null).
 */
export const CreatedOrgSuperAdmin = z
  .object({
    user: AdminOrgAdmin,
    org: z.object({ id: z.string(), slug: z.string() }),
    initialPassword: z.string().nullable(),
  })
  .meta({ id: 'CreatedOrgSuperAdmin' });

// ---------------------------------------------------------------- plans and SLA targets

export const AdminPlan = z
  .object({
    key: z.enum(PLANS),
    name: z.string(),
    escSeats: z.number().int(),
    supportHours: z.enum(SUPPORT_HOURS),
    /** first-response targets in minutes of support time */
    targets: z.object({
      P1: z.number().int(),
      P2: z.number().int(),
      P3: z.number().int(),
      P4: z.number().int(),
    }),
    accounts: z.number().int(),
  })
  .meta({ id: 'AdminPlan' });

export const AdminPlanList = z
  .object({ items: z.array(AdminPlan), total: z.number().int() })
  .meta({ id: 'AdminPlanList' });

export const ESC_SEATS_MAX = 1000;
export const PlanUpdate = z.object({
  name: text('Name', 100).optional(),
  escSeats: z
    .number({ error: 'ESC seats must be a whole number' })
    .int('ESC seats must be a whole number')
    .min(0, 'ESC seats cannot be negative')
    .max(ESC_SEATS_MAX, `At most ${ESC_SEATS_MAX} ESC seats`)
    .optional(),
  supportHours: z.enum(SUPPORT_HOURS, 'Support hours are 24x7 or 24x5').optional(),
});

/** A first-response target: 1 minute to 30 days of support time. */
export const SLA_MINUTES_MAX = 30 * 24 * 60;
export const SlaMinutes = z
  .number({ error: 'The target must be a whole number of minutes' })
  .int('The target must be a whole number of minutes')
  .min(1, 'The target must be at least 1 minute')
  .max(
    SLA_MINUTES_MAX,
    `The target must be at most ${SLA_MINUTES_MAX.toLocaleString('en-US')} minutes (30 days)`,
  );

export const SlaTarget = z
  .object({ plan: z.enum(PLANS), priority: z.enum(PRIORITIES), minutes: z.number().int() })
  .meta({ id: 'SlaTarget' });

export const SlaTargetList = z
  .object({ items: z.array(SlaTarget), total: z.number().int() })
  .meta({ id: 'SlaTargetList' });

/** Changes to the plan × priority matrix; field errors are keyed `targets.<i>` in the order sent. */
export const SlaTargetsUpdate = z.object({
  targets: z
    .array(
      z.object({
        plan: z.enum(PLANS, 'Unknown plan'),
        priority: z.enum(PRIORITIES, 'Unknown priority'),
        minutes: SlaMinutes,
      }),
    )
    .min(1, 'Send at least one target')
    .max(PLANS.length * PRIORITIES.length, 'Too many targets'),
});

export const SlaTargetsUpdated = z
  .object({
    items: z.array(SlaTarget),
    total: z.number().int(),
    /** open, not yet answered cases whose first-response due time was recomputed */
    recomputedCases: z.number().int(),
  })
  .meta({ id: 'SlaTargetsUpdated' });

// ---------------------------------------------------------------- issue areas

export const AdminIssueArea = z
  .object({
    key: z.string(),
    parent: z.string().nullable(),
    name: z.string(),
    description: z.string(),
    queue: z.string(),
    common: z.boolean(),
    sortOrder: z.number().int(),
    active: z.boolean(),
    /** cases ever filed under this area */
    cases: z.number().int(),
  })
  .meta({ id: 'AdminIssueArea' });

export const AdminIssueAreaList = z
  .object({ items: z.array(AdminIssueArea), total: z.number().int() })
  .meta({ id: 'AdminIssueAreaList' });

const sortOrder = z
  .number({ error: 'Sort order must be a whole number' })
  .int('Sort order must be a whole number')
  .min(0, 'Sort order cannot be negative')
  .max(100_000, 'Sort order is too large');

export const NewIssueArea = z.object({
  key: AdminKey('Key'),
  parent: AdminKey('Parent group').nullable().optional(),
  name: text('Name', 120),
  description: longText('Description', 1000).default(''),
  queue: AdminKey('Queue'),
  common: flag('Common').default(false),
  sortOrder: sortOrder.optional(),
  active: flag('Active').default(true),
});

export const IssueAreaUpdate = z.object({
  parent: AdminKey('Parent group').nullable().optional(),
  name: text('Name', 120).optional(),
  description: longText('Description', 1000).optional(),
  queue: AdminKey('Queue').optional(),
  common: flag('Common').optional(),
  sortOrder: sortOrder.optional(),
  active: flag('Active').optional(),
});

// ---------------------------------------------------------------- queues and members

export const QueueMember = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: z.enum(STAFF_ROLES),
    active: z.boolean(),
    addedAt: z.string(),
  })
  .meta({ id: 'AdminQueueMember' });

export const QueueMemberList = z
  .object({ items: z.array(QueueMember), total: z.number().int() })
  .meta({ id: 'AdminQueueMemberList' });

export const AdminQueue = z
  .object({
    key: z.string(),
    name: z.string(),
    description: z.string(),
    triage: z.boolean(),
    members: z.array(QueueMember),
    issueAreas: z.number().int(),
    openCases: z.number().int(),
    cannedResponses: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'AdminQueue' });

export const AdminQueueList = z
  .object({ items: z.array(AdminQueue), total: z.number().int() })
  .meta({ id: 'AdminQueueList' });

export const NewQueue = z.object({
  key: AdminKey('Key'),
  name: text('Name', 120),
  description: longText('Description', 1000).default(''),
  /** true moves the triage flag to this queue (there is always exactly one triage queue) */
  triage: flag('Triage').default(false),
});

export const QueueUpdate = z.object({
  name: text('Name', 120).optional(),
  description: longText('Description', 1000).optional(),
  triage: flag('Triage').optional(),
});

// ---------------------------------------------------------------- canned responses

export const CANNED_TITLE_MAX = 120;
export const CANNED_BODY_MAX = 20_000;

export const CannedResponse = z
  .object({
    id: z.string(),
    title: z.string(),
    body: z.string().meta({ description: 'Markdown' }),
    /** null: offered on every queue's cases */
    queue: z.string().nullable(),
    createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'CannedResponse' });

export const CannedResponseList = z
  .object({ items: z.array(CannedResponse), total: z.number().int() })
  .meta({ id: 'CannedResponseList' });

/** `queue`: the responses offered on that queue's cases (that queue's and the ones for every queue). */
export const CannedResponsesQuery = z.object({ queue: z.string().trim().max(60).optional() });

export const NewCannedResponse = z.object({
  title: text('Title', CANNED_TITLE_MAX),
  body: text('Body', CANNED_BODY_MAX),
  queue: AdminKey('Queue').nullable().default(null),
});

export const CannedResponseUpdate = z.object({
  title: text('Title', CANNED_TITLE_MAX).optional(),
  body: text('Body', CANNED_BODY_MAX).optional(),
  queue: AdminKey('Queue').nullable().optional(),
});

// ---------------------------------------------------------------- staff users

export const StaffUser = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(STAFF_ROLES),
    active: z.boolean(),
    queues: z.array(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'StaffUser' });

export const StaffUserList = z
  .object({ items: z.array(StaffUser), total: z.number().int() })
  .meta({ id: 'StaffUserList' });

export const NewStaffUser = z.object({
  email: AdminEmail,
  name: text('Name', 200),
  role: z.enum(STAFF_ROLES, 'Choose engineer, manager or administrator'),
  /** the initial password; when omitted one is generated and answered once */
  password: InitialPassword.optional(),
});

export const CreatedStaffUser = z
  .object({
    user: StaffUser,
    /** only when the server generated it: shown once, never stored in clear */
    initialPassword: z.string().nullable(),
  })
  .meta({ id: 'CreatedStaffUser' });

export const StaffUserUpdate = z.object({
  name: text('Name', 200).optional(),
  role: z.enum(STAFF_ROLES, 'Choose engineer, manager or administrator').optional(),
  active: flag('Active').optional(),
});

/** What administration writes to audit_log (role and permission changes). */
export const ADMIN_AUDIT_ACTIONS = [
  'staff_created',
  'staff_role_changed',
  'staff_deactivated',
  'staff_reactivated',
  'super_admin_created',
  'queue_member_added',
  'queue_member_removed',
] as const;
export type AdminAuditAction = (typeof ADMIN_AUDIT_ACTIONS)[number];
