import type { Context } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { preparedInsert, preparedQuery } from '../db/preparedQuery.ts';
import type { CasesTable } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { enqueue } from '../outbox/enqueue.ts';
import type { Actor } from '../policies/actor.ts';
import { canSeeInternalNotes } from '../policies/cases.ts';
import { findVisibleCase } from '../queries/findVisibleCase.ts';
import { recomputeCaseSla } from '../sla/caseSla.ts';
import { recordHistory } from './caseHistory.ts';

export interface CommentInput {
  body: string;
  internal: boolean;
  via?: 'web' | 'email' | 'api';
}

/**
 * Adds a comment to a visible case. Customers write public comments only; a customer comment on a
 * `pending_customer` case makes it `open` again (SPEC §4); a comment on a closed case is refused.
 * A public support reply stops the first-response clock. Internal notes notify nobody.
 */
export async function addComment(ctx: Context, actor: Actor, number: string, input: CommentInput) {
  if (input.internal && !canSeeInternalNotes(actor)) {
    throw new AppError(403, 'internal_notes_staff_only', 'Internal notes are for support staff only.', {
      internal: 'Only support staff write internal notes',
    });
  }
  const now = ctx.now();
  return ctx.database.transaction(async (trx) => {
    const { row } = await findVisibleCase(trx, actor, number);
    if (row.status === 'closed') {
      throw new AppError(
        409,
        'case_closed',
        `Case ${number} is closed. Open a new case and mention ${number} in it.`,
      );
    }
    const id = await writeComment(trx, actor, row, input, now);
    return { id, caseId: row.id };
  });
}

const insertComment = preparedInsert('comments');

const touchCase = preparedQuery<[string, string], never>(
  (db, updatedAt, caseId) => db.updateTable('cases').set({ updated_at: updatedAt }).where('id', '=', caseId),
  2,
);

/** The case as a new comment needs it (a row read in the comment's transaction). */
export type CommentedCase = Pick<CasesTable, 'id' | 'number' | 'status' | 'first_responded_at'>;

/**
 * Writes a comment and its effects in the caller's transaction, on a case the caller has checked is not
 * closed: the row, the status a customer comment reopens, the first response, history and the
 * notification (not for internal notes). Shared by the web path and replies by email.
 */
export async function writeComment(
  trx: Executor,
  actor: Actor,
  row: CommentedCase,
  input: CommentInput,
  now: Date,
  /** the new comment's id, when the caller needs it before (e.g. to record it with the mail it came in) */
  id: string = newId(now.getTime()),
): Promise<string> {
  await insertComment(trx, {
    id,
    case_id: row.id,
    author_id: actor.id,
    body: input.body,
    internal: input.internal ? 1 : 0,
    via: input.via ?? 'web',
    created_at: now.toISOString(),
  });
  const patch: { updated_at: string; status?: 'open'; first_responded_at?: string } = {
    updated_at: now.toISOString(),
  };
  const history: Parameters<typeof recordHistory>[4] = [
    { action: input.internal ? 'internal_note_added' : 'comment_added' },
  ];
  if (actor.kind === 'customer' && row.status === 'pending_customer') {
    patch.status = 'open';
    history.push({ action: 'status_changed', field: 'status', from: row.status, to: 'open' });
  }
  if (actor.kind === 'staff' && !input.internal && !row.first_responded_at) {
    patch.first_responded_at = now.toISOString();
  }
  if (patch.status || patch.first_responded_at) {
    await trx.updateTable('cases').set(patch).where('id', '=', row.id).execute();
    // a first public support reply meets (or settles) the SLA; a customer reply restarts a paused clock
    await recomputeCaseSla(trx, row.id, now);
  } else {
    await touchCase(trx, patch.updated_at, row.id); // the usual case, compiled once
  }
  await recordHistory(trx, row.id, actor.id, now, history);
  if (!input.internal) {
    await enqueue(
      trx,
      'case.comment_added',
      row.id,
      { number: row.number, commentId: id, authorId: actor.id },
      now,
    );
  }
  return id;
}
