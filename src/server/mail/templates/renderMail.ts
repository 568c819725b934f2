import {
  MAX_ATTACHMENT_BYTES,
  PRIORITY_DEFINITIONS,
  REOPEN_WINDOW_DAYS,
  SCOPE_LABELS,
  STATUS_LABELS,
} from '../../../shared/enums.ts';
import type {
  BounceReason,
  CaseSummary,
  MailEvent,
  RecipientReason,
  RenderedMail,
  RenderOptions,
} from './mailEvents.ts';
import { type Block, type Inline, type MailDocument, oneLine, renderHtml, renderText } from './mailLayout.ts';

/** SPEC §4: reminder after 3 days pending, auto-solved after 7, closed 14 days after solved. */
const DEFAULT_PENDING_REMINDER_DAYS = 3;
const DEFAULT_AUTO_SOLVE_DAYS = 7;
const DEFAULT_AUTO_CLOSE_DAYS = 14;
/** A description longer than this is cut in the confirmation; the case page has all of it. */
const DESCRIPTION_PREVIEW_CHARS = 4000;
const ORIGINAL_SUBJECT_CHARS = 200;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Renders one notification or bounce as subject, plain text and HTML. Pure: no database, no clock, no
 * network. Every case mail's subject carries `[Case 00012345]` (the inbound side's last-resort threading
 * key), starts with the reply marker and ends with the case link, how to reply and why the recipient gets it.
 */
export function renderMail(event: MailEvent, options: RenderOptions): RenderedMail {
  const doc = event.kind === 'bounce' ? bounceDocument(event, options) : caseDocument(event, options);
  return { subject: doc.subject, text: renderText(doc), html: renderHtml(doc) };
}

/** The subject every mail of a case shares: `[Case 00012345] <case subject>`. */
export function caseSubject(c: Pick<CaseSummary, 'number' | 'subject'>): string {
  return oneLine(`[Case ${c.number}] ${c.subject}`);
}

type CaseEvent = Exclude<MailEvent, { kind: 'bounce' }>;

interface CaseContent {
  headline: string;
  blocks: Block[];
}

interface Settings {
  productName: string;
  /** the Open a Case page of the portal */
  newCaseUrl: string;
  pendingReminderDays: number;
  autoSolveDays: number;
  reopenWindowDays: number;
  autoCloseDays: number;
}

function settings(options: RenderOptions): Settings {
  return {
    productName: options.productName,
    newCaseUrl: `${options.publicUrl.replace(/\/+$/, '')}/cases/new`,
    pendingReminderDays: options.pendingReminderDays ?? DEFAULT_PENDING_REMINDER_DAYS,
    autoSolveDays: options.autoSolveDays ?? DEFAULT_AUTO_SOLVE_DAYS,
    reopenWindowDays: options.reopenWindowDays ?? REOPEN_WINDOW_DAYS,
    autoCloseDays: options.autoCloseDays ?? DEFAULT_AUTO_CLOSE_DAYS,
  };
}

function caseDocument(event: CaseEvent, options: RenderOptions): MailDocument {
  const s = settings(options);
  const content = caseContent(event, s);
  const c = event.case;
  const closed = c.status === 'closed' || (event.kind === 'status_changed' && event.to === 'closed');
  return {
    // Every mail of a case has the same subject: mail clients (Gmail above all) split a thread whose subject changes.
    subject: caseSubject(c),
    replyMarker: true,
    headline: content.headline,
    blocks: [
      ...content.blocks,
      ...(event.kind === 'case_created' ? [] : [caseCard(c)]),
      { kind: 'button', text: `View case ${c.number}`, href: c.caseUrl },
    ],
    footer: caseFooter(c, s, options.recipient, closed),
  };
}

function caseContent(event: CaseEvent, s: Settings): CaseContent {
  const c = event.case;
  switch (event.kind) {
    case 'case_created':
      return caseCreated(event, s);
    case 'public_reply':
      return {
        headline: event.fromSupport
          ? `${event.authorName} from ${s.productName} replied`
          : `${event.authorName} commented`,
        blocks: [
          { kind: 'markdown', source: event.body },
          ...(event.attachments.length > 0
            ? [
                {
                  kind: 'list',
                  label: 'Attached to this comment (open the files on the case page):',
                  items: event.attachments.map((name) => [name]),
                } satisfies Block,
              ]
            : []),
        ],
      };
    case 'status_changed':
      return statusChanged(event, s);
    case 'priority_changed': {
      const to = PRIORITY_DEFINITIONS[event.to];
      return {
        headline: `The priority of case ${c.number} is now ${to.label}`,
        blocks: [
          paragraph(
            `${event.byName} changed the priority from ${PRIORITY_DEFINITIONS[event.from].label} to ${to.label}.`,
          ),
          { kind: 'quote', label: 'Reason', text: event.reason },
          paragraph(`${to.label}: ${to.definition}`),
          ...(event.to === 'P1' ? [stayReachable(undefined)] : []),
        ],
      };
    }
    case 'team_added':
      return {
        headline: `${event.contactName} was added to the case team`,
        blocks: [
          paragraph(
            `${event.addedBy} added ${event.contactName} to the team of case ${c.number}. ` +
              'Team contacts receive every email about the case, can reply to add comments, and can open the case in the Support Center.',
          ),
        ],
      };
    case 'attachment_added':
      return {
        headline: `${event.byName} added a file`,
        blocks: [
          { kind: 'facts', rows: [['File', `${event.fileName} (${formatBytes(event.size)})`]] },
          paragraph('Files are not sent by email; open or download it on the case page.'),
        ],
      };
    case 'escalation':
      return escalation(event);
    case 'pending_reminder':
      return pendingReminder(event, s);
  }
  // An outbox payload of an unknown kind (e.g. an internal note) must never turn into a mail.
  throw new Error(`no mail template for event kind ${(event as { kind: string }).kind}`);
}

function caseCreated(event: Extract<CaseEvent, { kind: 'case_created' }>, s: Settings): CaseContent {
  const c = event.case;
  const priority = PRIORITY_DEFINITIONS[c.priority];
  const due = event.firstResponseDueAt
    ? `by ${formatInstant(event.firstResponseDueAt, c.contactTimezone)}`
    : 'as soon as possible';
  const description =
    event.description.length > DESCRIPTION_PREVIEW_CHARS
      ? `${event.description.slice(0, DESCRIPTION_PREVIEW_CHARS).trimEnd()}\n[…] The full description is on the case page.`
      : event.description;
  return {
    headline: `We received case ${c.number}`,
    blocks: [
      paragraph(
        `${event.openedBy} opened this case for ${c.org}. ${s.productName} will answer ${due}; ` +
          'every reply and change is sent to the case email and the case team.',
      ),
      {
        kind: 'facts',
        rows: [
          ['Case number', c.number],
          ['Subject', c.subject],
          ['Priority', `${priority.label} — ${priority.definition}`],
          ['Status', STATUS_LABELS[c.status]],
          ['Account', c.accountName],
          ['Org', c.org],
          ['Issue area', c.issueArea],
          ['Scope', SCOPE_LABELS[event.scope]],
          ['First response', due],
        ],
      },
      ...(c.priority === 'P1' ? [stayReachable(event.contactPhone)] : []),
      { kind: 'quote', label: 'Description', text: description },
    ],
  };
}

function statusChanged(event: Extract<CaseEvent, { kind: 'status_changed' }>, s: Settings): CaseContent {
  const c = event.case;
  const who = event.byName ?? 'automatically';
  const byLine = event.byName ? ` by ${event.byName}` : '';
  const blocks: Block[] = [];
  let headline: string;
  switch (event.to) {
    case 'open':
      if (event.from === 'pending_customer') {
        headline = `Case ${c.number} is open again`;
        blocks.push(paragraph('The reply came in, so support continues to work on the case.'));
      } else if (event.from === 'solved') {
        headline = `Case ${c.number} was reopened`;
        blocks.push(paragraph(`The case was reopened${byLine}; support continues to work on it.`));
      } else {
        headline = `Case ${c.number} is open`;
        blocks.push(paragraph('A support engineer is working on the case.'));
      }
      break;
    case 'pending_customer':
      headline = `Case ${c.number} is waiting for your reply`;
      blocks.push(
        paragraph(
          'Support needs information from you to continue. Reply to this email or comment on the case page. ' +
            `Without a reply, we send a reminder after ${days(s.pendingReminderDays)} and mark the case solved after ${days(s.autoSolveDays)}.`,
        ),
      );
      break;
    case 'solved':
      if (event.byName === null && event.from === 'pending_customer') {
        headline = `Case ${c.number} was solved automatically`;
        blocks.push(
          paragraph(
            `Support asked for information and had no reply for ${days(s.autoSolveDays)}, so the case was marked solved.`,
          ),
        );
      } else {
        headline = `Case ${c.number} was marked solved`;
        blocks.push(paragraph(`The case was marked solved${byLine}.`));
      }
      blocks.push(
        paragraph(
          `If the problem is not fixed, reopen the case on the case page within ${days(s.reopenWindowDays)}. ` +
            `The case is closed ${days(s.autoCloseDays)} after it was solved.`,
        ),
      );
      break;
    case 'closed':
      headline = `Case ${c.number} is closed`;
      blocks.push({
        kind: 'paragraph',
        parts: [
          `The case was closed${byLine}. Replies to its emails are no longer added to it. If you need more help, `,
          { text: 'open a new case in the Support Center', href: s.newCaseUrl },
          ` and mention case ${c.number}.`,
        ],
      });
      break;
    case 'new':
      headline = `Case ${c.number} is new again`;
      blocks.push(paragraph(`The case was set back to new${byLine}; it waits for an engineer.`));
      break;
  }
  blocks.push({
    kind: 'facts',
    rows: [
      ['Status', `${STATUS_LABELS[event.from]} → ${STATUS_LABELS[event.to]}`],
      ['Changed by', who],
    ],
  });
  if (event.note)
    blocks.push({ kind: 'quote', label: `Note from ${event.byName ?? s.productName}`, text: event.note });
  return { headline, blocks };
}

function escalation(event: Extract<CaseEvent, { kind: 'escalation' }>): CaseContent {
  const c = event.case;
  const blocks: Block[] = [];
  let headline: string;
  switch (event.state) {
    case 'requested':
      headline = `Escalation requested for case ${c.number}`;
      blocks.push(
        paragraph(
          `${event.byName} requested an escalation. A support manager reviews it; you get an email when it is acknowledged.`,
        ),
      );
      if (event.reason) blocks.push({ kind: 'quote', label: 'Reason', text: event.reason });
      if (event.justification) {
        blocks.push({ kind: 'quote', label: 'Business justification', text: event.justification });
      }
      break;
    case 'acknowledged':
      headline = `The escalation of case ${c.number} was acknowledged`;
      blocks.push(paragraph(`${event.byName} acknowledged the escalation and is following the case.`));
      break;
    case 'resolved':
      headline = `The escalation of case ${c.number} is resolved`;
      blocks.push(
        paragraph(
          `${event.byName} resolved the escalation. The case itself stays ${STATUS_LABELS[c.status]}.`,
        ),
      );
      break;
  }
  if (event.note) blocks.push({ kind: 'quote', label: `Note from ${event.byName}`, text: event.note });
  return { headline, blocks };
}

function pendingReminder(event: Extract<CaseEvent, { kind: 'pending_reminder' }>, s: Settings): CaseContent {
  const c = event.case;
  const since = formatInstant(event.pendingSince, c.contactTimezone);
  const solveAt = new Date(Date.parse(event.pendingSince) + s.autoSolveDays * DAY_MS).toISOString();
  return {
    headline: `Case ${c.number} is still waiting for your reply`,
    blocks: [
      paragraph(`Support asked for information on ${since} and has not heard back.`),
      paragraph(
        `Cases without a reply are marked solved automatically ${days(s.autoSolveDays)} after support asks: ` +
          `this case will be solved on ${formatInstant(solveAt, c.contactTimezone)} unless you reply. ` +
          'Reply to this email or comment on the case page to keep it open. If the problem is gone, you can mark the case solved on the case page.',
      ),
    ],
  };
}

function stayReachable(phone: string | undefined): Block {
  const at = phone ? ` at ${phone}` : '';
  return {
    kind: 'paragraph',
    parts: [
      { strong: 'P1 Critical: ' },
      `please stay reachable around the clock${at} until the issue is mitigated, so the engineer can work with you without delay. ` +
        'If the contact number changes, update it on the case page.',
    ],
  };
}

/** A short reminder of which case this is, at the end of every case mail but the first. */
function caseCard(c: CaseSummary): Block {
  return {
    kind: 'facts',
    rows: [
      ['Case', `${c.number} — ${c.subject}`],
      ['Status', STATUS_LABELS[c.status]],
      ['Priority', PRIORITY_DEFINITIONS[c.priority].label],
      ['Org', c.org],
    ],
  };
}

const RECIPIENT_SENTENCES: Record<RecipientReason | 'any', (number: string) => string> = {
  case_email: (n) => `You receive this email because your address is the contact email of case ${n}.`,
  team_contact: (n) => `You receive this email because you are on the team of case ${n}.`,
  support_staff: (n) => `You receive this email because you work on case ${n} as support staff.`,
  any: (n) => `You receive this email because you are the contact or on the team of case ${n}.`,
};

function caseFooter(
  c: CaseSummary,
  s: Settings,
  recipient: RecipientReason | undefined,
  closed: boolean,
): Inline[][] {
  const howToReply: Inline[] = closed
    ? [
        'This case is closed: replies to this email are not added. ',
        { text: 'Open a new case', href: s.newCaseUrl },
        ` and mention case ${c.number}.`,
      ]
    : [
        recipient === 'support_staff'
          ? 'Answer on the case page: replies from support addresses are not added to the case.'
          : 'Reply to this email to add a comment to the case.',
      ];
  return [
    ['Case page: ', { text: c.caseUrl, href: c.caseUrl }],
    howToReply,
    [RECIPIENT_SENTENCES[recipient ?? 'any'](c.number)],
    [s.productName],
  ];
}

// ——— bounces ———

const BOUNCE_WHY: Record<BounceReason, (caseRef: string) => string> = {
  not_a_case_participant: () =>
    'Your email was not added to a case because only the person who opened the case, its team contacts and the ' +
    "account's Elevated Support Contacts can add comments by email, and the address it came from is not one of them.",
  no_matching_case: () =>
    'Your email was not added to a case because it does not answer any case: it did not go to a case address, ' +
    'does not reply to a case email, and its subject has no case number we know.',
  case_closed: (ref) => `Your email was not added to ${ref} because the case is closed.`,
  message_too_large: (ref) =>
    `Your email was not added to ${ref} because it is larger than we accept by email.`,
  rate_limited: (ref) =>
    `Your email was not added to ${ref} because we received too many emails from your address in a short time.`,
};

function bounceWhatToDo(event: Extract<MailEvent, { kind: 'bounce' }>): Inline[][] {
  const portal: Inline = { text: 'Support Center', href: event.portalUrl };
  const casePage: Inline = event.caseUrl ? { text: 'the case page', href: event.caseUrl } : 'the case page';
  switch (event.reason) {
    case 'not_a_case_participant':
      return [
        ['Reply from the address that receives the case emails (the case email or a team contact).'],
        ["Or ask the case's contact to add you to the case team; then you can reply by email too."],
        ['To report a different problem, open a new case in the ', portal, '.'],
      ];
    case 'no_matching_case':
      return [
        ['To open a new case, use the ', portal, ': new cases are not opened by email.'],
        ['To add to an existing case, reply to one of its emails and keep [Case <number>] in the subject.'],
      ];
    case 'case_closed':
      return [
        [
          'Open a new case in the ',
          portal,
          event.caseNumber
            ? ` and mention case ${event.caseNumber} in it.`
            : ' and mention the old case number in it.',
        ],
      ];
    case 'message_too_large':
      return [
        ['Send the text again without the large attachments.'],
        [
          'Add the files on ',
          casePage,
          ` instead (up to ${formatBytes(MAX_ATTACHMENT_BYTES)} each), or share a link to them.`,
        ],
      ];
    case 'rate_limited':
      return [['Wait a while and send it again, or add your comment on ', casePage, ' in the ', portal, '.']];
  }
}

function bounceDocument(event: Extract<MailEvent, { kind: 'bounce' }>, options: RenderOptions): MailDocument {
  const original = truncate(oneLine(event.originalSubject), ORIGINAL_SUBJECT_CHARS) || '(no subject)';
  // Naming the case to a sender who may not post to it would confirm that the case exists.
  const caseNumber = event.reason === 'not_a_case_participant' ? undefined : event.caseNumber;
  const caseRef = caseNumber ? `case ${caseNumber}` : 'a case';
  const rows: [string, string][] = [['Subject', original]];
  if (event.sender) rows.push(['Sent from', oneLine(event.sender)]);
  if (event.detail) rows.push(['Details', oneLine(event.detail)]);
  return {
    subject: `Not added to a case: ${original}`,
    replyMarker: false,
    headline: caseNumber
      ? `Your email was not added to case ${caseNumber}`
      : 'Your email was not added to a case',
    blocks: [
      paragraph(BOUNCE_WHY[event.reason](caseRef)),
      { kind: 'list', label: 'What you can do:', items: bounceWhatToDo(event) },
      { kind: 'facts', rows },
    ],
    footer: [
      [`This is an automatic message from ${options.productName}; the content of your email was not kept.`],
      ['Support Center: ', { text: event.portalUrl, href: event.portalUrl }],
    ],
  };
}

// ——— words and numbers ———

function paragraph(text: string): Block {
  return { kind: 'paragraph', parts: [text] };
}

function days(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

function truncate(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1).trimEnd()}…` : value;
}

export function formatBytes(size: number): string {
  if (size < 1024) return size === 1 ? '1 byte' : `${size} bytes`;
  const oneDecimal = (n: number) => n.toFixed(1).replace(/\.0$/, '');
  if (size < 1024 * 1024) return `${oneDecimal(size / 1024)} KB`;
  return `${oneDecimal(size / (1024 * 1024))} MB`;
}

/** `Mar 5, 2025, 2:30 PM (Europe/Berlin)`; UTC when the zone is unknown. */
export function formatInstant(iso: string, timeZone: string): string {
  const date = new Date(iso);
  const format = (zone: string) =>
    `${new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(date)} (${zone})`;
  try {
    return format(timeZone);
  } catch {
    return format('UTC');
  }
}
