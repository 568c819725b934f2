import type {
  CaseStatus,
  EscalationState,
  OrgRole,
  Plan,
  Priority,
  Scope,
  StaffRole,
} from '../../shared/enums.ts';
import type { SupportHours } from '../../shared/sla.ts';

/**
 * Table types. Conventions, the same on SQLite and PostgreSQL:
 * ids are text (UUID v7, time-ordered); timestamps are UTC ISO strings (text on SQLite,
 * timestamptz on PostgreSQL, read back as ISO strings); flags are integers 0/1.
 */
export type Flag = 0 | 1;

export interface PlansTable {
  key: Plan;
  name: string;
  esc_seats: number;
  /** '24x7' | '24x5' (issue 6) */
  support_hours: SupportHours;
}

/** First-response target per plan × priority, in minutes of support time (issue 6). */
export interface SlaTargetsTable {
  plan: Plan;
  priority: Priority;
  minutes: number;
}

/** A routing queue (issue 6); issue areas name one by key, `triage` takes unrouted cases. */
export interface QueuesTable {
  key: string;
  name: string;
  description: string;
  triage: Flag;
  /** the engineer round-robin assigned last in this queue */
  rr_last_user_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface QueueMembersTable {
  queue_key: string;
  user_id: string;
  added_at: string;
}

export interface CannedResponsesTable {
  id: string;
  title: string;
  body: string;
  /** null: offered in every queue */
  queue_key: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface AccountsTable {
  id: string;
  name: string;
  plan: Plan;
  created_at: string;
  updated_at: string;
}

export interface OrgsTable {
  id: string;
  account_id: string;
  slug: string;
  name: string;
  created_at: string;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  kind: 'customer' | 'staff';
  staff_role: StaffRole | null;
  account_id: string | null;
  case_admin: Flag;
  esc: Flag;
  active: Flag;
  created_at: string;
  updated_at: string;
}

export interface OrgAdminsTable {
  org_id: string;
  user_id: string;
  role: OrgRole;
  created_at: string;
}

export interface IssueAreasTable {
  key: string;
  parent_key: string | null;
  name: string;
  description: string;
  queue_key: string;
  common: Flag;
  sort_order: number;
  active: Flag;
}

export interface CasesTable {
  id: string;
  number: string;
  account_id: string;
  org_id: string;
  opener_id: string;
  status: CaseStatus;
  priority: Priority;
  subject: string;
  description: string;
  steps_to_reproduce: string | null;
  issue_area_key: string;
  queue_key: string;
  scope: Scope;
  business_impact: string | null;
  case_email: string;
  contact_phone: string;
  contact_timezone: string;
  p1_confirmed: Flag;
  owner_id: string | null;
  escalation_state: EscalationState | null;
  /** the secret part of the case's reply address (issue 5); made when the first mail is sent */
  reply_token: string | null;
  first_response_due_at: string | null;
  first_responded_at: string | null;
  solved_at: string | null;
  closed_at: string | null;
  /** set when this case was merged into another as a duplicate (issue 6) */
  merged_into_id: string | null;
  /** start of the current stop of the first-response clock (pending customer or solved, unanswered) (issue 6) */
  sla_paused_at: string | null;
  /** finished stops of the first-response clock: JSON array of `{ from, to }` (issue 6) */
  sla_pauses: string;
  /** the first response is late: past due unanswered, or answered after the due time (issue 6) */
  first_response_breached: Flag;
  /** when the case last became `pending_customer` (issue 6) */
  pending_since: string | null;
  /** when the pending reminder went out for the current wait (issue 6) */
  reminder_sent_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface CaseTeamTable {
  case_id: string;
  user_id: string;
  added_by: string | null;
  added_at: string;
}

export interface CommentsTable {
  id: string;
  case_id: string;
  author_id: string | null;
  body: string;
  internal: Flag;
  via: 'web' | 'email' | 'api';
  created_at: string;
}

export interface AttachmentsTable {
  id: string;
  case_id: string;
  uploader_id: string | null;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  created_at: string;
  deleted_at: string | null;
}

export interface CaseHistoryTable {
  id: string;
  case_id: string;
  actor_id: string | null;
  action: string;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  created_at: string;
}

export interface EscalationsTable {
  id: string;
  case_id: string;
  state: EscalationState;
  reason: string;
  justification: string;
  requested_by: string | null;
  requested_at: string;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
  resolution_note: string | null;
  /** the note the customer sees when a manager acknowledges (issue 6) */
  acknowledgement_note: string | null;
}

export interface AuditLogTable {
  id: string;
  actor_id: string | null;
  account_id: string | null;
  action: string;
  target_user_id: string | null;
  detail: string;
  created_at: string;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
  ip: string | null;
  user_agent: string | null;
}

export interface OutboxTable {
  id: string;
  topic: string;
  case_id: string | null;
  payload: string;
  created_at: string;
  available_at: string;
  attempts: number;
  claimed_until: string | null;
  sent_at: string | null;
  last_error: string | null;
  /** the worker holding the claim until claimed_until (issue 5) */
  claimed_by: string | null;
  /** set when delivery was given up after the last attempt; staff may retry */
  dead_at: string | null;
}

export interface RateLimitsTable {
  key: string;
  window_start: string;
  count: number;
}

export interface CountersTable {
  name: string;
  value: number;
}

export type KbKind = 'kb_article' | 'product_doc' | 'community_question';
export type KbStatus = 'draft' | 'published';

/** A knowledge base entry (issue 4). issue_areas and tags are JSON text arrays. On SQLite the table
 * also has an integer `seq` (the FTS rowid), on PostgreSQL a generated tsvector `search`; neither is
 * written by the application. */
export interface KbEntriesTable {
  id: string;
  slug: string;
  kind: KbKind;
  title: string;
  body: string;
  issue_areas: string;
  tags: string;
  url: string;
  status: KbStatus;
  created_at: string;
  updated_at: string;
}

/** The vocabulary of indexed words (raw, lower-cased) with their document frequency, for typo correction. */
export interface KbTermsTable {
  term: string;
  df: number;
}

/** One case-form session of the deflection measure (issue 4). */
export interface FormSessionsTable {
  id: string;
  user_id: string;
  started_at: string;
  last_event_at: string;
  issue_area: string | null;
  impressions: number;
  clicks: number;
  case_id: string | null;
  submitted_at: string | null;
}

export interface SolutionClicksTable {
  session_id: string;
  entry_id: string;
  at: string;
}

/** A message sent or received (issue 5); outgoing ones are also the dev mailbox. */
export interface MailMessagesTable {
  id: string;
  direction: 'out' | 'in';
  case_id: string | null;
  outbox_id: string | null;
  /** with angle brackets, as in the header */
  message_id: string;
  in_reply_to: string | null;
  references_header: string | null;
  from_address: string;
  /** JSON text arrays */
  to_addresses: string;
  cc_addresses: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  /** out: 'smtp' | 'dev_mailbox'; in: 'smtp' */
  transport: string;
  /** out: 'sent'; in: 'posted' | 'duplicate' | 'ignored_automated' | 'bounced' | 'refused' */
  status: string;
  detail: string | null;
  comment_id: string | null;
  created_at: string;
}

export interface DB {
  plans: PlansTable;
  sla_targets: SlaTargetsTable;
  queues: QueuesTable;
  queue_members: QueueMembersTable;
  canned_responses: CannedResponsesTable;
  accounts: AccountsTable;
  orgs: OrgsTable;
  users: UsersTable;
  org_admins: OrgAdminsTable;
  issue_areas: IssueAreasTable;
  cases: CasesTable;
  case_team: CaseTeamTable;
  comments: CommentsTable;
  attachments: AttachmentsTable;
  case_history: CaseHistoryTable;
  escalations: EscalationsTable;
  audit_log: AuditLogTable;
  sessions: SessionsTable;
  outbox: OutboxTable;
  rate_limits: RateLimitsTable;
  counters: CountersTable;
  kb_entries: KbEntriesTable;
  kb_terms: KbTermsTable;
  form_sessions: FormSessionsTable;
  solution_clicks: SolutionClicksTable;
  mail_messages: MailMessagesTable;
}
