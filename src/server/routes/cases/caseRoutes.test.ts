import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { NewCase } from '../../../shared/api/cases.ts';
import { makeCase, newCaseInput } from '../../testing/builders.ts';
import { describeEachDatabase } from '../../testing/databases.ts';
import { type Client, createHarness, type Harness } from '../../testing/harness.ts';

type Row = Record<string, unknown>;
type Summary = {
  number: string;
  status: string;
  priority: string;
  org: string;
  subject: string;
  createdAt: string;
};

/** Rows in the tables a refused case request must leave alone. */
async function stored(h: Harness) {
  const db = h.ctx.database.db;
  const count = async (table: 'cases' | 'case_team' | 'outbox' | 'case_history' | 'comments') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    cases: await count('cases'),
    caseTeam: await count('case_team'),
    outbox: await count('outbox'),
    history: await count('case_history'),
    comments: await count('comments'),
  };
}

/** Sends a request that must be refused with `status`, and checks that nothing was stored. */
async function refused(h: Harness, status: number, send: () => Promise<LightMyRequestResponse>) {
  const before = await stored(h);
  const res = await send();
  expect(res.statusCode, res.body).toBe(status);
  expect(await stored(h)).toEqual(before);
  return res.json() as { error: { code: string; message: string; fields?: Record<string, string> } };
}

function without(field: keyof NewCase): Row {
  const body: Row = { ...newCaseInput() };
  delete body[field];
  return body;
}

async function caseNumberOf(h: Harness, subject: string): Promise<string> {
  const row = await h.ctx.database.db
    .selectFrom('cases')
    .select('number')
    .where('subject', '=', subject)
    .executeTakeFirstOrThrow();
  return row.number;
}

describeEachDatabase('POST /api/v1/cases refuses bad input', (dialect) => {
  let h: Harness;
  let bob: Client;
  beforeAll(async () => {
    h = await createHarness(dialect);
    bob = await h.signIn('bob@acme.example');
  });
  afterAll(() => h.close());

  const requiredFields: (keyof NewCase)[] = [
    'priority',
    'subject',
    'description',
    'org',
    'issueArea',
    'scope',
    'caseEmail',
    'contactPhone',
    'contactTimezone',
  ];
  for (const field of requiredFields) {
    it(`refuses a case without ${field} (400, a message on the field)`, async () => {
      const body = await refused(h, 400, () => bob.post('/api/v1/cases', without(field)));
      expect(body.error.code).toBe('validation_failed');
      expect(Object.keys(body.error.fields ?? {})).toEqual([field]);
      const message = body.error.fields?.[field] ?? '';
      // A sentence for a person, not a schema dump.
      expect(message).toMatch(/^[A-Z]/);
      expect(message).not.toMatch(/undefined|expected/i);
    });
  }

  it('refuses null in a required field with a message on that field', async () => {
    const body = await refused(h, 400, () => bob.post('/api/v1/cases', { ...newCaseInput(), subject: null }));
    expect(body.error.fields?.subject).toBe('Subject is required');
  });

  it('refuses an empty or blank subject', async () => {
    for (const subject of ['', '   ']) {
      const body = await refused(h, 400, () => bob.post('/api/v1/cases', newCaseInput({ subject })));
      expect(body.error.fields?.subject).toBe('Subject is required');
    }
  });

  it('refuses a subject over 255 characters and accepts 255', async () => {
    const body = await refused(h, 400, () =>
      bob.post('/api/v1/cases', newCaseInput({ subject: 's'.repeat(256) })),
    );
    expect(body.error.fields?.subject).toMatch(/at most 255/);
    const ok = await bob.post('/api/v1/cases', newCaseInput({ subject: 's'.repeat(255) }));
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('accepts a description of 32,000 characters and refuses 64,001', async () => {
    const long = `${'Log line E0000004 at 09:00:01\n'.repeat(1100)}`.slice(0, 32_000);
    const ok = await bob.post('/api/v1/cases', newCaseInput({ description: long }));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().description).toHaveLength(32_000);
    const body = await refused(h, 400, () =>
      bob.post('/api/v1/cases', newCaseInput({ description: 'x'.repeat(64_001) })),
    );
    expect(body.error.fields?.description).toMatch(/at most 64,000/);
  });

  it('refuses an unknown priority or scope', async () => {
    const p = await refused(h, 400, () => bob.post('/api/v1/cases', { ...newCaseInput(), priority: 'P5' }));
    expect(p.error.fields?.priority).toMatch(/P1, P2, P3 or P4/);
    const s = await refused(h, 400, () =>
      bob.post('/api/v1/cases', { ...newCaseInput(), scope: 'everyone' }),
    );
    expect(s.error.fields?.scope).toBeTruthy();
  });

  it('checks the contact data: phone, time zone and case email', async () => {
    const phone = await refused(h, 400, () =>
      bob.post('/api/v1/cases', newCaseInput({ contactPhone: '12345' })),
    );
    expect(phone.error.fields?.contactPhone).toMatch(/country code/);
    const tz = await refused(h, 400, () =>
      bob.post('/api/v1/cases', newCaseInput({ contactTimezone: 'Mars/Olympus' })),
    );
    expect(tz.error.fields?.contactTimezone).toMatch(/time zone/i);
    for (const caseEmail of ['bob', 'bob@', 'bob@acme example', '']) {
      const email = await refused(h, 400, () => bob.post('/api/v1/cases', newCaseInput({ caseEmail })));
      expect(Object.keys(email.error.fields ?? {})).toEqual(['caseEmail']);
    }
  });

  it('stores the phone number in E.164 and the case email in lower case', async () => {
    const res = await bob.post(
      '/api/v1/cases',
      newCaseInput({ contactPhone: '+1 415 555 0100', caseEmail: ' Bob@Acme.Example ' }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ contactPhone: '+14155550100', caseEmail: 'bob@acme.example' });
    const row = await h.ctx.database.db
      .selectFrom('cases')
      .select(['contact_phone', 'case_email'])
      .where('number', '=', res.json().number)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ contact_phone: '+14155550100', case_email: 'bob@acme.example' });
  });

  it('accepts the IANA names browsers report, also the newer spellings', async () => {
    for (const contactTimezone of ['Europe/Berlin', 'Asia/Kolkata', 'Europe/Kyiv', 'UTC']) {
      const res = await bob.post('/api/v1/cases', newCaseInput({ contactTimezone }));
      expect(res.statusCode, `${contactTimezone}: ${res.body}`).toBe(201);
      expect(res.json().contactTimezone).toBe(contactTimezone);
    }
    for (const contactTimezone of ['EST', '+01:00', 'Europe', 'Europe/Berlin/Mitte']) {
      await refused(h, 400, () => bob.post('/api/v1/cases', newCaseInput({ contactTimezone })));
    }
  });

  it('refuses team contacts who are not admins of the case org (422)', async () => {
    // erin is an admin of acme-preview only; the case is on acme.
    const erin = await refused(h, 422, () =>
      bob.post('/api/v1/cases', newCaseInput({ teamContacts: ['erin@acme.example'] })),
    );
    expect(erin.error.code).toBe('validation_failed');
    expect(erin.error.fields?.teamContacts).toMatch(/erin@acme\.example/);
    const gina = await refused(h, 422, () =>
      bob.post('/api/v1/cases', newCaseInput({ teamContacts: ['dave@acme.example', 'gina@globex.example'] })),
    );
    expect(gina.error.fields?.teamContacts).toMatch(/gina@globex\.example/);
    expect(gina.error.fields?.teamContacts).not.toMatch(/dave/);
    const nobody = await refused(h, 422, () =>
      bob.post('/api/v1/cases', newCaseInput({ teamContacts: ['nobody@acme.example'] })),
    );
    expect(nobody.error.fields).toHaveProperty('teamContacts');
    await refused(h, 400, () => bob.post('/api/v1/cases', newCaseInput({ teamContacts: ['not-an-email'] })));
  });

  it('refuses an unknown issue area and a group of areas (422)', async () => {
    const unknown = await refused(h, 422, () =>
      bob.post('/api/v1/cases', newCaseInput({ issueArea: 'time-travel' })),
    );
    expect(unknown.error.fields?.issueArea).toBeTruthy();
    const group = await refused(h, 422, () =>
      bob.post('/api/v1/cases', newCaseInput({ issueArea: 'sign-on' })),
    );
    expect(group.error.fields?.issueArea).toMatch(/specific/);
  });

  it('refuses an org of another account and an org where bob is not an admin (422)', async () => {
    const globex = await refused(h, 422, () => bob.post('/api/v1/cases', newCaseInput({ org: 'globex' })));
    expect(globex.error.fields?.org).toBeTruthy();
    const preview = await refused(h, 422, () =>
      bob.post('/api/v1/cases', newCaseInput({ org: 'acme-preview' })),
    );
    // The same answer as an org that does not exist: nothing learnt about other orgs.
    const missing = await refused(h, 422, () =>
      bob.post('/api/v1/cases', newCaseInput({ org: 'no-such-org' })),
    );
    expect(preview.error).toEqual(missing.error);
    expect(globex.error).toEqual(missing.error);
  });

  it('answers malformed JSON with 400 malformed_json', async () => {
    const body = await refused(h, 400, () =>
      bob.request({
        method: 'POST',
        url: '/api/v1/cases',
        payload: '{"priority":',
        headers: { 'content-type': 'application/json' },
      }),
    );
    expect(body.error.code).toBe('malformed_json');
  });

  it('answers a body that is not JSON with 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const body = await refused(h, 415, () =>
        bob.request({
          method: 'POST',
          url: '/api/v1/cases',
          payload: JSON.stringify(newCaseInput()),
          headers: { 'content-type': type },
        }),
      );
      expect(body.error.code).toBe('unsupported_media_type');
    }
  });

  it('refuses a JSON array, a string and an empty body with 400', async () => {
    for (const payload of ['[]', JSON.stringify([newCaseInput()]), '"case"', 'null']) {
      const body = await refused(h, 400, () =>
        bob.request({
          method: 'POST',
          url: '/api/v1/cases',
          payload,
          headers: { 'content-type': 'application/json' },
        }),
      );
      expect(body.error.code).toBe('validation_failed');
    }
    const empty = await refused(h, 400, () =>
      bob.request({ method: 'POST', url: '/api/v1/cases', headers: { 'content-type': 'application/json' } }),
    );
    expect(empty.error.code).toBe('malformed_json');
    // no body and no content type: the fields are missing
    const nothing = await refused(h, 400, () => bob.request({ method: 'POST', url: '/api/v1/cases' }));
    expect(nothing.error.code).toBe('validation_failed');
    const charset = await refused(h, 400, () =>
      bob.request({
        method: 'POST',
        url: '/api/v1/cases',
        payload: '{}',
        headers: { 'content-type': 'application/json; charset=utf-8' },
      }),
    );
    expect(charset.error.fields).toHaveProperty('subject');
  });

  it('refuses wrong types without a 500', async () => {
    const body = await refused(h, 400, () =>
      bob.post('/api/v1/cases', { ...newCaseInput(), subject: 42, teamContacts: 'dave@acme.example' }),
    );
    expect(body.error.fields).toHaveProperty('subject');
    expect(body.error.fields).toHaveProperty('teamContacts');
  });
});

describeEachDatabase('POST /api/v1/cases rate limit', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect, { config: { casesPerHourPerUser: 3 } });
  });
  afterAll(() => h.close());

  it('refuses the 4th case in an hour with 429 and Retry-After, and stores nothing', async () => {
    const bob = await h.signIn('bob@acme.example');
    for (let i = 0; i < 3; i++) {
      const res = await bob.post('/api/v1/cases', newCaseInput({ subject: `Case ${i}` }));
      expect(res.statusCode, res.body).toBe(201);
    }
    const before = await stored(h);
    const res = await bob.post('/api/v1/cases', newCaseInput({ subject: 'One too many' }));
    expect(res.statusCode, res.body).toBe(429);
    expect(res.json().error.code).toBe('rate_limited');
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(await stored(h)).toEqual(before);

    // Another user has their own budget; after the hour bob may open cases again.
    const dave = await h.signIn('dave@acme.example');
    expect((await dave.post('/api/v1/cases', newCaseInput({ subject: 'Dave here' }))).statusCode).toBe(201);
    h.clock.advance(retryAfter * 1000);
    expect((await bob.post('/api/v1/cases', newCaseInput({ subject: 'Next hour' }))).statusCode).toBe(201);
  });
});

describeEachDatabase('GET /api/v1/cases', (dialect) => {
  let h: Harness;
  let bob: Client;
  /** numbers of the cases made for these tests, by a short name */
  const made: Record<string, string> = {};
  beforeAll(async () => {
    h = await createHarness(dialect);
    bob = await h.signIn('bob@acme.example');
    const bobActor = await h.actor('bob@acme.example');
    const make = async (name: string, overrides: Partial<NewCase>) => {
      h.clock.advance(60_000);
      made[name] = (await makeCase(h.ctx, bobActor, overrides)).number;
    };
    await make('percent', { subject: 'Banner shows 100% quota used', priority: 'P1', p1Confirmed: true });
    await make('thousand', { subject: 'Quota of 1000 users reached', priority: 'P2' });
    await make('underscore', { subject: 'Attribute user_name not mapped', priority: 'P4' });
    await make('nounderscore', { subject: 'Attribute userXname not mapped', priority: 'P4' });
    await make('description', {
      subject: 'Something odd',
      description: 'The GRAPEFRUIT connector times out after 30 seconds.',
    });
  });
  afterAll(() => h.close());

  const list = async (client: Client, query: string) => {
    const res = await client.get(`/api/v1/cases${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Summary[]; total: number; page: number; pageSize: number };
  };

  it('opens on my open cases', async () => {
    const body = await list(bob, '');
    const statuses = new Set(body.items.map((c) => c.status));
    expect([...statuses].every((s) => ['new', 'open', 'pending_customer'].includes(s))).toBe(true);
    expect(statuses.has('open')).toBe(true);
    expect(statuses.has('pending_customer')).toBe(true);
    // bob's 5 new cases + his open and pending demo cases; not dave's or alice's.
    expect(body.total).toBe(7);
    expect(body.items).toHaveLength(7);
    expect(body.items.every((c) => c.org === 'acme')).toBe(true);
  });

  it('filters by status: all, and one status', async () => {
    const all = await list(bob, '?status=all');
    expect(all.total).toBe(8);
    expect(all.items.some((c) => c.status === 'solved')).toBe(true);
    const solved = await list(bob, '?status=solved');
    expect(solved.total).toBe(1);
    expect(solved.items[0]?.status).toBe('solved');
    const two = await list(bob, '?status=solved,pending_customer');
    expect(two.items.map((c) => c.status).sort()).toEqual(['pending_customer', 'solved']);
  });

  it('filters by priority and org', async () => {
    const p4 = await list(bob, '?status=all&priority=P4');
    expect(p4.items.map((c) => c.number).sort()).toEqual(
      [made.underscore, made.nounderscore, (await list(bob, '?status=solved')).items[0]?.number].sort(),
    );
    const p1p2 = await list(bob, '?priority=P1,P2');
    expect(p1p2.items.every((c) => c.priority === 'P1' || c.priority === 'P2')).toBe(true);
    expect(p1p2.total).toBe(3);
    expect((await list(bob, '?org=acme')).total).toBe(7);
    expect((await list(bob, '?org=acme-preview')).total).toBe(0);
    expect((await list(bob, '?org=globex&status=all')).total).toBe(0);
  });

  it('searches by case number, full or partial', async () => {
    const full = await list(bob, `?q=${made.percent}`);
    expect(full.items.map((c) => c.number)).toEqual([made.percent]);
    const hash = await list(bob, `?q=%23${made.percent}`);
    expect(hash.items.map((c) => c.number)).toEqual([made.percent]);
    const tail = made.thousand!.slice(-3);
    const partial = await list(bob, `?status=all&q=${tail}`);
    expect(partial.items.map((c) => c.number)).toContain(made.thousand);
    expect(partial.items.every((c) => c.number.includes(tail))).toBe(true);
    // another account's case number finds nothing
    const globexCase = await h.ctx.database.db
      .selectFrom('cases')
      .innerJoin('orgs', 'orgs.id', 'cases.org_id')
      .select('cases.number')
      .where('orgs.slug', '=', 'globex')
      .executeTakeFirstOrThrow();
    expect((await list(bob, `?status=all&q=${globexCase.number}`)).total).toBe(0);
  });

  it('searches subject and description, ignoring case', async () => {
    const subject = await list(bob, '?q=QUOTA');
    expect(subject.items.map((c) => c.number).sort()).toEqual([made.percent, made.thousand].sort());
    const description = await list(bob, '?q=grapefruit%20connector');
    expect(description.items.map((c) => c.number)).toEqual([made.description]);
    expect((await list(bob, '?q=no%20such%20words%20anywhere')).total).toBe(0);
  });

  it('treats % and _ in the search as themselves', async () => {
    const percent = await list(bob, `?q=${encodeURIComponent('100%')}`);
    expect(percent.items.map((c) => c.number)).toEqual([made.percent]);
    const underscore = await list(bob, `?q=${encodeURIComponent('user_name')}`);
    expect(underscore.items.map((c) => c.number)).toEqual([made.underscore]);
    expect((await list(bob, `?q=${encodeURIComponent('%')}`)).items.map((c) => c.number)).toEqual([
      made.percent,
    ]);
    const backslash = await list(bob, `?q=${encodeURIComponent('\\')}`);
    expect(backslash.total).toBe(0);
  });

  it('sorts by creation, oldest first', async () => {
    const body = await list(bob, '?status=all&sort=created&order=asc');
    const created = body.items.map((c) => c.createdAt);
    expect(created).toEqual([...created].sort());
    expect(body.items.at(-1)?.number).toBe(made.description);
    const desc = await list(bob, '?status=all&sort=created&order=desc');
    expect(desc.items.map((c) => c.number)).toEqual(body.items.map((c) => c.number).reverse());
  });

  it('paginates with a stable total', async () => {
    const all = await list(bob, '?status=all&sort=number&order=asc');
    const page1 = await list(bob, '?status=all&sort=number&order=asc&pageSize=2');
    const page2 = await list(bob, '?status=all&sort=number&order=asc&pageSize=2&page=2');
    expect(page2).toMatchObject({ total: all.total, page: 2, pageSize: 2 });
    expect(page1.total).toBe(all.total);
    expect(page2.items.map((c) => c.number)).toEqual(all.items.slice(2, 4).map((c) => c.number));
    const beyond = await list(bob, '?status=all&pageSize=2&page=50');
    expect(beyond).toMatchObject({ items: [], total: all.total });
  });

  it('gives an Elevated Support Contact all account cases, never another account', async () => {
    const dave = await h.signIn('dave@acme.example');
    const body = await list(dave, '?view=account&status=all&pageSize=100');
    const openers = new Set(
      body.items.map((c) => (c as Summary & { openedBy: { email: string } }).openedBy.email),
    );
    expect(openers).toEqual(new Set(['bob@acme.example', 'alice@acme.example', 'dave@acme.example']));
    expect(new Set(body.items.map((c) => c.org))).toEqual(new Set(['acme', 'acme-preview']));
    const acmeCases = await h.ctx.database.db
      .selectFrom('cases')
      .innerJoin('accounts', 'accounts.id', 'cases.account_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('accounts.name', '=', 'Acme Corp')
      .executeTakeFirstOrThrow();
    expect(body.total).toBe(Number(acmeCases.n));
    // the globex filter or search finds nothing either
    expect((await list(dave, '?view=account&status=all&org=globex')).total).toBe(0);
    expect((await list(dave, '?view=account&status=all&q=AD%20agent')).total).toBe(0);
  });

  it('refuses All account cases to an admin who is not an Elevated Support Contact', async () => {
    const res = await bob.get('/api/v1/cases?view=account');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(/Elevated Support Contact/);
  });

  it('refuses invalid query values with 400 naming the field', async () => {
    const cases: [string, string][] = [
      ['page=0', 'page'],
      ['page=abc', 'page'],
      ['pageSize=1000', 'pageSize'],
      ['pageSize=0', 'pageSize'],
      ['sort=bogus', 'sort'],
      ['order=sideways', 'order'],
      ['status=bogus', 'status'],
      ['status=open,bogus', 'status'],
      ['priority=P9', 'priority'],
      ['view=everything', 'view'],
      [`q=${'x'.repeat(201)}`, 'q'],
    ];
    for (const [query, field] of cases) {
      const res = await bob.get(`/api/v1/cases?${query}`);
      expect(res.statusCode, `${query}: ${res.body}`).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect(Object.keys(res.json().error.fields), query).toEqual([field]);
    }
  });
});

describeEachDatabase('GET /api/v1/cases/:number', (dialect) => {
  let h: Harness;
  let bob: Client;
  let number: string;
  beforeAll(async () => {
    h = await createHarness(dialect);
    bob = await h.signIn('bob@acme.example');
    const res = await bob.post('/api/v1/cases', newCaseInput({ teamContacts: ['dave@acme.example'] }));
    number = res.json().number;
  });
  afterAll(() => h.close());

  it("answers bob's case with its team, escalations and first-response due time", async () => {
    const res = await bob.get(`/api/v1/cases/${number}`);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json();
    expect(c).toMatchObject({ number, status: 'new', org: 'acme', plan: 'gold', escalations: [] });
    expect(c.team.map((t: { email: string }) => t.email)).toEqual(['dave@acme.example']);
    expect(c.openedBy.email).toBe('bob@acme.example');
    expect(Date.parse(c.firstResponseDueAt)).toBe(Date.parse(c.createdAt) + 4 * 3600_000);
  });

  it('answers 404 for a malformed, a missing and an invisible case alike', async () => {
    const malformed = await bob.get('/api/v1/cases/12345');
    const missing = await bob.get('/api/v1/cases/99999999');
    const gina = await h.signIn('gina@globex.example');
    const invisible = await gina.get(`/api/v1/cases/${number}`);
    for (const res of [malformed, missing, invisible]) expect(res.statusCode, res.body).toBe(404);
    expect(invisible.json()).toEqual(missing.json());
    expect(missing.json().error.code).toBe('not_found');
    expect(malformed.json()).toEqual(missing.json());
    // the same for the sub-resources
    expect((await gina.get(`/api/v1/cases/${number}/comments`)).json()).toEqual(missing.json());
    expect((await gina.get(`/api/v1/cases/${number}/history`)).json()).toEqual(missing.json());
    const post = await gina.post(`/api/v1/cases/${number}/comments`, { body: 'hello?' });
    expect(post.statusCode).toBe(404);
    expect(post.json()).toEqual(missing.json());
  });
});

describeEachDatabase('case comments', (dialect) => {
  let h: Harness;
  let bob: Client;
  let sam: Client;
  let number: string;
  beforeAll(async () => {
    h = await createHarness(dialect);
    bob = await h.signIn('bob@acme.example');
    sam = await h.signIn('sam@support.example');
    number = (await bob.post('/api/v1/cases', newCaseInput({ subject: 'Comment thread' }))).json().number;
  });
  afterAll(() => h.close());

  const comments = async (client: Client, n = number) => {
    const res = await client.get(`/api/v1/cases/${n}/comments`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as { id: string; body: string; internal: boolean; authorKind: string }[];
  };

  it('takes a customer comment', async () => {
    const res = await bob.post(`/api/v1/cases/${number}/comments`, {
      body: 'More detail: it started at 9:00.',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      body: 'More detail: it started at 9:00.',
      internal: false,
      authorKind: 'customer',
      via: 'web',
    });
    expect(res.json().author.email).toBe('bob@acme.example');
    expect((await comments(bob)).map((c) => c.id)).toContain(res.json().id);
  });

  it('refuses an internal note from a customer and stores nothing', async () => {
    const body = await refused(h, 403, () =>
      bob.post(`/api/v1/cases/${number}/comments`, { body: 'psst', internal: true }),
    );
    expect(body.error.fields).toHaveProperty('internal');
    expect((await comments(sam)).some((c) => c.body === 'psst')).toBe(false);
  });

  it('refuses an empty or missing comment body', async () => {
    for (const payload of [{ body: '' }, { body: '  \n ' }, {}, { body: 7 }]) {
      const body = await refused(h, 400, () => bob.post(`/api/v1/cases/${number}/comments`, payload));
      expect(body.error.fields).toHaveProperty('body');
    }
  });

  it("keeps support's internal notes from the customer, in comments and history", async () => {
    const note = await sam.post(`/api/v1/cases/${number}/comments`, {
      body: 'Internal: tenant looks fine.',
      internal: true,
    });
    expect(note.statusCode, note.body).toBe(201);
    expect(note.json()).toMatchObject({ internal: true, authorKind: 'support' });
    expect((await comments(sam)).map((c) => c.id)).toContain(note.json().id);
    const seen = await comments(bob);
    expect(seen.some((c) => c.internal || c.body.includes('tenant looks fine'))).toBe(false);
    const history = (await bob.get(`/api/v1/cases/${number}/history`)).json().items as { action: string }[];
    expect(history.map((e) => e.action)).not.toContain('internal_note_added');
    const staffHistory = (await sam.get(`/api/v1/cases/${number}/history`)).json().items as {
      action: string;
    }[];
    expect(staffHistory.map((e) => e.action)).toContain('internal_note_added');
    // an internal note does not stop the first-response clock
    expect((await bob.get(`/api/v1/cases/${number}`)).json().firstResponseDueAt).not.toBeNull();
  });

  it("stops the first-response clock with support's first public reply", async () => {
    const reply = await sam.post(`/api/v1/cases/${number}/comments`, { body: 'Looking into it now.' });
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json().authorKind).toBe('support');
    expect((await bob.get(`/api/v1/cases/${number}`)).json().firstResponseDueAt).toBeNull();
    const listed = (await bob.get('/api/v1/cases?pageSize=100')).json().items as {
      number: string;
      firstResponseDueAt: string | null;
    }[];
    expect(listed.find((c) => c.number === number)?.firstResponseDueAt).toBeNull();
  });

  it('reopens a pending_customer case when the customer comments', async () => {
    const pending = await h.ctx.database.db
      .selectFrom('cases')
      .select('number')
      .where('status', '=', 'pending_customer')
      .executeTakeFirstOrThrow();
    const res = await bob.post(`/api/v1/cases/${pending.number}/comments`, { body: 'Here are the logs.' });
    expect(res.statusCode, res.body).toBe(201);
    expect((await bob.get(`/api/v1/cases/${pending.number}`)).json().status).toBe('open');
    const history = (await bob.get(`/api/v1/cases/${pending.number}/history`)).json().items as {
      action: string;
      from: string | null;
      to: string | null;
    }[];
    expect(history.at(-1)).toMatchObject({ action: 'status_changed', from: 'pending_customer', to: 'open' });
  });

  it('refuses a comment on a closed case with 409', async () => {
    const closedNumber = await caseNumberOf(h, 'Comment thread');
    await h.ctx.database.db
      .updateTable('cases')
      .set({ status: 'closed', closed_at: h.clock.now().toISOString() })
      .where('number', '=', closedNumber)
      .execute();
    const body = await refused(h, 409, () =>
      bob.post(`/api/v1/cases/${closedNumber}/comments`, { body: 'Still there?' }),
    );
    expect(body.error.code).toBe('case_closed');
    expect(body.error.message).toMatch(/new case/);
  });
});
