import { sql } from 'kysely';
import type { z } from 'zod';
import type { AdminAccount, AdminOrg, AdminOrgAdmin } from '../../../shared/api/admin.ts';
import { OPEN_STATUSES } from '../../../shared/enums.ts';
import type { Executor } from '../../db/database.ts';

type Account = z.output<typeof AdminAccount>;
type Org = z.output<typeof AdminOrg>;

/**
 * Accounts for administration: plan, Elevated Support Contact seats used (active users holding ESC)
 * of the plan's cap, open cases, and the orgs with their admin counts. All accounts, or those whose
 * name contains `q`, by name; or one account by id.
 */
export async function adminAccounts(
  db: Executor,
  filter: { q?: string; id?: string } = {},
): Promise<Account[]> {
  let base = db
    .selectFrom('accounts')
    .innerJoin('plans', 'plans.key', 'accounts.plan')
    .select([
      'accounts.id',
      'accounts.name',
      'accounts.plan',
      'accounts.created_at',
      'accounts.updated_at',
      'plans.esc_seats',
    ])
    .select((eb) => [
      eb
        .selectFrom('users')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('users.account_id', '=', 'accounts.id')
        .where('users.esc', '=', 1)
        .where('users.active', '=', 1)
        .as('esc_used'),
      eb
        .selectFrom('cases')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('cases.account_id', '=', 'accounts.id')
        .where('cases.status', 'in', [...OPEN_STATUSES])
        .as('open_cases'),
    ]);
  if (filter.id) base = base.where('accounts.id', '=', filter.id);
  if (filter.q) {
    const pattern = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where(sql<string>`lower(accounts.name)`, 'like', sql<string>`${pattern} escape '\\'`);
  }
  const rows = await base.orderBy('accounts.name').orderBy('accounts.id').execute();
  if (rows.length === 0) return [];
  const orgs = await adminOrgs(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    plan: r.plan,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    escSeats: { used: Number(r.esc_used ?? 0), cap: r.esc_seats },
    openCases: Number(r.open_cases ?? 0),
    orgs: orgs.filter((o) => o.accountId === r.id),
  }));
}

async function adminOrgs(db: Executor, accountIds: string[]): Promise<Org[]> {
  const rows = await db
    .selectFrom('orgs')
    .select(['orgs.id', 'orgs.account_id', 'orgs.slug', 'orgs.name', 'orgs.created_at'])
    .select((eb) => [
      eb
        .selectFrom('org_admins')
        .innerJoin('users', 'users.id', 'org_admins.user_id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('org_admins.org_id', '=', 'orgs.id')
        .where('users.active', '=', 1)
        .as('admins'),
      eb
        .selectFrom('org_admins')
        .innerJoin('users', 'users.id', 'org_admins.user_id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('org_admins.org_id', '=', 'orgs.id')
        .where('org_admins.role', '=', 'super_admin')
        .where('users.active', '=', 1)
        .as('super_admins'),
    ])
    .where('orgs.account_id', 'in', accountIds)
    .orderBy('orgs.slug')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    accountId: r.account_id,
    slug: r.slug,
    name: r.name,
    createdAt: r.created_at,
    admins: Number(r.admins ?? 0),
    superAdmins: Number(r.super_admins ?? 0),
  }));
}

/** Every admin of an org, active or not, super admins first. Null when the org does not exist. */
export async function adminOrgAdmins(
  db: Executor,
  orgId: string,
): Promise<z.output<typeof AdminOrgAdmin>[] | null> {
  const org = await db.selectFrom('orgs').select('id').where('id', '=', orgId).executeTakeFirst();
  if (!org) return null;
  const rows = await db
    .selectFrom('org_admins')
    .innerJoin('users', 'users.id', 'org_admins.user_id')
    .select(['users.id', 'users.name', 'users.email', 'users.active', 'org_admins.role'])
    .where('org_admins.org_id', '=', orgId)
    .orderBy('org_admins.role', 'desc')
    .orderBy('users.name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, role: r.role, active: r.active === 1 }));
}
