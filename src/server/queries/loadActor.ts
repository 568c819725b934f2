import type { Executor } from '../db/database.ts';
import type { Actor } from '../policies/actor.ts';

/** Loads a user with their current roles and grants; called on every request so a revocation takes effect at once. */
export async function loadActor(db: Executor, userId: string): Promise<Actor | null> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user) return null;
  if (user.kind === 'staff') {
    return {
      kind: 'staff',
      id: user.id,
      email: user.email,
      name: user.name,
      active: user.active === 1,
      role: user.staff_role ?? 'engineer',
    };
  }
  const orgs = await db
    .selectFrom('org_admins')
    .innerJoin('orgs', 'orgs.id', 'org_admins.org_id')
    .select(['orgs.id', 'orgs.slug', 'orgs.name', 'org_admins.role'])
    .where('org_admins.user_id', '=', user.id)
    .where('orgs.account_id', '=', user.account_id ?? '')
    .orderBy('orgs.slug')
    .execute();
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
