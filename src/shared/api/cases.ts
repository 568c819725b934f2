import { z } from 'zod';
import { isTimeZone, toE164 } from '../contact.ts';
import {
  CASE_SORTS,
  CASE_STATUSES,
  COMMENT_MAX,
  DESCRIPTION_MAX,
  ESCALATION_STATES,
  LONG_TEXT_MAX,
  PLANS,
  PRIORITIES,
  SCOPES,
  SUBJECT_MAX,
} from '../enums.ts';
import { SLA_STATES } from '../sla.ts';

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

export const CaseEmail = z
  .string(required('Case email'))
  .trim()
  .toLowerCase()
  .max(254, 'Case email is too long')
  .pipe(z.email('Enter a valid email address'));

export const ContactPhone = z
  .string(required('Preferred contact number'))
  .trim()
  .min(1, 'Preferred contact number is required')
  .transform((value, ctx) => {
    const e164 = toE164(value);
    if (!e164) {
      ctx.addIssue({
        code: 'custom',
        message: 'Enter an international number with its country code, e.g. +1 415 555 0100',
      });
      return z.NEVER;
    }
    return e164;
  });

export const ContactTimezone = z
  .string(required('Preferred contact timezone'))
  .trim()
  .refine(isTimeZone, 'Choose a time zone from the list (IANA name, e.g. Europe/Berlin)');

export const NewCase = z
  .object({
    priority: z.enum(PRIORITIES, { error: 'Choose a priority: P1, P2, P3 or P4' }),
    subject: text('Subject', SUBJECT_MAX),
    description: text('Detailed description', DESCRIPTION_MAX),
    stepsToReproduce: optionalText('Steps to reproduce', LONG_TEXT_MAX),
    org: z.string(required('Org impacted')).trim().min(1, 'Choose the org impacted'),
    issueArea: z.string(required('Issue area')).trim().min(1, 'Choose an issue area'),
    scope: z.enum(SCOPES, { error: 'Choose who is affected' }),
    businessImpact: optionalText('Business impact', LONG_TEXT_MAX),
    caseEmail: CaseEmail,
    contactPhone: ContactPhone,
    contactTimezone: ContactTimezone,
    teamContacts: z
      .array(z.email('Each team contact must be an email address').toLowerCase())
      .max(20)
      .default([]),
    p1Confirmed: z.boolean().default(false),
    formSession: z
      .uuid('A form session id is a UUID')
      .optional()
      .meta({ description: 'the case form session that reported recommended-solution events (deflection)' }),
  })
  .meta({ id: 'NewCase' });
export type NewCase = z.input<typeof NewCase>;
export type NewCaseParsed = z.output<typeof NewCase>;

export const CaseUpdate = z
  .object({
    caseEmail: CaseEmail.optional(),
    contactPhone: ContactPhone.optional(),
    contactTimezone: ContactTimezone.optional(),
    status: z
      .enum(['solved', 'open'], { error: 'A customer may set the status to solved, or to open to reopen' })
      .optional(),
  })
  .meta({ id: 'CaseUpdate' });

export const Person = z
  .object({ id: z.string(), name: z.string(), email: z.string() })
  .meta({ id: 'Person' });

export const Escalation = z
  .object({
    id: z.string(),
    state: z.enum(ESCALATION_STATES),
    reason: z.string(),
    justification: z.string(),
    requestedBy: Person.nullable(),
    requestedAt: z.string(),
    acknowledgedAt: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    resolutionNote: z.string().nullable(),
    /** the note a support manager wrote when acknowledging; the customer sees it (issue 6) */
    acknowledgementNote: z.string().nullable(),
  })
  .meta({ id: 'Escalation' });

/**
 * The first-response SLA of a case as support sees it (issue 6); null for customers, who see
 * `firstResponseDueAt` only. `state` running | paused | met | breached; `dueAt` null while paused;
 * `remainingMinutes` is support time left (frozen while paused), null once met or breached.
 */
export const CaseSla = z
  .object({
    state: z.enum(SLA_STATES),
    dueAt: z.string().nullable(),
    breached: z.boolean(),
    aboutToBreach: z.boolean(),
    remainingMinutes: z.number().nullable(),
  })
  .meta({ id: 'CaseSla' });

export const CaseSummary = z
  .object({
    number: z.string(),
    status: z.enum(CASE_STATUSES),
    priority: z.enum(PRIORITIES),
    subject: z.string(),
    org: z.string(),
    issueArea: z.string(),
    openedBy: Person.nullable(),
    escalation: z.enum(ESCALATION_STATES).nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    firstResponseDueAt: z.string().nullable(),
    /** staff only (null for customers) (issue 6) */
    sla: CaseSla.nullable(),
  })
  .meta({ id: 'CaseSummary' });

export const CaseDetail = CaseSummary.extend({
  description: z.string(),
  stepsToReproduce: z.string().nullable(),
  businessImpact: z.string().nullable(),
  scope: z.enum(SCOPES),
  plan: z.enum(PLANS),
  issueAreaName: z.string(),
  account: z.string(),
  owner: Person.nullable(),
  caseEmail: z.string(),
  contactPhone: z.string(),
  contactTimezone: z.string(),
  p1Confirmed: z.boolean(),
  solvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  reopenableUntil: z.string().nullable(),
  team: z.array(Person.extend({ addedAt: z.string() })),
  escalations: z.array(Escalation),
  /** the queue working the case: staff only (null for customers) (issue 6) */
  queue: z.object({ key: z.string(), name: z.string() }).nullable(),
  /** the number of the case this one was merged into as a duplicate (issue 6) */
  mergedInto: z.string().nullable(),
}).meta({ id: 'Case' });

export const CaseListQuery = z.object({
  view: z.enum(['mine', 'account']).default('mine'),
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
  priority: z
    .string()
    .optional()
    .refine(
      (s) => !s || s.split(',').every((x) => (PRIORITIES as readonly string[]).includes(x)),
      'priority is a comma-separated list of P1…P4',
    ),
  org: z.string().optional(),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(CASE_SORTS).default('updated'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export const CaseList = z
  .object({
    items: z.array(CaseSummary),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'CaseList' });

export const CaseNumberParams = z.object({
  number: z.string().regex(/^\d{8}$/, 'A case number has 8 digits'),
});

export const NewComment = z
  .object({
    body: text('Comment', COMMENT_MAX),
    internal: z.boolean().default(false),
  })
  .meta({ id: 'NewComment' });

export const Comment = z
  .object({
    id: z.string(),
    body: z.string(),
    internal: z.boolean(),
    author: Person.nullable(),
    authorKind: z.enum(['customer', 'support', 'system']),
    via: z.enum(['web', 'email', 'api']),
    createdAt: z.string(),
  })
  .meta({ id: 'Comment' });

export const Attachment = z
  .object({
    id: z.string(),
    filename: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    uploadedBy: Person.nullable(),
    createdAt: z.string(),
    downloadUrl: z.string(),
  })
  .meta({ id: 'Attachment' });

export const HistoryEntry = z
  .object({
    id: z.string(),
    action: z.string(),
    field: z.string().nullable(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    actor: Person.nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'HistoryEntry' });

export const TeamChange = z.object({
  email: z.email('Enter the email of an admin of the case org').toLowerCase(),
});

export const EscalationRequest = z
  .object({
    reason: text('Reason', 2000),
    justification: text('Business justification', LONG_TEXT_MAX),
  })
  .meta({ id: 'EscalationRequest' });

export const AttachmentParams = CaseNumberParams.extend({
  id: z.uuid('Not an attachment id'),
});

/**
 * The multipart/form-data body of an upload, for the API document only: the server reads the
 * stream itself (the size limit and the content check need the bytes, not a parsed value).
 */
export const AttachmentUpload = z
  .object({
    file: z.string().meta({
      format: 'binary',
      description: 'The file, at most 2 MB. Its type is decided from its content; executables are refused.',
    }),
  })
  .meta({ id: 'AttachmentUpload' });

/** DELETE /cases/{number}/team may name the contact as ?email= instead of a JSON body. */
export const TeamChangeQuery = z.object({
  email: z.email('Enter the email of a team contact').toLowerCase().optional(),
});
