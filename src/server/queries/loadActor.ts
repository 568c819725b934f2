import type { Selectable } from 'kysely';
import type { OrgRole } from '../../shared/enums.ts';
import type { Executor } from '../db/database.ts';
import { preparedQuery } from '../db/preparedQuery.ts';
import type { UsersTable } from '../db/schema.ts';
import type { Actor } from '../policies/actor.ts';

/** The user columns an actor is made of. */
export const ACTOR_USER_COLUMNS = [
  'users.id',
  'users.email',
  'users.name',
  'users.kind',
  'users.staff_role',
  'users.account_id',
  'users.case_admin',
  'users.esc',
  'users.active',
] as const;

export type ActorUser = Pick<
  Selectable<UsersTable>,
  'id' | 'email' | 'name' | 'kind' | 'staff_role' | 'account_id' | 'case_admin' | 'esc' | 'active'
>;

/** Loads a user with their current roles and grants; called on every request so a revocation takes effect at once. */
export async function loadActor(db: Executor, userId: string): Promise<Actor | null> {
  const user = await db
    .selectFrom('users')
    .select(ACTOR_USER_COLUMNS)
    .where('id', '=', userId)
    .executeTakeFirst();
  return user ? completeActor(db, user) : null;
}

const staffQueues = preparedQuery<[string], { queue_key: string }>(
  (db, userId) =>
    db.selectFrom('queue_members').select('queue_key').where('user_id', '=', userId).orderBy('queue_key'),
  1,
);

const adminOrgs = preparedQuery<[string, string], { id: string; slug: string; name: string; role: OrgRole }>(
  (db, userId, accountId) =>
    db
      .selectFrom('org_admins')
      .innerJoin('orgs', 'orgs.id', 'org_admins.org_id')
      .select(['orgs.id', 'orgs.slug', 'orgs.name', 'org_admins.role'])
      .where('org_admins.user_id', '=', userId)
      .where('orgs.account_id', '=', accountId)
      .orderBy('orgs.slug'),
  2,
);

/** The actor of a user row already read (e.g. joined to its session): adds queues or orgs. */
export async function completeActor(db: Executor, user: ActorUser): Promise<Actor> {
  if (user.kind === 'staff') {
    // One small indexed read (queue_members_user) per request, so a membership change takes effect at once.
    const queues = await staffQueues(db, user.id);
    return {
      kind: 'staff',
      id: user.id,
      email: user.email,
      name: user.name,
      active: user.active === 1,
      role: user.staff_role ?? 'engineer',
      queues: queues.map((q) => q.queue_key),
    };
  }
  const orgs = await adminOrgs(db, user.id, user.account_id ?? '');
  return {
    kind: 'customer',
    id: user.id,
    email: user.email,
    name: user.name,
    active: user.active === 1,
    accountId: user.account_id ?? '',
    orgs,
    caseAdminGrant: user.case_admin === 1,
    escGrant: user.esc === 1,
  };
}
