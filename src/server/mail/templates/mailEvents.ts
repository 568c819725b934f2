import type { CaseStatus, EscalationState, Priority, Scope } from '../../../shared/enums.ts';

/**
 * The first line of every case mail (text and HTML). The inbound side cuts a reply at this line, so
 * the quoted history below it never lands in the case.
 */
export const REPLY_MARKER = '##- Please type your reply above this line -##';

/** What every case mail says about its case. */
export interface CaseSummary {
  /** 8 digits, e.g. `00012345` */
  number: string;
  subject: string;
  status: CaseStatus;
  priority: Priority;
  /** the org impacted, e.g. `acme.example.com` */
  org: string;
  accountName: string;
  /** the issue area's human name */
  issueArea: string;
  /** absolute link to the case page in the portal */
  caseUrl: string;
  /** IANA time zone of the case contact; times in the mail are shown in it */
  contactTimezone: string;
}

/**
 * Why the recipient gets the mail (said in the footer). `case_email`: the case's contact address;
 * `team_contact`: on the case team; `support_staff`: a support engineer or manager (e.g. an escalation),
 * whose email replies are not added to the case.
 */
export type RecipientReason = 'case_email' | 'team_contact' | 'support_staff';

export type BounceReason =
  | 'not_a_case_participant'
  | 'no_matching_case'
  | 'case_closed'
  | 'message_too_large'
  | 'rate_limited';

/**
 * Everything that sends mail. Internal notes are deliberately not an event: they never reach mail.
 * Times are UTC ISO strings; names are display names of people.
 */
export type MailEvent =
  | {
      kind: 'case_created';
      case: CaseSummary;
      openedBy: string;
      description: string;
      scope: Scope;
      /** null when no target applies */
      firstResponseDueAt: string | null;
      /** E.164; P1 mail asks the contact to stay reachable on it */
      contactPhone?: string;
    }
  | {
      kind: 'public_reply';
      case: CaseSummary;
      authorName: string;
      fromSupport: boolean;
      /** Markdown, as written on the case page */
      body: string;
      /** file names attached with the comment */
      attachments: string[];
    }
  | {
      kind: 'status_changed';
      case: CaseSummary;
      from: CaseStatus;
      to: CaseStatus;
      /** null: changed automatically (auto-solve, auto-close, a customer comment reopening it) */
      byName: string | null;
      note?: string;
    }
  | {
      kind: 'priority_changed';
      case: CaseSummary;
      from: Priority;
      to: Priority;
      byName: string;
      /** the reason support gave; the customer sees it (SPEC §2) */
      reason: string;
    }
  | { kind: 'team_added'; case: CaseSummary; contactName: string; addedBy: string }
  | { kind: 'attachment_added'; case: CaseSummary; fileName: string; size: number; byName: string }
  | {
      kind: 'escalation';
      case: CaseSummary;
      state: EscalationState;
      byName: string;
      /** the customer's reason (when requested) */
      reason?: string;
      /** the customer's business justification (when requested) */
      justification?: string;
      /** the support manager's note (when acknowledged or resolved) */
      note?: string;
    }
  | { kind: 'pending_reminder'; case: CaseSummary; pendingSince: string }
  | {
      kind: 'bounce';
      reason: BounceReason;
      /** the subject of the mail that was refused (its body is never echoed) */
      originalSubject: string;
      /** the case it threaded to, if any; not shown for `not_a_case_participant` */
      caseNumber?: string;
      /** absolute link to the Support Center */
      portalUrl: string;
      /** absolute link to the case page, when the case is known */
      caseUrl?: string;
      /** the address the refused mail came from */
      sender?: string;
      /** one line of detail, e.g. the size limit */
      detail?: string;
    };

export type MailEventKind = MailEvent['kind'];

export interface RenderOptions {
  /** shown as the sender's name and in the footer, e.g. `Casebook Support` */
  productName: string;
  /** the portal's base address (PUBLIC_URL) */
  publicUrl: string;
  /** default: a sentence that covers both the case email and the team */
  recipient?: RecipientReason;
  /** days in `pending_customer` before the reminder (SPEC §4: 3) */
  pendingReminderDays?: number;
  /** days in `pending_customer` before the case is solved automatically (SPEC §4: 7) */
  autoSolveDays?: number;
  /** days a solved case may be reopened (SPEC §3: 14) */
  reopenWindowDays?: number;
  /** days a solved case stays solved before it is closed (SPEC §4: 14) */
  autoCloseDays?: number;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}
