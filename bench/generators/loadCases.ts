import { type Insertable, sql } from 'kysely';
import type { Context } from '../../src/server/context.ts';
import { newId } from '../../src/server/db/ids.ts';
import type { CaseHistoryTable, CasesTable, CommentsTable } from '../../src/server/db/schema.ts';
import { formatCaseNumber } from '../../src/shared/caseNumber.ts';
import { type CaseStatus, PLANS, PRIORITIES, SCOPES } from '../../src/shared/enums.ts';
import { seededRandom } from '../lib/random.ts';

/** Cases per generated customer account (each with one org and a few admins). */
const CASES_PER_ACCOUNT = 2_000;
const ADMINS_PER_ACCOUNT = 5;
/** Cases written per transaction. */
const CHUNK = 2_000;
/** Rows per insert statement (SQLite allows 32,766 parameters per statement). */
const ROWS_PER_INSERT = 400;
/** bob@acme.example's own cases: a busy customer admin's history. */
export const BOB_CASES = 300;
/** Generated case numbers start here, far above what the counter hands out to new cases. */
const FIRST_NUMBER = 20_000_000;
const COMMENTS_PER_CASE = 3;

const STATUS_MIX: [CaseStatus, number][] = [
  ['new', 0.1],
  ['open', 0.2],
  ['pending_customer', 0.1],
  ['solved', 0.2],
  ['closed', 0.4],
];

const SUBJECTS = [
  'SAML assertion rejected after certificate rotation',
  'Users cannot enrol in MFA with a new phone',
  'Provisioning to Workday stopped overnight',
  'API token rate limit reached by our integration',
  'Password reset emails arrive late',
  'OIDC app returns invalid_client',
  'Directory sync skips nested groups',
  'Admin role cannot see the reports page',
  'Sign-on policy blocks users on the VPN',
  'E0000004 authentication failed for service account',
];

export interface CaseLoadOptions {
  /** generated cases in all, bob's included */
  count: number;
  seed?: number;
  onProgress?: (done: number) => void;
}

export interface CaseLoadResult {
  cases: number;
  comments: number;
  accounts: number;
  ms: number;
}

/**
 * Adds `count` cases with their comments and history straight into the tables (the application's
 * commands would take hours for a million): `BOB_CASES` of them opened by bob@acme.example on the
 * demo org `acme`, the rest spread over generated accounts (one org, five admins each). Statuses,
 * priorities, plans and dates are mixed as in a real support desk; numbers start at 20,000,000 so
 * that cases opened during the bench take the counter's numbers without a clash.
 */
export async function loadCases(ctx: Context, options: CaseLoadOptions): Promise<CaseLoadResult> {
  const started = performance.now();
  const random = seededRandom(options.seed ?? 7);
  const db = ctx.database.db;
  const now = ctx.now().getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  if (ctx.database.dialect === 'sqlite') await sql`pragma cache_size = -262144`.execute(db);

  const bob = await db
    .selectFrom('users')
    .select(['id', 'account_id'])
    .where('email', '=', 'bob@acme.example')
    .executeTakeFirstOrThrow();
  const acme = await db
    .selectFrom('orgs')
    .select(['id', 'account_id'])
    .where('slug', '=', 'acme')
    .executeTakeFirstOrThrow();
  const sam = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'sam@support.example')
    .executeTakeFirstOrThrow();
  const areas = await db
    .selectFrom('issue_areas')
    .select(['key', 'queue_key'])
    .where('parent_key', 'is not', null)
    .execute();

  // Generated accounts, orgs and admins.
  const others = Math.max(0, options.count - BOB_CASES);
  const accountCount = Math.ceil(others / CASES_PER_ACCOUNT);
  const accounts: { accountId: string; orgId: string; admins: string[] }[] = [];
  await ctx.database.transaction(async (trx) => {
    for (let a = 0; a < accountCount; a++) {
      const accountId = newId();
      const orgId = newId();
      const created = iso(now - 800 * 86_400_000);
      await trx
        .insertInto('accounts')
        .values({
          id: accountId,
          name: `Bench Customer ${a + 1}`,
          plan: PLANS[a % PLANS.length]!,
          created_at: created,
          updated_at: created,
        })
        .execute();
      await trx
        .insertInto('orgs')
        .values({
          id: orgId,
          account_id: accountId,
          slug: `bench-${a + 1}`,
          name: `bench-${a + 1}.example.com`,
          created_at: created,
        })
        .execute();
      const admins: string[] = [];
      for (let u = 0; u < ADMINS_PER_ACCOUNT; u++) {
        const id = newId();
        admins.push(id);
        await trx
          .insertInto('users')
          .values({
            id,
            email: `admin${u + 1}@bench-${a + 1}.example`,
            name: `Admin ${u + 1} of Bench ${a + 1}`,
            password_hash: null,
            kind: 'customer',
            staff_role: null,
            account_id: accountId,
            case_admin: 1,
            esc: u === 0 ? 1 : 0,
            active: 1,
            created_at: created,
            updated_at: created,
          })
          .execute();
        await trx
          .insertInto('org_admins')
          .values({
            org_id: orgId,
            user_id: id,
            role: u === 0 ? 'super_admin' : 'admin',
            created_at: created,
          })
          .execute();
      }
      accounts.push({ accountId, orgId, admins });
    }
  });

  const pickStatus = (): CaseStatus => {
    let r = random.next();
    for (const [status, share] of STATUS_MIX) {
      if (r < share) return status;
      r -= share;
    }
    return 'closed';
  };

  let done = 0;
  let comments = 0;
  while (done < options.count) {
    const size = Math.min(CHUNK, options.count - done);
    const cases: Insertable<CasesTable>[] = [];
    const commentRows: Insertable<CommentsTable>[] = [];
    const history: Insertable<CaseHistoryTable>[] = [];
    for (let i = 0; i < size; i++) {
      const index = done + i;
      const isBob = index < BOB_CASES;
      const owner = isBob ? null : accounts[Math.floor((index - BOB_CASES) / CASES_PER_ACCOUNT)]!;
      const openerId = isBob ? bob.id : random.pick(owner!.admins);
      const createdMs = now - random.int(730 * 86_400_000);
      const updatedMs = Math.min(now, createdMs + random.int(20 * 86_400_000));
      const status = pickStatus();
      const area = random.pick(areas);
      const id = newId(createdMs);
      const answered = status !== 'new';
      const dueMs = createdMs + 4 * 3_600_000;
      const respondedMs = answered ? createdMs + random.int(6 * 3_600_000) : null;
      cases.push({
        id,
        number: formatCaseNumber(FIRST_NUMBER + index),
        account_id: isBob ? acme.account_id : owner!.accountId,
        org_id: isBob ? acme.id : owner!.orgId,
        opener_id: openerId,
        status,
        priority: PRIORITIES[random.skewed(4, 0.7) % 4]!,
        subject: `${random.pick(SUBJECTS)} (#${index + 1})`,
        description: 'Generated for the benchmark. Steps, error codes and log excerpts would go here.',
        steps_to_reproduce: null,
        issue_area_key: area.key,
        queue_key: area.queue_key,
        scope: random.pick(SCOPES),
        business_impact: null,
        case_email: isBob ? 'bob@acme.example' : 'admin@bench.example',
        contact_phone: '+14155550100',
        contact_timezone: 'America/Los_Angeles',
        p1_confirmed: 0 as const,
        owner_id: answered ? sam.id : null,
        escalation_state: null,
        reply_token: null,
        first_response_due_at: iso(dueMs),
        first_responded_at: respondedMs === null ? null : iso(respondedMs),
        sla_paused_at: null,
        sla_pauses: '[]',
        first_response_breached: (respondedMs ?? now) > dueMs ? 1 : 0,
        pending_since: status === 'pending_customer' ? iso(updatedMs) : null,
        reminder_sent_at: null,
        solved_at: status === 'solved' || status === 'closed' ? iso(updatedMs) : null,
        closed_at: status === 'closed' ? iso(updatedMs) : null,
        merged_into_id: null,
        created_at: iso(createdMs),
        updated_at: iso(updatedMs),
      });
      history.push({
        id: newId(createdMs),
        case_id: id,
        actor_id: openerId,
        action: 'case_opened',
        field: null,
        old_value: null,
        new_value: null,
        created_at: iso(createdMs),
      });
      for (let c = 0; c < COMMENTS_PER_CASE; c++) {
        const at = createdMs + ((updatedMs - createdMs) * (c + 1)) / (COMMENTS_PER_CASE + 1);
        const fromSupport = c % 2 === 0;
        commentRows.push({
          id: newId(at),
          case_id: id,
          author_id: fromSupport ? sam.id : openerId,
          body: fromSupport
            ? 'Thanks for the details. Could you send the SAML response from a HAR file?'
            : 'Attached. The error appears right after the redirect back to the app.',
          internal: 0 as const,
          via: 'web' as const,
          created_at: iso(at),
        });
      }
    }
    await ctx.database.transaction(async (trx) => {
      for (let i = 0; i < cases.length; i += ROWS_PER_INSERT) {
        await trx
          .insertInto('cases')
          .values(cases.slice(i, i + ROWS_PER_INSERT))
          .execute();
      }
      for (let i = 0; i < history.length; i += ROWS_PER_INSERT * 2) {
        await trx
          .insertInto('case_history')
          .values(history.slice(i, i + ROWS_PER_INSERT * 2))
          .execute();
      }
      for (let i = 0; i < commentRows.length; i += ROWS_PER_INSERT * 2) {
        await trx
          .insertInto('comments')
          .values(commentRows.slice(i, i + ROWS_PER_INSERT * 2))
          .execute();
      }
    });
    done += size;
    comments += commentRows.length;
    options.onProgress?.(done);
  }
  return { cases: done, comments, accounts: accountCount, ms: performance.now() - started };
}
