/** Words of the product, shared by server and web. */

export const PLANS = ['basic', 'silver', 'gold'] as const;
export type Plan = (typeof PLANS)[number];

/** Default Elevated Support Contact seats per plan (SPEC §1); the live figure is configuration (table `plans`). */
export const DEFAULT_ESC_SEATS: Record<Plan, number> = { basic: 5, silver: 10, gold: 20 };

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const PRIORITY_DEFINITIONS: Record<Priority, { label: string; definition: string }> = {
  P1: { label: 'P1 Critical', definition: 'Service down or severely degraded for all users.' },
  P2: { label: 'P2 High', definition: 'Partial failure: some users or functions are blocked.' },
  P3: { label: 'P3 Medium', definition: 'Minor impact: most users are fine.' },
  P4: { label: 'P4 Low', definition: 'A question, a how-to or an enhancement request.' },
};

export const CASE_STATUSES = ['new', 'open', 'pending_customer', 'solved', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
/** Statuses that count as "open" in the My open cases view. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['new', 'open', 'pending_customer'];

/** Case statuses in customers' words: the web app's badges and the email templates say the same. */
export const STATUS_LABELS: Record<CaseStatus, string> = {
  new: 'New',
  open: 'Open',
  pending_customer: 'Pending your reply',
  solved: 'Solved',
  closed: 'Closed',
};

export const SCOPES = [
  'all_users',
  'group_of_users',
  'single_user',
  'admins_only',
  'not_user_facing',
] as const;
export type Scope = (typeof SCOPES)[number];
export const SCOPE_LABELS: Record<Scope, string> = {
  all_users: 'All users',
  group_of_users: 'A group of users',
  single_user: 'A single user',
  admins_only: 'Administrators only',
  not_user_facing: 'Not user-facing (API or integration)',
};

export const ORG_ROLES = ['super_admin', 'admin'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export const STAFF_ROLES = ['engineer', 'manager', 'administrator'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ESCALATION_STATES = ['requested', 'acknowledged', 'resolved'] as const;
export type EscalationState = (typeof ESCALATION_STATES)[number];

/** A solved case may be reopened by the customer for this many days (SPEC §3). */
export const REOPEN_WINDOW_DAYS = 14;

/** Largest attachment, in bytes (SPEC §2). */
export const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;

export const SUBJECT_MAX = 255;
/** The description must allow at least 32,000 characters (SPEC §2); we allow 64,000. */
export const DESCRIPTION_MAX = 64_000;
export const LONG_TEXT_MAX = 32_000;
export const COMMENT_MAX = 64_000;

export const CASE_SORTS = ['updated', 'created', 'priority', 'number', 'status'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];
