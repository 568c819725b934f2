import type { Context } from '../../context.ts';
import type { Executor } from '../../db/database.ts';
import type { OutboxTable } from '../../db/schema.ts';
import type { BouncePayload } from '../../outbox/enqueue.ts';
import { formatReplyAddress, newReplyToken } from '../inbound/replyAddress.ts';
import type { CaseSummary, MailEvent, RecipientReason } from '../templates/mailEvents.ts';
import { renderMail } from '../templates/renderMail.ts';
import { caseThreadId, type OutgoingMail, outboxMessageId } from './outgoingMail.ts';

export const PRODUCT_NAME = 'Casebook Support';

interface CaseFacts {
  id: string;
  number: string;
  subject: string;
  description: string;
  status: OutgoingCaseRow['status'];
  priority: OutgoingCaseRow['priority'];
  scope: OutgoingCaseRow['scope'];
  caseEmail: string;
  contactPhone: string;
  contactTimezone: string;
  firstResponseDueAt: string | null;
  openerId: string;
  replyToken: string;
  summary: CaseSummary;
}

type OutgoingCaseRow = Awaited<ReturnType<typeof loadCaseRow>> & {};

async function loadCaseRow(db: Executor, caseId: string) {
  return db
    .selectFrom('cases')
    .innerJoin('orgs', 'orgs.id', 'cases.org_id')
    .innerJoin('accounts', 'accounts.id', 'cases.account_id')
    .leftJoin('issue_areas', 'issue_areas.key', 'cases.issue_area_key')
    .select([
      'cases.id',
      'cases.number',
      'cases.subject',
      'cases.description',
      'cases.status',
      'cases.priority',
      'cases.scope',
      'cases.case_email',
      'cases.contact_phone',
      'cases.contact_timezone',
      'cases.first_response_due_at',
      'cases.first_responded_at',
      'cases.opener_id',
      'cases.reply_token',
      'orgs.name as org_name',
      'accounts.name as account_name',
      'issue_areas.name as issue_area_name',
      'cases.issue_area_key',
    ])
    .where('cases.id', '=', caseId)
    .executeTakeFirst();
}

/** The case as mail shows it; gives the case its reply token the first time one is needed. */
async function loadCase(ctx: Context, caseId: string): Promise<CaseFacts | null> {
  const db = ctx.database.db;
  const row = await loadCaseRow(db, caseId);
  if (!row) return null;
  let replyToken = row.reply_token;
  if (!replyToken) {
    const candidate = newReplyToken();
    await db
      .updateTable('cases')
      .set({ reply_token: candidate })
      .where('id', '=', caseId)
      .where('reply_token', 'is', null)
      .execute();
    const fresh = await db
      .selectFrom('cases')
      .select('reply_token')
      .where('id', '=', caseId)
      .executeTakeFirst();
    replyToken = fresh?.reply_token ?? candidate;
  }
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    description: row.description,
    status: row.status,
    priority: row.priority,
    scope: row.scope,
    caseEmail: row.case_email,
    contactPhone: row.contact_phone,
    contactTimezone: row.contact_timezone,
    firstResponseDueAt: row.first_responded_at ? null : row.first_response_due_at,
    openerId: row.opener_id,
    replyToken,
    summary: {
      number: row.number,
      subject: row.subject,
      status: row.status,
      priority: row.priority,
      org: row.org_name,
      accountName: row.account_name,
      issueArea: row.issue_area_name ?? row.issue_area_key,
      caseUrl: `${ctx.config.publicUrl}/cases/${row.number}`,
      contactTimezone: row.contact_timezone,
    },
  };
}

/** The case email and every active team contact, once each, without the person who caused the event. */
async function customerRecipients(ctx: Context, c: CaseFacts, exceptUserId: string | null) {
  const db = ctx.database.db;
  const team = await db
    .selectFrom('case_team')
    .innerJoin('users', 'users.id', 'case_team.user_id')
    .select(['users.id', 'users.email'])
    .where('case_team.case_id', '=', c.id)
    .where('users.active', '=', 1)
    .orderBy('case_team.added_at')
    .execute();
  const except = exceptUserId
    ? (await db.selectFrom('users').select('email').where('id', '=', exceptUserId).executeTakeFirst())?.email
    : undefined;
  const seen = new Set<string>();
  const take = (email: string) => {
    const key = email.toLowerCase();
    if (seen.has(key) || key === except?.toLowerCase()) return false;
    seen.add(key);
    return true;
  };
  const to = take(c.caseEmail) ? [c.caseEmail] : [];
  const cc = team.map((t) => t.email).filter(take);
  // Without a "to", the first team contact takes its place.
  if (to.length === 0 && cc.length > 0) to.push(cc.shift()!);
  return { to, cc };
}

async function nameOf(db: Executor, userId: unknown): Promise<string> {
  if (typeof userId !== 'string') return 'Casebook';
  const u = await db
    .selectFrom('users')
    .select(['name', 'email'])
    .where('id', '=', userId)
    .executeTakeFirst();
  return u?.name || u?.email || 'Someone';
}

/**
 * The messages one outbox row becomes (often one; none when there is nobody to tell). Case mail goes
 * to the case email with the team in Cc, threaded under the case's root Message-ID, answered at the
 * case's reply address. An escalation also tells the support managers, in a message of its own.
 */
export async function composeMail(ctx: Context, row: OutboxTable): Promise<OutgoingMail[]> {
  const payload = JSON.parse(row.payload) as Record<string, unknown>;
  const domain = ctx.config.mailDomain;
  const from = `"${PRODUCT_NAME}" <support@${domain}>`;
  const render = (event: MailEvent, recipient?: RecipientReason) =>
    renderMail(event, {
      productName: PRODUCT_NAME,
      publicUrl: ctx.config.publicUrl,
      pendingReminderDays: ctx.config.pendingReminderDays,
      autoSolveDays: ctx.config.autoSolveDays,
      autoCloseDays: ctx.config.closeSolvedDays,
      ...(recipient ? { recipient } : {}),
    });

  if (row.topic === 'mail.bounce') {
    const p = payload as unknown as BouncePayload;
    const mail = render({
      kind: 'bounce',
      reason: p.reason,
      originalSubject: p.originalSubject,
      portalUrl: ctx.config.publicUrl,
      sender: p.to,
      ...(p.caseNumber
        ? { caseNumber: p.caseNumber, caseUrl: `${ctx.config.publicUrl}/cases/${p.caseNumber}` }
        : {}),
      ...(p.detail ? { detail: p.detail } : {}),
    });
    return [
      {
        messageId: outboxMessageId(row.id, 0, domain),
        from: `"${PRODUCT_NAME}" <mailer-daemon@${domain}>`,
        replyTo: null,
        to: [p.to],
        cc: [],
        ...mail,
        inReplyTo: p.originalMessageId,
        references: p.originalMessageId ? [p.originalMessageId] : [],
        // RFC 3834: an automatic answer, sent from the null sender, so that no auto-responder answers it.
        headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' },
        envelopeFrom: '',
        caseId: null,
      },
    ];
  }

  if (!row.case_id) return [];
  const c = await loadCase(ctx, row.case_id);
  if (!c) return [];
  const db = ctx.database.db;
  const replyTo = formatReplyAddress(c.number, c.replyToken, domain);
  const root = caseThreadId(c.number, domain);
  const caseMail = (
    index: number,
    event: MailEvent,
    recipients: { to: string[]; cc: string[] },
    recipient?: RecipientReason,
  ): OutgoingMail[] => {
    if (recipients.to.length === 0) return [];
    const isRoot = row.topic === 'case.created' && index === 0;
    return [
      {
        messageId: isRoot ? root : outboxMessageId(row.id, index, domain),
        from,
        replyTo: recipient === 'support_staff' ? null : replyTo,
        ...recipients,
        ...render(event, recipient),
        inReplyTo: isRoot ? null : root,
        references: isRoot ? [] : [root],
        // Automatic notifications: out-of-office replies are not wanted (and are dropped if they come).
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'OOF, AutoReply' },
        envelopeFrom: `support@${domain}`,
        caseId: c.id,
      },
    ];
  };

  switch (row.topic) {
    case 'case.created': {
      const openedBy = await nameOf(db, c.openerId);
      return caseMail(
        0,
        {
          kind: 'case_created',
          case: c.summary,
          openedBy,
          description: c.description,
          scope: c.scope,
          firstResponseDueAt: c.firstResponseDueAt,
          ...(c.priority === 'P1' ? { contactPhone: c.contactPhone } : {}),
        },
        await customerRecipients(ctx, c, null),
      );
    }
    case 'case.comment_added': {
      const comment = await db
        .selectFrom('comments')
        .innerJoin('users', 'users.id', 'comments.author_id')
        .select(['comments.body', 'comments.internal', 'users.name', 'users.kind'])
        .where('comments.id', '=', String(payload.commentId))
        .executeTakeFirst();
      // Internal notes never reach mail, whatever the outbox holds.
      if (!comment || comment.internal) return [];
      return caseMail(
        0,
        {
          kind: 'public_reply',
          case: c.summary,
          authorName: comment.name,
          fromSupport: comment.kind === 'staff',
          body: comment.body,
          attachments: [],
        },
        await customerRecipients(ctx, c, String(payload.authorId)),
      );
    }
    case 'case.status_changed':
      return caseMail(
        0,
        {
          kind: 'status_changed',
          case: c.summary,
          from: payload.from as CaseFacts['status'],
          to: payload.to as CaseFacts['status'],
          byName: payload.by ? await nameOf(db, payload.by) : null,
          ...(typeof payload.note === 'string' ? { note: payload.note } : {}),
        },
        await customerRecipients(ctx, c, typeof payload.by === 'string' ? payload.by : null),
      );
    case 'case.priority_changed':
      return caseMail(
        0,
        {
          kind: 'priority_changed',
          case: c.summary,
          from: payload.from as CaseFacts['priority'],
          to: payload.to as CaseFacts['priority'],
          byName: await nameOf(db, payload.by),
          reason: String(payload.reason ?? ''),
        },
        await customerRecipients(ctx, c, null),
      );
    case 'case.team_added':
      return caseMail(
        0,
        {
          kind: 'team_added',
          case: c.summary,
          contactName: await nameOf(db, payload.userId),
          addedBy: await nameOf(db, payload.addedBy),
        },
        await customerRecipients(ctx, c, typeof payload.addedBy === 'string' ? payload.addedBy : null),
      );
    case 'case.attachment_added': {
      const file = await db
        .selectFrom('attachments')
        .select(['filename', 'size'])
        .where('id', '=', String(payload.attachmentId))
        .executeTakeFirst();
      if (!file) return [];
      return caseMail(
        0,
        {
          kind: 'attachment_added',
          case: c.summary,
          fileName: file.filename,
          size: Number(file.size),
          byName: await nameOf(db, payload.authorId),
        },
        await customerRecipients(ctx, c, String(payload.authorId)),
      );
    }
    case 'case.escalation_requested':
    case 'case.escalation_updated': {
      const esc = await db
        .selectFrom('escalations')
        .selectAll()
        .where('id', '=', String(payload.escalationId))
        .executeTakeFirst();
      if (!esc) return [];
      const requested = row.topic === 'case.escalation_requested';
      const byId = requested ? payload.requestedBy : payload.by;
      const event: MailEvent = {
        kind: 'escalation',
        case: c.summary,
        state: requested ? 'requested' : esc.state,
        byName: await nameOf(db, byId),
        ...(requested ? { reason: esc.reason, justification: esc.justification } : {}),
        ...(!requested && typeof payload.note === 'string' ? { note: payload.note } : {}),
      };
      const messages = caseMail(0, event, await customerRecipients(ctx, c, null));
      if (requested) {
        // SPEC §4: an escalation request notifies the support managers.
        const managers = await db
          .selectFrom('users')
          .select('email')
          .where('kind', '=', 'staff')
          .where('staff_role', '=', 'manager')
          .where('active', '=', 1)
          .orderBy('email')
          .execute();
        messages.push(...caseMail(1, event, { to: managers.map((m) => m.email), cc: [] }, 'support_staff'));
      }
      return messages;
    }
    case 'case.pending_reminder':
      return caseMail(
        0,
        { kind: 'pending_reminder', case: c.summary, pendingSince: String(payload.pendingSince) },
        await customerRecipients(ctx, c, null),
      );
    default:
      return [];
  }
}
