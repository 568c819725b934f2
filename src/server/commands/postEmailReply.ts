import { COMMENT_MAX, MAX_ATTACHMENT_BYTES } from '../../shared/enums.ts';
import type { Context } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { AppError } from '../errors.ts';
import { type InboundMail, isDuplicateMessageId, recordInbound } from '../mail/inbound/inboundMessages.ts';
import { formatBytes } from '../mail/templates/renderMail.ts';
import type { Actor } from '../policies/actor.ts';
import { type CaseFacts, canPostByEmail } from '../policies/cases.ts';
import { loadActor } from '../queries/loadActor.ts';
import {
  checkAttachment,
  type StoredAttachment,
  sanitizeFilename,
  writeAttachment,
} from './addAttachment.ts';
import { writeComment } from './addComment.ts';

/** A file that came with a mail. */
export interface MailAttachment {
  /** the name the mail gave it (may be missing); sanitized as on the web */
  filename: string | undefined;
  bytes: Buffer;
}

export interface EmailReply {
  caseId: string;
  /** the address the mail came from (its From header); it must belong to someone who may post */
  senderAddress: string;
  /** the new part of the mail: quoted history and signature already stripped */
  body: string;
  attachments: MailAttachment[];
  /** the message, recorded in `mail_messages` with the comment */
  mail: InboundMail;
}

export type EmailReplyResult =
  | {
      outcome: 'posted';
      commentId: string;
      attachmentIds: string[];
      /** one line per file that was not attached, as the comment names it */
      refused: string[];
      mailMessageId: string;
    }
  /** the Message-ID was recorded already (also by a delivery racing this one): nothing was written */
  | { outcome: 'duplicate' }
  | { outcome: 'case_closed' }
  | { outcome: 'not_a_case_participant' };

/** A case as a reply by email needs it: its row and the facts who may post to it are decided on. */
async function loadEmailCase(db: Executor, caseId: string) {
  const row = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
  if (!row) return null;
  const team = await db.selectFrom('case_team').select('user_id').where('case_id', '=', row.id).execute();
  const facts: CaseFacts & { orgId: string } = {
    accountId: row.account_id,
    openerId: row.opener_id,
    teamUserIds: team.map((t) => t.user_id),
    orgId: row.org_id,
  };
  return { row, facts };
}

/** May this user post to this case by email now, and if not, why. */
function refusal(
  actor: Actor | null,
  found: Awaited<ReturnType<typeof loadEmailCase>>,
): 'not_a_case_participant' | 'case_closed' | null {
  if (!found || !actor || !canPostByEmail(actor, found.facts)) return 'not_a_case_participant';
  return found.row.status === 'closed' ? 'case_closed' : null;
}

const NOT_ATTACHED_NOTE_MAX = 4_000;

/**
 * Turns a reply by email into a public comment (SPEC §6), in one transaction: the `mail_messages` record
 * (status `posted`, so the unique Message-ID refuses a second delivery, also one racing this), the comment
 * (via email, with the effects of a comment on the web: a customer reply reopens `pending_customer`),
 * history, the attachments and the notifications the web path writes. Files are checked as on the web
 * (2 MB each, content sniffed, executables refused); refused ones are named at the end of the comment.
 *
 * As on the web, the sender is loaded first and the case (its team, its status) is read inside the
 * transaction, where who may post (`canPostByEmail`) and whether the case is closed are decided; with
 * files, that is decided once before too, so files of a mail that will not be posted never reach the disk.
 */
export async function postEmailReply(ctx: Context, reply: EmailReply): Promise<EmailReplyResult> {
  const db = ctx.database.db;
  const email = reply.senderAddress.trim().toLowerCase();
  const user = email
    ? await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()
    : null;
  const actor = user ? await loadActor(db, user.id) : null;
  if (!actor) return { outcome: 'not_a_case_participant' };

  if (reply.attachments.length > 0) {
    const refused = refusal(actor, await loadEmailCase(db, reply.caseId));
    if (refused) return { outcome: refused };
  }
  const accepted: StoredAttachment[] = [];
  const refused: string[] = [];
  for (const file of reply.attachments) {
    try {
      const checked = await checkAttachment({ filename: file.filename ?? '', bytes: file.bytes });
      const sha256 = await ctx.attachments.put(file.bytes);
      accepted.push({ ...checked, size: file.bytes.length, sha256 });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      refused.push(notAttached(error, file));
    }
  }
  const body = commentBody(reply.body, refused);

  const now = ctx.now();
  try {
    return await ctx.database.transaction(async (trx): Promise<EmailReplyResult> => {
      const current = await loadEmailCase(trx, reply.caseId);
      const refusedNow = refusal(actor, current);
      if (refusedNow || !current) return { outcome: refusedNow ?? 'not_a_case_participant' };
      // The record first: a second delivery of the message waits here (PostgreSQL) or is refused.
      const commentId = newId(now.getTime());
      const detail =
        accepted.length + refused.length > 0
          ? `${accepted.length} attached, ${refused.length} not attached`
          : null;
      const mailMessageId = await recordInbound(
        trx,
        reply.mail,
        { status: 'posted', caseId: current.row.id, detail, commentId },
        now,
      );
      await writeComment(trx, actor, current.row, { body, internal: false, via: 'email' }, now, commentId);
      const attachmentIds: string[] = [];
      for (const file of accepted) {
        attachmentIds.push(await writeAttachment(trx, actor, current.row, file, now));
      }
      return { outcome: 'posted', commentId, attachmentIds, refused, mailMessageId };
    });
  } catch (error) {
    if (isDuplicateMessageId(error)) return { outcome: 'duplicate' };
    throw error;
  }
}

/** "trace.har (3.1 MB, over the 2 MB limit)" — one refused file, in the comment's words. */
function notAttached(error: AppError, file: MailAttachment): string {
  const name = file.filename?.trim() ? sanitizeFilename(file.filename) : 'an unnamed file';
  switch (error.code) {
    case 'too_large':
      return `${name} (${formatBytes(file.bytes.length)}, over the ${formatBytes(MAX_ATTACHMENT_BYTES)} limit)`;
    case 'executable_refused':
      return `${name} (executable files are not accepted)`;
    case 'empty_file':
      return `${name} (empty)`;
    default:
      return `${name} (${error.message})`;
  }
}

function commentBody(reply: string, refused: string[]): string {
  const note =
    refused.length === 0 ? '' : `Not attached: ${refused.join('; ')}`.slice(0, NOT_ATTACHED_NOTE_MAX);
  const room = COMMENT_MAX - (note ? note.length + 2 : 0);
  let text = reply.trim();
  if (text.length > room) {
    const cut = `\n\n[The rest of this email was cut: a comment holds at most ${COMMENT_MAX.toLocaleString('en-US')} characters.]`;
    text = `${text.slice(0, room - cut.length).trimEnd()}${cut}`;
  }
  if (text === '') text = '(This email had no text.)';
  return note ? `${text}\n\n${note}` : text;
}
