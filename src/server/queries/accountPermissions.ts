import type { z } from 'zod';
import type { AccountPermissions } from '../../shared/api/accounts.ts';
import type { OrgRole } from '../../shared/enums.ts';
import type { Executor } from '../db/database.ts';
import { notFound } from '../errors.ts';
import { type CustomerActor, holdsCaseAdmin } from '../policies/actor.ts';

/**
 * The permissions page of an account (for its super admins): the plan's Elevated Support Contact
 * seats and every customer admin with their orgs, Case Admin as it takes effect, and whether they
 * take an ESC seat (assigned and active; that is what the seat count counts).
 */
export async function accountPermissions(
  db: Executor,
  accountId: string,
): Promise<z.output<typeof AccountPermissions>> {
  const account = await db
    .selectFrom('accounts')
    .innerJoin('plans', 'plans.key', 'accounts.plan')
    .select(['accounts.id', 'accounts.name', 'accounts.plan', 'plans.esc_seats'])
    .where('accounts.id', '=', accountId)
    .executeTakeFirst();
  if (!account) throw notFound('Account');
  const users = await db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'active', 'case_admin', 'esc'])
    .where('account_id', '=', accountId)
    .where('kind', '=', 'customer')
    .orderBy('name')
    .orderBy('id')
    .execute();
  const roles = await db
    .selectFrom('org_admins')
    .innerJoin('orgs', 'orgs.id', 'org_admins.org_id')
    .select(['org_admins.user_id', 'orgs.id', 'orgs.slug', 'orgs.name', 'org_admins.role'])
    .where('orgs.account_id', '=', accountId)
    .orderBy('orgs.slug')
    .execute();
  const orgsOf = new Map<string, { id: string; slug: string; name: string; role: OrgRole }[]>();
  for (const r of roles) {
    const list = orgsOf.get(r.user_id) ?? [];
    list.push({ id: r.id, slug: r.slug, name: r.name, role: r.role });
    orgsOf.set(r.user_id, list);
  }
  const admins = users.map((u) => {
    const actor: CustomerActor = {
      kind: 'customer',
      id: u.id,
      email: u.email,
      name: u.name,
      active: u.active === 1,
      accountId,
      orgs: orgsOf.get(u.id) ?? [],
      caseAdminGrant: u.case_admin === 1,
      escGrant: u.esc === 1,
    };
    return {
      id: u.id,
      name: u.name,
      email: u.email,
      active: actor.active,
      orgs: actor.orgs.map(({ slug, role }) => ({ slug, role })),
      superAdmin: actor.orgs.some((o) => o.role === 'super_admin'),
      caseAdmin: holdsCaseAdmin(actor),
      elevatedSupportContact: actor.escGrant && actor.active,
    };
  });
  return {
    account: { id: account.id, name: account.name, plan: account.plan },
    escSeats: { used: admins.filter((a) => a.elevatedSupportContact).length, cap: account.esc_seats },
    admins,
  };
}
