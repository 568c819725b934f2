import type { z } from 'zod';
import type { AdminQueue, QueueMember } from '../../../shared/api/admin.ts';
import { OPEN_STATUSES } from '../../../shared/enums.ts';
import type { Executor } from '../../db/database.ts';

type Member = z.output<typeof QueueMember>;

/** The members of queues (all, or one), by name. */
export async function queueMembers(db: Executor, queueKey?: string): Promise<(Member & { queue: string })[]> {
  let q = db
    .selectFrom('queue_members')
    .innerJoin('users', 'users.id', 'queue_members.user_id')
    .select([
      'queue_members.queue_key',
      'queue_members.added_at',
      'users.id',
      'users.name',
      'users.email',
      'users.staff_role',
      'users.active',
    ])
    .where('users.kind', '=', 'staff');
  if (queueKey) q = q.where('queue_members.queue_key', '=', queueKey);
  const rows = await q.orderBy('users.name').orderBy('users.id').execute();
  return rows.map((r) => ({
    queue: r.queue_key,
    id: r.id,
    name: r.name,
    email: r.email,
    role: r.staff_role ?? 'engineer',
    active: r.active === 1,
    addedAt: r.added_at,
  }));
}

/** Queues with members and what depends on them (issue areas, open cases, canned responses); triage first. */
export async function adminQueues(db: Executor, key?: string): Promise<z.output<typeof AdminQueue>[]> {
  let q = db
    .selectFrom('queues')
    .selectAll()
    .select((eb) => [
      eb
        .selectFrom('issue_areas')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('issue_areas.queue_key', '=', 'queues.key')
        .as('issue_areas'),
      eb
        .selectFrom('canned_responses')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('canned_responses.queue_key', '=', 'queues.key')
        .as('canned'),
      eb
        .selectFrom('cases')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('cases.queue_key', '=', 'queues.key')
        .where('cases.status', 'in', [...OPEN_STATUSES])
        .as('open_cases'),
    ]);
  if (key) q = q.where('key', '=', key);
  const rows = await q.orderBy('triage', 'desc').orderBy('name').orderBy('key').execute();
  const members = await queueMembers(db, key);
  return rows.map((r) => ({
    key: r.key,
    name: r.name,
    description: r.description,
    triage: r.triage === 1,
    members: members.filter((m) => m.queue === r.key).map(({ queue: _q, ...m }) => m),
    issueAreas: Number(r.issue_areas ?? 0),
    openCases: Number(r.open_cases ?? 0),
    cannedResponses: Number(r.canned ?? 0),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}
