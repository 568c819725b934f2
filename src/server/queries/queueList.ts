import { sql } from 'kysely';
import { OPEN_STATUSES } from '../../shared/enums.ts';
import type { Executor } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import { visibleCasesWhere } from '../policies/cases.ts';
import { canUseConsole } from '../policies/staff.ts';
import { overdueWhere } from './queueCases.ts';

const staffOnly = () => new AppError(403, 'staff_only', 'The support console is for support staff.');

/**
 * The queue selector (issue 6): every queue with counts of the open cases the caller works in it (open,
 * unassigned, overdue), whether the caller is a member, and counts over the caller's own cases.
 */
export async function queueList(db: Executor, actor: Actor, now: Date) {
  if (!canUseConsole(actor)) throw staffOnly();
  const nowIso = now.toISOString();
  const [queues, counts, mine] = await Promise.all([
    db
      .selectFrom('queues')
      .select(['key', 'name', 'description', 'triage'])
      .orderBy('triage')
      .orderBy('name')
      .execute(),
    db
      .selectFrom('cases')
      .where(visibleCasesWhere(actor))
      .where('cases.status', 'in', [...OPEN_STATUSES])
      .select((eb) => [
        'cases.queue_key',
        eb.fn.countAll<number>().as('open'),
        eb.fn.sum<number>(sql`case when cases.owner_id is null then 1 else 0 end`).as('unassigned'),
        eb.fn.sum<number>(sql`case when ${overdueWhere(nowIso)} then 1 else 0 end`).as('breached'),
      ])
      .groupBy('cases.queue_key')
      .execute(),
    db
      .selectFrom('cases')
      .where('cases.owner_id', '=', actor.id)
      .where('cases.status', 'in', [...OPEN_STATUSES])
      .select((eb) => [
        eb.fn.countAll<number>().as('open'),
        eb.fn.sum<number>(sql`case when ${overdueWhere(nowIso)} then 1 else 0 end`).as('breached'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  const byQueue = new Map(counts.map((c) => [c.queue_key, c]));
  const memberOf = actor.kind === 'staff' ? actor.queues : [];
  const items = queues.map((q) => {
    const c = byQueue.get(q.key);
    return {
      key: q.key,
      name: q.name,
      description: q.description,
      triage: q.triage === 1,
      member: memberOf.includes(q.key),
      counts: {
        open: Number(c?.open ?? 0),
        unassigned: Number(c?.unassigned ?? 0),
        breached: Number(c?.breached ?? 0),
      },
    };
  });
  return {
    items,
    total: items.length,
    mine: { open: Number(mine.open ?? 0), breached: Number(mine.breached ?? 0) },
  };
}

/** Active staff users with their queues; `queueKey` keeps the members of one queue. */
async function staffMembers(db: Executor, queueKey?: string) {
  let q = db
    .selectFrom('users')
    .select(['users.id', 'users.name', 'users.email', 'users.staff_role'])
    .where('users.kind', '=', 'staff')
    .where('users.active', '=', 1);
  if (queueKey) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('queue_members')
          .select('queue_members.user_id')
          .whereRef('queue_members.user_id', '=', 'users.id')
          .where('queue_members.queue_key', '=', queueKey),
      ),
    );
  }
  const users = await q.orderBy('users.name').orderBy('users.id').execute();
  const memberships = users.length
    ? await db
        .selectFrom('queue_members')
        .select(['user_id', 'queue_key'])
        .where(
          'user_id',
          'in',
          users.map((u) => u.id),
        )
        .orderBy('queue_key')
        .execute()
    : [];
  return users.map((u) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.staff_role ?? ('engineer' as const),
    queues: memberships.filter((m) => m.user_id === u.id).map((m) => m.queue_key),
  }));
}

/** The assignee picker for a case of one queue: its active members. */
export async function queueMembers(db: Executor, actor: Actor, key: string) {
  if (!canUseConsole(actor)) throw staffOnly();
  const queue = await db
    .selectFrom('queues')
    .select(['key', 'name'])
    .where('key', '=', key)
    .executeTakeFirst();
  if (!queue) throw notFound('Queue');
  const items = await staffMembers(db, key);
  return { queue, items, total: items.length };
}

/** Every active staff user (a manager may assign a case to anyone). */
export async function staffList(db: Executor, actor: Actor) {
  if (!canUseConsole(actor)) throw staffOnly();
  const items = await staffMembers(db);
  return { items, total: items.length };
}
