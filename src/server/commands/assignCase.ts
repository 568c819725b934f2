import type { Context } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { enqueue } from '../outbox/enqueue.ts';
import type { Actor } from '../policies/actor.ts';
import { canAssignToAnyone, canBeAssigned } from '../policies/staff.ts';
import { findWorkableCase } from '../queries/findWorkableCase.ts';
import { recordHistory } from './caseHistory.ts';

export type AssignmentInput =
  | { action: 'take' }
  | { action: 'assign'; userId: string }
  | { action: 'round_robin' }
  | { action: 'unassign' };

/**
 * Who works a case (SPEC §5): take it (assign it to me), assign it to a member of the case's queue (a
 * manager or administrator: to any active staff user), round-robin to the next member of the queue, or
 * unassign. A closed case keeps its last assignee.
 */
export async function assignCase(ctx: Context, actor: Actor, number: string, input: AssignmentInput) {
  const now = ctx.now();
  return ctx.database.transaction(async (trx) => {
    const { row } = await findWorkableCase(trx, actor, number);
    if (row.status === 'closed') {
      throw new AppError(409, 'case_closed', `Case ${number} is closed; its assignee no longer changes.`);
    }
    let ownerId: string | null;
    switch (input.action) {
      case 'take':
        ownerId = actor.id;
        break;
      case 'unassign':
        if (!row.owner_id) throw new AppError(409, 'not_assigned', `Case ${number} has no assignee.`);
        ownerId = null;
        break;
      case 'assign': {
        const user = await trx
          .selectFrom('users')
          .select(['id', 'kind', 'active'])
          .where('id', '=', input.userId)
          .executeTakeFirst();
        if (!user || !canBeAssigned(user)) {
          throw new AppError(422, 'validation_failed', 'Choose an active support staff user', {
            userId: 'Not an active support staff user',
          });
        }
        if (
          user.id !== actor.id &&
          !canAssignToAnyone(actor) &&
          !(await isMember(trx, row.queue_key, user.id))
        ) {
          throw new AppError(422, 'validation_failed', `Choose a member of the ${row.queue_key} queue`, {
            userId: `Not a member of the ${row.queue_key} queue; a manager may assign anyone`,
          });
        }
        ownerId = user.id;
        break;
      }
      case 'round_robin':
        ownerId = await nextInRotation(ctx, trx, row.queue_key, row.owner_id, now);
        break;
    }
    if (ownerId === row.owner_id) {
      throw new AppError(409, 'already_assigned', `Case ${number} is already assigned to that person.`);
    }
    const updated = await trx
      .updateTable('cases')
      .set({ owner_id: ownerId, updated_at: now.toISOString() })
      .where('id', '=', row.id)
      .where((eb) => (row.owner_id ? eb('owner_id', '=', row.owner_id) : eb('owner_id', 'is', null)))
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      throw new AppError(
        409,
        'case_changed',
        `Case ${number} was reassigned meanwhile. Reload it and try again.`,
      );
    }
    // The history names the engineer (customers read it too; staff addresses stay internal).
    const people = await trx
      .selectFrom('users')
      .select(['id', 'name'])
      .where('id', 'in', [row.owner_id ?? '', ownerId ?? ''])
      .execute();
    const nameOf = (id: string | null) => (id ? (people.find((p) => p.id === id)?.name ?? id) : null);
    await recordHistory(trx, row.id, actor.id, now, [
      {
        action: 'owner_changed',
        field: 'owner',
        from: nameOf(row.owner_id),
        to: nameOf(ownerId),
      },
    ]);
    await enqueue(
      trx,
      'case.assigned',
      row.id,
      { number, from: row.owner_id, to: ownerId, by: actor.id, mode: input.action },
      now,
    );
    return trx.selectFrom('cases').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
  });
}

async function isMember(db: Executor, queueKey: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('queue_members')
    .select('user_id')
    .where('queue_key', '=', queueKey)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return !!row;
}

/**
 * The next active member of the queue after the one round-robin picked last (members in name order),
 * skipping the case's current assignee when someone else is there; moves the queue's cursor. The queue
 * row is locked (PostgreSQL `FOR UPDATE`; SQLite transactions hold the write lock from the start), so
 * concurrent round-robin assignments take turns.
 */
async function nextInRotation(
  ctx: Context,
  trx: Executor,
  queueKey: string,
  currentOwner: string | null,
  now: Date,
): Promise<string> {
  let q = trx.selectFrom('queues').select(['key', 'rr_last_user_id']).where('key', '=', queueKey);
  if (ctx.database.dialect === 'postgres') q = q.forUpdate();
  const queue = await q.executeTakeFirst();
  if (!queue) {
    throw new AppError(
      409,
      'queue_missing',
      `The case's queue ${queueKey} no longer exists; move the case first.`,
    );
  }
  const members = await trx
    .selectFrom('queue_members')
    .innerJoin('users', 'users.id', 'queue_members.user_id')
    .select(['users.id'])
    .where('queue_members.queue_key', '=', queueKey)
    .where('users.kind', '=', 'staff')
    .where('users.active', '=', 1)
    .orderBy('users.name')
    .orderBy('users.id')
    .execute();
  if (members.length === 0) {
    throw new AppError(
      409,
      'queue_has_no_members',
      `The ${queueKey} queue has no active members to rotate through.`,
    );
  }
  const ids = members.map((m) => m.id);
  let index = (queue.rr_last_user_id ? ids.indexOf(queue.rr_last_user_id) : -1) + 1;
  if (ids[index % ids.length] === currentOwner && ids.length > 1) index += 1;
  const next = ids[index % ids.length]!;
  await trx
    .updateTable('queues')
    .set({ rr_last_user_id: next, updated_at: now.toISOString() })
    .where('key', '=', queueKey)
    .execute();
  return next;
}
