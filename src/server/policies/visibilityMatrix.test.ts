import { afterAll, beforeAll, expect, it } from 'vitest';
import { newId } from '../db/ids.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { type Client, createHarness, type Harness } from '../testing/harness.ts';

/**
 * The visibility rule of SPEC §1 as a matrix: every demo actor × every demo case × every case route.
 * The expectation comes from an oracle written from the spec's words against the raw tables, not from
 * the policy module, so the two are held to each other.
 */

const ACTORS = [
  'alice@acme.example',
  'bob@acme.example',
  'carol@acme.example',
  'dave@acme.example',
  'erin@acme.example',
  'gina@globex.example',
  'hank@globex.example',
  'sam@support.example',
  'mia@support.example',
  'root@support.example',
] as const;

interface CaseRow {
  number: string;
  id: string;
  account_id: string;
  opener_id: string;
  queue_key: string;
  owner_id: string | null;
  status: string;
  priority: string;
}

type Route = {
  name: string;
  run: (c: Client, number: string, attachmentId: string, row: CaseRow) => ReturnType<Client['get']>;
  /** a support console route (issue 6): a customer never gets past 403/404 */
  staffOnly?: boolean;
};

function multipart(filename: string, content: string) {
  const boundary = 'matrixboundary';
  const payload = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n--${boundary}--\r\n`,
  );
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const ROUTES: Route[] = [
  { name: 'GET case', run: (c, n) => c.get(`/api/v1/cases/${n}`) },
  {
    name: 'PATCH case (contact time zone)',
    run: (c, n) => c.patch(`/api/v1/cases/${n}`, { contactTimezone: 'UTC' }),
  },
  { name: 'GET comments', run: (c, n) => c.get(`/api/v1/cases/${n}/comments`) },
  { name: 'POST comment', run: (c, n) => c.post(`/api/v1/cases/${n}/comments`, { body: 'matrix probe' }) },
  { name: 'GET history', run: (c, n) => c.get(`/api/v1/cases/${n}/history`) },
  { name: 'GET attachments', run: (c, n) => c.get(`/api/v1/cases/${n}/attachments`) },
  {
    name: 'POST attachment',
    run: (c, n) =>
      c.request({
        method: 'POST',
        url: `/api/v1/cases/${n}/attachments`,
        ...multipart('probe.txt', 'probe'),
      }),
  },
  { name: 'GET attachment bytes', run: (c, n, a) => c.get(`/api/v1/cases/${n}/attachments/${a}`) },
  {
    name: 'POST team (not an org admin)',
    run: (c, n) => c.post(`/api/v1/cases/${n}/team`, { email: 'stranger@nowhere.example' }),
  },
  {
    name: 'DELETE team (not on team)',
    run: (c, n) => c.del(`/api/v1/cases/${n}/team`, { email: 'stranger@nowhere.example' }),
  },
  {
    name: 'POST escalation',
    run: (c, n) => c.post(`/api/v1/cases/${n}/escalation`, { reason: 'matrix', justification: 'probe' }),
  },
  // The workspace (issue 6): probes a rule refuses after the visibility check, so the data stays as it is.
  {
    name: 'POST status (unchanged)',
    staffOnly: true,
    run: (c, n, _a, row) => c.post(`/api/v1/cases/${n}/status`, { status: row.status }),
  },
  {
    name: 'POST priority (unchanged)',
    staffOnly: true,
    run: (c, n, _a, row) =>
      c.post(`/api/v1/cases/${n}/priority`, { priority: row.priority, reason: 'probe' }),
  },
  {
    name: 'POST assignment (unknown user)',
    staffOnly: true,
    run: (c, n) => c.post(`/api/v1/cases/${n}/assignment`, { action: 'assign', userId: 'nobody' }),
  },
  {
    name: 'POST queue (unknown queue)',
    staffOnly: true,
    run: (c, n) => c.post(`/api/v1/cases/${n}/queue`, { queue: 'no-such-queue' }),
  },
  {
    name: 'POST merge (into itself)',
    staffOnly: true,
    run: (c, n) => c.post(`/api/v1/cases/${n}/merge`, { into: n }),
  },
  {
    name: 'POST escalation acknowledge',
    staffOnly: true,
    run: (c, n) => c.post(`/api/v1/cases/${n}/escalation/acknowledge`, { note: 'matrix probe' }),
  },
  {
    name: 'POST escalation resolve',
    staffOnly: true,
    run: (c, n) => c.post(`/api/v1/cases/${n}/escalation/resolve`, { note: 'matrix probe' }),
  },
];

/** The support console's lists (issue 6): staff only, whatever the case. */
const STAFF_LISTS = [
  '/api/v1/queues',
  '/api/v1/queues/identity/members',
  '/api/v1/staff',
  '/api/v1/console/cases',
  '/api/v1/escalations',
];

describeEachDatabase('visibility matrix', (dialect) => {
  let h: Harness;
  const clients = new Map<string, Client>();
  let cases: CaseRow[] = [];
  const attachmentOf = new Map<string, string>();
  const oracle = new Map<string, boolean>();

  beforeAll(async () => {
    h = await createHarness(dialect);
    const db = h.ctx.database.db;
    for (const email of ACTORS) clients.set(email, await h.signIn(email));
    cases = await db
      .selectFrom('cases')
      .select(['number', 'id', 'account_id', 'opener_id', 'queue_key', 'owner_id', 'status', 'priority'])
      .orderBy('number')
      .execute();
    // One attachment per case, stored directly so that every actor can be asked for it.
    const sha = await h.ctx.attachments.put(Buffer.from('matrix attachment'));
    for (const c of cases) {
      const id = newId();
      attachmentOf.set(c.number, id);
      await db
        .insertInto('attachments')
        .values({
          id,
          case_id: c.id,
          uploader_id: c.opener_id,
          filename: 'a.txt',
          content_type: 'text/plain',
          size: 17,
          sha256: sha,
          created_at: h.clock.now().toISOString(),
          deleted_at: null,
        })
        .execute();
    }
    // The oracle, from SPEC §1 in its own words.
    const users = await db.selectFrom('users').selectAll().execute();
    const roles = await db.selectFrom('org_admins').selectAll().execute();
    const team = await db.selectFrom('case_team').selectAll().execute();
    const members = await db.selectFrom('queue_members').selectAll().execute();
    for (const u of users) {
      const myRoles = roles.filter((r) => r.user_id === u.id);
      const caseAdmin =
        u.active === 1 &&
        myRoles.length > 0 &&
        (u.case_admin === 1 || myRoles.some((r) => r.role === 'super_admin'));
      for (const c of cases) {
        let sees: boolean;
        if (u.kind === 'staff') {
          // Managers and administrators work every case; an engineer their queues' cases and those assigned to them.
          const inMyQueue = members.some((m) => m.user_id === u.id && m.queue_key === c.queue_key);
          sees =
            u.active === 1 &&
            (u.staff_role === 'manager' ||
              u.staff_role === 'administrator' ||
              inMyQueue ||
              c.owner_id === u.id);
        } else {
          const opened = c.opener_id === u.id;
          const onTeam = team.some((t) => t.case_id === c.id && t.user_id === u.id);
          const esc = u.esc === 1 && u.account_id === c.account_id;
          sees = caseAdmin && u.account_id === c.account_id && (opened || onTeam || esc);
        }
        oracle.set(`${u.email}|${c.number}`, sees);
      }
    }
  });
  afterAll(() => h.close());

  it('the demo data exercises both outcomes for every customer with Case Admin and the engineer', () => {
    for (const email of [
      'sam@support.example',
      'bob@acme.example',
      'dave@acme.example',
      'erin@acme.example',
      'gina@globex.example',
    ]) {
      const row = cases.map((c) => oracle.get(`${email}|${c.number}`));
      expect(row, email).toContain(true);
      expect(row, email).toContain(false);
    }
  });

  for (const email of ACTORS) {
    it(`${email}: every case route answers by the rule`, async () => {
      const client = clients.get(email)!;
      const failures: string[] = [];
      for (const c of cases) {
        const visible = oracle.get(`${email}|${c.number}`)!;
        for (const route of ROUTES) {
          const res = await route.run(client, c.number, attachmentOf.get(c.number)!, c);
          const body = res.headers['content-type']?.toString().includes('json') ? res.json() : undefined;
          if (
            route.staffOnly &&
            !email.endsWith('@support.example') &&
            ![403, 404].includes(res.statusCode)
          ) {
            failures.push(`${route.name} ${c.number}: a customer got ${res.statusCode} on a staff route`);
          }
          if (email === 'carol@acme.example') {
            if (res.statusCode !== 403 || !/Case Admin/.test(body?.error?.message ?? '')) {
              failures.push(
                `${route.name} ${c.number}: carol expected 403 naming Case Admin, got ${res.statusCode}`,
              );
            }
          } else if (visible) {
            if (res.statusCode === 404 && body?.error?.code === 'not_found') {
              failures.push(`${route.name} ${c.number}: visible but 404`);
            } else if (res.statusCode >= 500) failures.push(`${route.name} ${c.number}: ${res.statusCode}`);
          } else if (
            res.statusCode !== 404 ||
            body?.error?.code !== 'not_found' ||
            body?.error?.message !== 'Case not found'
          ) {
            failures.push(
              `${route.name} ${c.number}: invisible but ${res.statusCode} ${res.body.slice(0, 120)}`,
            );
          }
        }
      }
      expect(failures).toEqual([]);
    });

    it(`${email}: the support console's lists are for staff, and show exactly the visible cases`, async () => {
      const client = clients.get(email)!;
      const staff = email.endsWith('@support.example');
      for (const url of STAFF_LISTS) {
        const res = await client.get(url);
        if (!staff) expect(res.statusCode, url).toBe(403);
        else if (url === '/api/v1/escalations' && email === 'sam@support.example')
          expect(res.statusCode, url).toBe(403);
        else expect(res.statusCode, url).toBe(200);
      }
      if (!staff) return;
      const expected = cases
        .filter((c) => oracle.get(`${email}|${c.number}`))
        .map((c) => c.number)
        .sort();
      const res = await client.get('/api/v1/console/cases?status=all&pageSize=100');
      const listed: string[] = res.json().items.map((i: { number: string }) => i.number);
      expect(listed.sort()).toEqual(expected);
      for (const c of cases) {
        const found = (await client.get(`/api/v1/console/cases?status=all&q=${c.number}`))
          .json()
          .items.map((i: { number: string }) => i.number);
        if (!expected.includes(c.number)) expect(found).not.toContain(c.number);
        else expect(found).toContain(c.number);
      }
    });

    it(`${email}: lists and search show exactly the visible cases`, async () => {
      const client = clients.get(email)!;
      const expected = cases
        .filter((c) => oracle.get(`${email}|${c.number}`))
        .map((c) => c.number)
        .sort();
      const mine = await client.get('/api/v1/cases?view=mine&status=all&pageSize=100');
      if (email === 'carol@acme.example') {
        expect(mine.statusCode).toBe(403);
        return;
      }
      expect(mine.statusCode).toBe(200);
      const listed: string[] = mine.json().items.map((i: { number: string }) => i.number);
      for (const n of listed) expect(expected, `listed ${n}`).toContain(n);
      const account = await client.get('/api/v1/cases?view=account&status=all&pageSize=100');
      if (account.statusCode === 200) {
        const all: string[] = account
          .json()
          .items.map((i: { number: string }) => i.number)
          .sort();
        expect(all).toEqual(expected);
      } else {
        expect(account.statusCode).toBe(403);
        expect(listed.sort()).toEqual(expected);
      }
      // Searching by every case number never reveals an invisible case.
      for (const c of cases) {
        const res = await client.get(`/api/v1/cases?status=all&q=${c.number}`);
        const found = res.json().items.map((i: { number: string }) => i.number);
        if (!expected.includes(c.number)) expect(found).not.toContain(c.number);
      }
    });
  }
});
