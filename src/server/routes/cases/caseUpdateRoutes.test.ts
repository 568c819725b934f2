import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { makeCase } from '../../testing/builders.ts';
import { describeEachDatabase } from '../../testing/databases.ts';
import { createHarness, type Harness } from '../../testing/harness.ts';

const DAY = 86_400_000;

describeEachDatabase('PATCH /cases/:number', (dialect) => {
  let h: Harness;
  let start: Date;
  beforeAll(async () => {
    h = await createHarness(dialect);
    start = h.clock.now();
  });
  afterEach(() => h.clock.set(start));
  afterAll(() => h.close());

  const bobsCase = async () => makeCase(h.ctx, await h.actor('bob@acme.example'));
  const stored = (number: string) =>
    h.ctx.database.db.selectFrom('cases').selectAll().where('number', '=', number).executeTakeFirstOrThrow();

  it('changes contact data and answers 200 with the case; unchanged fields leave no history', async () => {
    const { number } = await bobsCase();
    const bob = await h.signIn('bob@acme.example');
    const res = await bob.patch(`/api/v1/cases/${number}`, {
      caseEmail: 'Support-Team@Acme.example',
      contactPhone: '+44 20 7183 8750',
      contactTimezone: 'America/Los_Angeles',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      number,
      caseEmail: 'support-team@acme.example',
      contactPhone: '+442071838750',
      contactTimezone: 'America/Los_Angeles',
    });
    const history = await bob.get(`/api/v1/cases/${number}/history`);
    const changes = history
      .json()
      .items.filter((x: { action: string }) => x.action === 'contact_changed')
      .map((x: { field: string; from: string; to: string }) => [x.field, x.from, x.to]);
    expect(changes.sort()).toEqual([
      ['caseEmail', 'bob@acme.example', 'support-team@acme.example'],
      ['contactPhone', '+14155550100', '+442071838750'],
    ]);
  });

  it('refuses invalid contact data with 400 naming the field, and stores nothing', async () => {
    const { number } = await bobsCase();
    const before = await stored(number);
    const bob = await h.signIn('bob@acme.example');
    const cases: [Record<string, unknown>, string][] = [
      [{ contactPhone: '12345' }, 'contactPhone'],
      [{ contactPhone: 4155550100 }, 'contactPhone'],
      [{ contactTimezone: 'Mars/Olympus_Mons' }, 'contactTimezone'],
      [{ caseEmail: 'not an email' }, 'caseEmail'],
      [{ caseEmail: null }, 'caseEmail'],
      [{ status: 'closed' }, 'status'],
      // one bad field spoils the whole request: the good one is not stored either
      [{ contactTimezone: 'Europe/Berlin', contactPhone: 'call me' }, 'contactPhone'],
    ];
    for (const [body, field] of cases) {
      const res = await bob.patch(`/api/v1/cases/${number}`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.fields, JSON.stringify(body)).toHaveProperty(field);
    }
    expect(await stored(number)).toEqual(before);
  });

  it('answers 400 "Nothing to change" to an empty body or one with only unknown fields', async () => {
    const { number } = await bobsCase();
    const bob = await h.signIn('bob@acme.example');
    for (const body of [{}, { subject: 'new subject' }]) {
      const res = await bob.patch(`/api/v1/cases/${number}`, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toEqual({ body: 'Nothing to change' });
    }
  });

  it('marks a case solved and reopens it within 14 days', async () => {
    const { number } = await bobsCase();
    const bob = await h.signIn('bob@acme.example');
    const solved = await bob.patch(`/api/v1/cases/${number}`, { status: 'solved' });
    expect(solved.statusCode, solved.body).toBe(200);
    expect(solved.json()).toMatchObject({ status: 'solved', solvedAt: start.toISOString() });
    expect(solved.json().reopenableUntil).toBe(new Date(start.getTime() + 14 * DAY).toISOString());
    expect((await bob.patch(`/api/v1/cases/${number}`, { status: 'solved' })).statusCode).toBe(409);

    h.clock.advance(10 * DAY);
    const reopened = await bob.patch(`/api/v1/cases/${number}`, {
      status: 'open',
      contactTimezone: 'Europe/Paris',
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json()).toMatchObject({
      status: 'open',
      solvedAt: null,
      reopenableUntil: null,
      contactTimezone: 'Europe/Paris',
    });
    const list = await bob.get('/api/v1/cases?status=open');
    expect(list.json().items.map((c: { number: string }) => c.number)).toContain(number);
  });

  it('refuses to reopen 15 days after solving, with advice to open a new case, and changes nothing', async () => {
    const { number } = await bobsCase();
    const bob = await h.signIn('bob@acme.example');
    expect((await bob.patch(`/api/v1/cases/${number}`, { status: 'solved' })).statusCode).toBe(200);
    const before = await stored(number);
    h.clock.advance(15 * DAY);
    const later = await h.signIn('bob@acme.example'); // the old session has expired by now
    const res = await later.patch(`/api/v1/cases/${number}`, {
      status: 'open',
      contactPhone: '+442071838750',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('reopen_window_passed');
    expect(res.json().error.message).toContain(`Open a new case and mention ${number}`);
    expect(await stored(number)).toEqual(before);
  });

  it('refuses any change to a closed case with 409', async () => {
    const alice = await h.signIn('alice@acme.example');
    const closed = await h.ctx.database.db
      .selectFrom('cases')
      .selectAll()
      .where('status', '=', 'closed')
      .executeTakeFirstOrThrow();
    for (const body of [{ status: 'open' }, { status: 'solved' }, { contactTimezone: 'Europe/Paris' }]) {
      const res = await alice.patch(`/api/v1/cases/${closed.number}`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(409);
    }
    expect(await stored(closed.number)).toEqual(closed);
  });

  it('lets support correct contact data but not set the status here', async () => {
    const { number } = await bobsCase();
    const sam = await h.signIn('sam@support.example');
    const status = await sam.patch(`/api/v1/cases/${number}`, { status: 'solved', contactTimezone: 'UTC' });
    expect(status.statusCode).toBe(403);
    expect((await stored(number)).contact_timezone).toBe('America/Los_Angeles');
    const contact = await sam.patch(`/api/v1/cases/${number}`, { contactTimezone: 'UTC' });
    expect(contact.statusCode, contact.body).toBe(200);
    expect(contact.json()).toMatchObject({ status: 'new', contactTimezone: 'UTC' });
  });

  it('answers 404 to erin and gina, 403 naming Case Admin to carol, 403 without CSRF header', async () => {
    const { number } = await bobsCase();
    const before = await stored(number);
    for (const email of ['erin@acme.example', 'gina@globex.example']) {
      const c = await h.signIn(email);
      for (const body of [{ status: 'solved' }, { contactTimezone: 'UTC' }]) {
        const res = await c.patch(`/api/v1/cases/${number}`, body);
        expect(res.statusCode, email).toBe(404);
        expect(res.json().error.code).toBe('not_found');
      }
    }
    const carol = await h.signIn('carol@acme.example');
    const refused = await carol.patch(`/api/v1/cases/${number}`, { status: 'solved' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('Case Admin');

    const bob = await h.signIn('bob@acme.example');
    const noCsrf = await bob.request({
      method: 'PATCH',
      url: `/api/v1/cases/${number}`,
      body: { status: 'solved' },
      csrf: false,
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf');
    expect(await stored(number)).toEqual(before);
  });
});
