import { existsSync } from 'node:fs';
import type { Priority, Scope } from '../../shared/enums.ts';
import { hashPassword } from '../auth/passwords.ts';
import { recordHistory } from '../commands/caseHistory.ts';
import { openCase } from '../commands/openCase.ts';
import type { Context } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { importKnowledgeBase } from '../kb/importKnowledgeBase.ts';
import type { Actor } from '../policies/actor.ts';
import { projectPath } from '../projectRoot.ts';
import { loadActor } from '../queries/loadActor.ts';
import { recomputeCaseSla } from '../sla/caseSla.ts';
import { DEMO_ISSUE_AREAS } from './issueAreas.ts';
import { seedQueueMembersAndCannedResponses, seedQueues } from './queues.ts';

export const DEMO_PASSWORD = 'casebook-demo';

/** The demo knowledge base corpus: Markdown files with front matter. */
export const DEMO_KB = projectPath('kb', 'demo');

/** The demo sign-ins of SPEC §12, as printed at start. */
export const DEMO_USERS = [
  { email: 'alice@acme.example', note: 'Acme Corp (gold): super admin of acme and acme-preview' },
  { email: 'bob@acme.example', note: 'Acme Corp: admin of acme with Case Admin' },
  { email: 'carol@acme.example', note: 'Acme Corp: admin of acme without Case Admin' },
  { email: 'dave@acme.example', note: 'Acme Corp: admin with Case Admin and Elevated Support Contact' },
  { email: 'erin@acme.example', note: 'Acme Corp: admin of acme-preview only, with Case Admin' },
  { email: 'gina@globex.example', note: 'Globex (basic): super admin' },
  { email: 'hank@globex.example', note: 'Globex: admin with Case Admin' },
  { email: 'sam@support.example', note: 'vendor: support engineer' },
  { email: 'mia@support.example', note: 'vendor: support manager' },
  { email: 'root@support.example', note: 'vendor: support administrator' },
] as const;

export async function seedIssueAreas(db: Executor): Promise<void> {
  await seedQueues(db, new Date().toISOString());
  let order = 0;
  for (const group of DEMO_ISSUE_AREAS) {
    await db
      .insertInto('issue_areas')
      .values({
        key: group.key,
        parent_key: null,
        name: group.name,
        description: group.description,
        queue_key: group.queue,
        common: 0,
        sort_order: order++,
        active: 1,
      })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    for (const area of group.children ?? []) {
      await db
        .insertInto('issue_areas')
        .values({
          key: area.key,
          parent_key: group.key,
          name: area.name,
          description: area.description,
          queue_key: area.queue,
          common: area.common ? 1 : 0,
          sort_order: order++,
          active: 1,
        })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
    }
  }
}

/** True when the database holds no account yet: the demo seed only fills an empty database. */
export async function isEmpty(ctx: Context): Promise<boolean> {
  const row = await ctx.database.db.selectFrom('accounts').select('id').limit(1).executeTakeFirst();
  return !row;
}

/** Seeds SPEC §12: accounts, orgs, admins with their permissions, vendor staff, issue areas, and cases in every status. */
export async function seedDemo(ctx: Context): Promise<{ cases: number }> {
  const db = ctx.database.db;
  const now = ctx.now().toISOString();
  const passwordHash = await hashPassword(DEMO_PASSWORD, ctx.config.argon2);
  await seedIssueAreas(db);

  const acme = newId();
  const globex = newId();
  await db
    .insertInto('accounts')
    .values([
      { id: acme, name: 'Acme Corp', plan: 'gold', created_at: now, updated_at: now },
      { id: globex, name: 'Globex', plan: 'basic', created_at: now, updated_at: now },
    ])
    .execute();
  const orgs = { acme: newId(), 'acme-preview': newId(), globex: newId() };
  await db
    .insertInto('orgs')
    .values([
      { id: orgs.acme, account_id: acme, slug: 'acme', name: 'acme.example.com', created_at: now },
      {
        id: orgs['acme-preview'],
        account_id: acme,
        slug: 'acme-preview',
        name: 'acme-preview.example.com',
        created_at: now,
      },
      { id: orgs.globex, account_id: globex, slug: 'globex', name: 'globex.example.com', created_at: now },
    ])
    .execute();

  type Membership = [keyof typeof orgs, 'super_admin' | 'admin'];
  const customers: {
    email: string;
    name: string;
    account: string;
    caseAdmin: boolean;
    esc: boolean;
    orgs: Membership[];
  }[] = [
    {
      email: 'alice@acme.example',
      name: 'Alice Anders',
      account: acme,
      caseAdmin: true,
      esc: false,
      orgs: [
        ['acme', 'super_admin'],
        ['acme-preview', 'super_admin'],
      ],
    },
    {
      email: 'bob@acme.example',
      name: 'Bob Brandt',
      account: acme,
      caseAdmin: true,
      esc: false,
      orgs: [['acme', 'admin']],
    },
    {
      email: 'carol@acme.example',
      name: 'Carol Chen',
      account: acme,
      caseAdmin: false,
      esc: false,
      orgs: [['acme', 'admin']],
    },
    {
      email: 'dave@acme.example',
      name: 'Dave Diaz',
      account: acme,
      caseAdmin: true,
      esc: true,
      orgs: [
        ['acme', 'admin'],
        ['acme-preview', 'admin'],
      ],
    },
    {
      email: 'erin@acme.example',
      name: 'Erin Evans',
      account: acme,
      caseAdmin: true,
      esc: false,
      orgs: [['acme-preview', 'admin']],
    },
    {
      email: 'gina@globex.example',
      name: 'Gina Gómez',
      account: globex,
      caseAdmin: true,
      esc: false,
      orgs: [['globex', 'super_admin']],
    },
    {
      email: 'hank@globex.example',
      name: 'Hank Hill',
      account: globex,
      caseAdmin: true,
      esc: false,
      orgs: [['globex', 'admin']],
    },
  ];
  const ids: Record<string, string> = {};
  for (const c of customers) {
    const id = newId();
    ids[c.email] = id;
    await db
      .insertInto('users')
      .values({
        id,
        email: c.email,
        name: c.name,
        password_hash: passwordHash,
        kind: 'customer',
        staff_role: null,
        account_id: c.account,
        case_admin: c.caseAdmin ? 1 : 0,
        esc: c.esc ? 1 : 0,
        active: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    for (const [slug, role] of c.orgs) {
      await db
        .insertInto('org_admins')
        .values({ org_id: orgs[slug], user_id: id, role, created_at: now })
        .execute();
    }
  }
  const staff = [
    { email: 'sam@support.example', name: 'Sam Support', role: 'engineer' as const },
    { email: 'mia@support.example', name: 'Mia Manager', role: 'manager' as const },
    { email: 'root@support.example', name: 'Root Admin', role: 'administrator' as const },
  ];
  for (const s of staff) {
    const id = newId();
    ids[s.email] = id;
    await db
      .insertInto('users')
      .values({
        id,
        email: s.email,
        name: s.name,
        password_hash: passwordHash,
        kind: 'staff',
        staff_role: s.role,
        account_id: null,
        case_admin: 0,
        esc: 0,
        active: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }

  await seedQueueMembersAndCannedResponses(db, ids, now);

  const actor = async (email: string): Promise<Actor> => (await loadActor(db, ids[email]!))!;
  const demoCases: {
    by: string;
    org: string;
    priority: Priority;
    area: string;
    scope: Scope;
    subject: string;
    description: string;
    status: 'new' | 'open' | 'pending_customer' | 'solved' | 'closed';
    team?: string[];
    reply?: string;
  }[] = [
    {
      by: 'bob@acme.example',
      org: 'acme',
      priority: 'P2',
      area: 'saml-sso',
      scope: 'group_of_users',
      status: 'open',
      subject: 'SAML assertion rejected for Salesforce after certificate rollover',
      description:
        'Since the signing certificate rolled over this morning, users in the Sales group get "Invalid assertion: signature validation failed" when signing in to Salesforce.',
      reply:
        'Thanks Bob. The app still trusts the old certificate: please upload the new one in Salesforce single sign-on settings. We are checking the metadata on our side.',
    },
    {
      by: 'bob@acme.example',
      org: 'acme',
      priority: 'P3',
      area: 'mfa',
      scope: 'single_user',
      status: 'pending_customer',
      subject: 'User cannot re-enrol a security key after replacing it',
      description: 'One user replaced a lost YubiKey and the enrolment of the new key fails with E0000068.',
      reply: 'Could you send the System Log events for this user around the failed enrolment?',
    },
    {
      by: 'bob@acme.example',
      org: 'acme',
      priority: 'P4',
      area: 'api-tokens',
      scope: 'not_user_facing',
      status: 'solved',
      subject: 'How are API rate limits counted for the users endpoint?',
      description: 'We want to size our nightly sync job. Are limits per token or per org?',
      reply:
        'Limits are per org and per endpoint family; the X-Rate-Limit headers on every answer show the budget left.',
    },
    {
      by: 'dave@acme.example',
      org: 'acme-preview',
      priority: 'P3',
      area: 'provisioning',
      scope: 'group_of_users',
      status: 'new',
      subject: 'SCIM push to Slack deactivates users who are still assigned',
      description:
        'In the preview org, users removed from one of two assigned groups are deactivated in Slack.',
      team: ['erin@acme.example'],
    },
    {
      by: 'alice@acme.example',
      org: 'acme',
      priority: 'P1',
      area: 'sign-on-policies',
      scope: 'all_users',
      status: 'closed',
      subject: 'All users locked out after network zone change',
      description:
        'After editing the corporate network zone nobody can sign in: every attempt is denied by policy.',
      reply:
        'The new zone excluded your egress range. We restored the previous zone definition with you on the call.',
    },
    {
      by: 'hank@globex.example',
      org: 'globex',
      priority: 'P2',
      area: 'directory-sync',
      scope: 'all_users',
      status: 'open',
      subject: 'AD agent stopped importing after Windows update',
      description:
        'The Active Directory agent shows as unhealthy since Tuesday and no new hires are imported.',
      reply:
        'Please restart the agent service and send us the agent log from C:\\Program Files\\Agent\\logs.',
    },
    {
      by: 'gina@globex.example',
      org: 'globex',
      priority: 'P4',
      area: 'licensing',
      scope: 'admins_only',
      status: 'new',
      subject: 'Licence count shows 20 more users than we have',
      description: 'The billing page counts deactivated users. Is that expected?',
    },
  ];

  const sam = ids['sam@support.example']!;
  let t = ctx.now().getTime() - demoCases.length * 3_600_000;
  for (const c of demoCases) {
    const opener = await actor(c.by);
    const clock = { ...ctx, now: () => new Date(t) };
    const { id } = await openCase(clock, opener, {
      priority: c.priority,
      subject: c.subject,
      description: c.description,
      org: c.org,
      issueArea: c.area,
      scope: c.scope,
      caseEmail: c.by,
      contactPhone: '+14155550100',
      contactTimezone: c.org === 'globex' ? 'Europe/Berlin' : 'America/Los_Angeles',
      teamContacts: c.team ?? [],
      p1Confirmed: c.priority === 'P1',
      stepsToReproduce: undefined,
      businessImpact: undefined,
    });
    const at = new Date(t + 20 * 60_000);
    const iso = at.toISOString();
    if (c.reply) {
      await db
        .insertInto('comments')
        .values({
          id: newId(at.getTime()),
          case_id: id,
          author_id: sam,
          body: c.reply,
          internal: 0,
          via: 'web',
          created_at: iso,
        })
        .execute();
      await db
        .insertInto('comments')
        .values({
          id: newId(at.getTime() + 1),
          case_id: id,
          author_id: sam,
          body: 'Internal: checked the tenant logs, nothing unusual on our side yet.',
          internal: 1,
          via: 'web',
          created_at: iso,
        })
        .execute();
    }
    if (c.status !== 'new') {
      const closedAt = c.status === 'closed' ? iso : null;
      const solvedAt = c.status === 'solved' || c.status === 'closed' ? iso : null;
      await db
        .updateTable('cases')
        .set({
          status: c.status,
          owner_id: sam,
          first_responded_at: c.reply ? iso : null,
          solved_at: solvedAt,
          closed_at: closedAt,
          updated_at: iso,
        })
        .where('id', '=', id)
        .execute();
      await recomputeCaseSla(db, id, at);
      await recordHistory(db, id, sam, at, [
        { action: 'owner_changed', field: 'owner', to: 'Sam Support' },
        ...(c.reply ? [{ action: 'comment_added' }, { action: 'internal_note_added' }] : []),
        { action: 'status_changed', field: 'status', from: 'new', to: c.status },
      ]);
    }
    t += 3_600_000;
  }
  // The demo knowledge base (issue 4), published, when the repository ships it.
  if (existsSync(DEMO_KB)) await importKnowledgeBase(ctx, DEMO_KB, { status: 'published' });
  return { cases: demoCases.length };
}
