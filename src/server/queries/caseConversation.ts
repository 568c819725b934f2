import type { Executor } from '../db/database.ts';
import type { Actor } from '../policies/actor.ts';
import { canSeeInternalNotes, STAFF_ONLY_HISTORY_ACTIONS } from '../policies/cases.ts';
import { peopleById } from './people.ts';

/** Comments of a visible case, oldest first; internal notes only for staff. `onlyId`: just that one. */
export async function caseComments(db: Executor, actor: Actor, caseId: string, onlyId?: string) {
  let q = db.selectFrom('comments').selectAll().where('case_id', '=', caseId);
  if (onlyId) q = q.where('id', '=', onlyId);
  if (!canSeeInternalNotes(actor)) q = q.where('internal', '=', 0);
  const rows = await q.orderBy('created_at').orderBy('id').execute();
  const authors = await db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'kind'])
    .where('id', 'in', [...new Set(rows.map((r) => r.author_id ?? ''))].concat(['']))
    .execute();
  const byId = new Map(authors.map((a) => [a.id, a]));
  return rows.map((r) => {
    const a = r.author_id ? byId.get(r.author_id) : undefined;
    return {
      id: r.id,
      body: r.body,
      internal: r.internal === 1,
      author: a ? { id: a.id, name: a.name, email: a.email } : null,
      authorKind: !a
        ? ('system' as const)
        : a.kind === 'staff'
          ? ('support' as const)
          : ('customer' as const),
      via: r.via,
      createdAt: r.created_at,
    };
  });
}

/** History of a visible case, oldest first. Some entries are staff-only (STAFF_ONLY_HISTORY_ACTIONS). */
export async function caseHistory(db: Executor, actor: Actor, caseId: string) {
  let q = db.selectFrom('case_history').selectAll().where('case_id', '=', caseId);
  if (!canSeeInternalNotes(actor)) q = q.where('action', 'not in', STAFF_ONLY_HISTORY_ACTIONS);
  const rows = await q.orderBy('created_at').orderBy('id').execute();
  const people = await peopleById(
    db,
    rows.map((r) => r.actor_id),
  );
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    field: r.field,
    from: r.old_value,
    to: r.new_value,
    actor: r.actor_id ? (people.get(r.actor_id) ?? null) : null,
    createdAt: r.created_at,
  }));
}

/** Attachments of a visible case that support has not deleted. */
export async function caseAttachments(db: Executor, caseId: string, caseNumber: string) {
  const rows = await db
    .selectFrom('attachments')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .execute();
  const people = await peopleById(
    db,
    rows.map((r) => r.uploader_id),
  );
  return rows.map((r) => ({
    id: r.id,
    filename: r.filename,
    contentType: r.content_type,
    size: r.size,
    sha256: r.sha256,
    uploadedBy: r.uploader_id ? (people.get(r.uploader_id) ?? null) : null,
    createdAt: r.created_at,
    downloadUrl: `/api/v1/cases/${caseNumber}/attachments/${r.id}`,
  }));
}
