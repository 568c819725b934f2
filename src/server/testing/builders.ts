import type { NewCase } from '../../shared/api/cases.ts';
import { NewCase as NewCaseSchema } from '../../shared/api/cases.ts';
import type { OrgRole, Plan } from '../../shared/enums.ts';
import { hashPassword } from '../auth/passwords.ts';
import { openCase } from '../commands/openCase.ts';
import type { Context } from '../context.ts';
import { newId } from '../db/ids.ts';
import type { Actor } from '../policies/actor.ts';
import { loadActor } from '../queries/loadActor.ts';
import { DEMO_PASSWORD } from '../seed/demo.ts';

/** Test builders: the one place that makes accounts, orgs, admins and cases for tests. */

let seq = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(seq++).toString(36)}`;

export async function makeAccount(ctx: Context, opts: { name?: string; plan?: Plan } = {}) {
  const id = newId();
  const now = ctx.now().toISOString();
  await ctx.database.db
    .insertInto('accounts')
    .values({
      id,
      name: opts.name ?? unique('Account'),
      plan: opts.plan ?? 'silver',
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id };
}

export async function makeOrg(ctx: Context, accountId: string, opts: { slug?: string } = {}) {
  const id = newId();
  const slug = opts.slug ?? unique('org');
  await ctx.database.db
    .insertInto('orgs')
    .values({
      id,
      account_id: accountId,
      slug,
      name: `${slug}.example.com`,
      created_at: ctx.now().toISOString(),
    })
    .execute();
  return { id, slug };
}

/** A customer admin on the given orgs; Case Admin granted unless `caseAdmin: false`. */
export async function makeAdmin(
  ctx: Context,
  accountId: string,
  orgs: { orgId: string; role?: OrgRole }[],
  opts: { email?: string; caseAdmin?: boolean; esc?: boolean; active?: boolean; password?: string } = {},
): Promise<Actor & { kind: 'customer' }> {
  const id = newId();
  const now = ctx.now().toISOString();
  await ctx.database.db
    .insertInto('users')
    .values({
      id,
      email: opts.email ?? `${unique('admin')}@example.test`,
      name: unique('Admin'),
      password_hash: await hashPassword(opts.password ?? DEMO_PASSWORD, ctx.config.argon2),
      kind: 'customer',
      staff_role: null,
      account_id: accountId,
      case_admin: opts.caseAdmin === false ? 0 : 1,
      esc: opts.esc ? 1 : 0,
      active: opts.active === false ? 0 : 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  for (const o of orgs) {
    await ctx.database.db
      .insertInto('org_admins')
      .values({ org_id: o.orgId, user_id: id, role: o.role ?? 'admin', created_at: now })
      .execute();
  }
  return (await loadActor(ctx.database.db, id)) as Actor & { kind: 'customer' };
}

/** A valid new-case body; override any field. */
export function newCaseInput(overrides: Partial<NewCase> = {}): NewCase {
  return {
    priority: 'P3',
    subject: 'Users see an error after SAML sign-in',
    description:
      'Since this morning some users get "invalid assertion" after signing in. Error code E0000004.',
    stepsToReproduce: 'Sign in to the Salesforce app as a member of the Sales group.',
    org: 'acme',
    issueArea: 'saml-sso',
    scope: 'group_of_users',
    businessImpact: 'Sales cannot reach the CRM.',
    caseEmail: 'bob@acme.example',
    contactPhone: '+1 415 555 0100',
    contactTimezone: 'America/Los_Angeles',
    teamContacts: [],
    p1Confirmed: false,
    ...overrides,
  };
}

/** Opens a case through the real command, as `actor`. */
export async function makeCase(ctx: Context, actor: Actor, overrides: Partial<NewCase> = {}) {
  return openCase(ctx, actor, NewCaseSchema.parse(newCaseInput(overrides)));
}
