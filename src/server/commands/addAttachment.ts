import { MAX_ATTACHMENT_BYTES } from '../../shared/enums.ts';
import { sniffAttachment } from '../attachments/sniff.ts';
import type { Context } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { CasesTable } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { enqueue } from '../outbox/enqueue.ts';
import type { Actor } from '../policies/actor.ts';
import { findVisibleCase } from '../queries/findVisibleCase.ts';
import { recordHistory } from './caseHistory.ts';

export interface AttachmentInput {
  /** the name the client sent; sanitized here */
  filename: string;
  bytes: Buffer;
}

export const FILENAME_MAX = 255;
const FALLBACK_FILENAME = 'attachment';

/**
 * A file name safe to store and to offer for download: the last path segment only, without control
 * or invisible formatting characters (e.g. a right-to-left override that disguises `exe.pdf`),
 * without the trailing dots and spaces Windows ignores (`run.exe.` is `run.exe`), characters that
 * Windows forbids in names replaced by `_`, at most 255 characters (keeping the extension), and
 * `attachment` when nothing is left.
 */
export function sanitizeFilename(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  let name = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .trim()
    .replace(/[. ]+$/, '');
  if (name === '' || /^\.+$/.test(name)) return FALLBACK_FILENAME;
  const chars = [...name];
  if (chars.length > FILENAME_MAX) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 ? [...name.slice(dot)] : [];
    const keepExt = ext.length > 0 && ext.length <= 16;
    const stem = chars.slice(0, FILENAME_MAX - (keepExt ? ext.length : 0));
    name = (stem.join('') + (keepExt ? ext.join('') : '')).trim();
  }
  return name;
}

async function openCaseForUpload(db: Executor, actor: Actor, number: string) {
  const visible = await findVisibleCase(db, actor, number);
  if (visible.row.status === 'closed') {
    throw new AppError(
      409,
      'case_closed',
      `Case ${number} is closed, so no more files can be attached. Open a new case and mention ${number} in it.`,
    );
  }
  return visible;
}

/**
 * Attaches a file to a visible, not closed case (SPEC §2–§3): the type is decided from the content
 * and executables are refused, whatever they are called. The bytes go to the content-addressed
 * store first (a file only referenced once the row exists; identical content is stored once), then
 * the row, the case's `updated_at`, the history entry and the notification in one transaction.
 */
export async function addAttachment(ctx: Context, actor: Actor, number: string, input: AttachmentInput) {
  // Refuse early, before anything reaches the disk, for cases the actor cannot see or that are closed.
  await openCaseForUpload(ctx.database.db, actor, number);
  const file = await checkAttachment(input);
  const sha256 = await ctx.attachments.put(input.bytes);

  const now = ctx.now();
  return ctx.database.transaction(async (trx) => {
    const { row } = await openCaseForUpload(trx, actor, number);
    const id = await writeAttachment(trx, actor, row, { ...file, size: input.bytes.length, sha256 }, now);
    return { id, caseId: row.id, filename: file.filename, contentType: file.contentType, sha256 };
  });
}

/**
 * Decides whether a file may be attached, and as what: the sanitized name and the type sniffed from the
 * content. Refuses (AppError) an empty file (422), one over 2 MB (413) and executables (422).
 */
export async function checkAttachment(
  input: AttachmentInput,
): Promise<{ filename: string; contentType: string }> {
  const filename = sanitizeFilename(input.filename);
  if (input.bytes.length === 0) {
    throw new AppError(422, 'empty_file', `${filename} is empty.`, { file: 'The file is empty' });
  }
  if (input.bytes.length > MAX_ATTACHMENT_BYTES) {
    throw new AppError(413, 'too_large', `${filename} is larger than the 2 MB limit.`, {
      file: 'A file may be at most 2 MB',
    });
  }
  const { contentType } = await sniffAttachment(input.bytes, filename);
  return { filename, contentType };
}

/** A checked file whose bytes are in the attachment store. */
export interface StoredAttachment {
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
}

/**
 * Writes an attachment and its effects in the caller's transaction, on a case the caller has checked is
 * not closed: the row, the case's `updated_at`, history and the notification. Shared by the web path and
 * replies by email.
 */
export async function writeAttachment(
  trx: Executor,
  actor: Actor,
  row: Pick<CasesTable, 'id' | 'number'>,
  file: StoredAttachment,
  now: Date,
): Promise<string> {
  const id = newId(now.getTime());
  await trx
    .insertInto('attachments')
    .values({
      id,
      case_id: row.id,
      uploader_id: actor.id,
      filename: file.filename,
      content_type: file.contentType,
      size: file.size,
      sha256: file.sha256,
      created_at: now.toISOString(),
      deleted_at: null,
    })
    .execute();
  await trx.updateTable('cases').set({ updated_at: now.toISOString() }).where('id', '=', row.id).execute();
  await recordHistory(trx, row.id, actor.id, now, [{ action: 'attachment_added', to: file.filename }]);
  await enqueue(
    trx,
    'case.attachment_added',
    row.id,
    { number: row.number, attachmentId: id, filename: file.filename, authorId: actor.id },
    now,
  );
  return id;
}
