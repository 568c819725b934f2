import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from './testing/databases.ts';
import { createHarness, type Harness } from './testing/harness.ts';

/**
 * Issue 2's "done when", over a real socket: bob opens a case with every field and finds it in his
 * cases; dave (ESC) sees it; erin and gina get 404; carol is refused with a message naming Case Admin.
 */
describeEachDatabase('acceptance: a case from bob, seen by exactly the right people', (dialect) => {
  let h: Harness;
  let base: string;
  beforeAll(async () => {
    h = await createHarness(dialect);
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const address = h.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => h.close());

  async function signIn(email: string) {
    const res = await fetch(`${base}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'casebook-demo' }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const headers = { cookie: cookie.split(';')[0]!, 'x-csrf-token': csrfToken };
    return {
      get: (path: string) => fetch(`${base}${path}`, { headers }),
      post: (path: string, body: unknown) =>
        fetch(`${base}${path}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
    };
  }

  it('works end to end', async () => {
    const bob = await signIn('bob@acme.example');
    const orgs = (await (await bob.get('/api/v1/orgs')).json()) as { items: { slug: string }[] };
    expect(orgs.items.map((o) => o.slug)).toEqual(['acme']);
    const areas = (await (await bob.get('/api/v1/issue-areas')).json()) as {
      items: { key: string; selectable: boolean; common: boolean; description: string }[];
    };
    const area = areas.items.find((a) => a.selectable && a.common)!;
    expect(area.description.length).toBeGreaterThan(10);
    const admins = (await (await bob.get('/api/v1/orgs/acme/admins')).json()) as {
      items: { email: string }[];
    };
    expect(admins.items.map((a) => a.email)).toContain('alice@acme.example');

    const created = await bob.post('/api/v1/cases', {
      priority: 'P1',
      p1Confirmed: true,
      subject: 'Every user gets E0000004 at sign-in',
      description: 'Since 09:00 UTC every sign-in fails with E0000004 (authentication failed).',
      stepsToReproduce: 'Open https://acme.example.com and sign in as any user.',
      org: 'acme',
      issueArea: area.key,
      scope: 'all_users',
      businessImpact: 'Nobody can work.',
      caseEmail: 'Bob@Acme.example',
      contactPhone: '+44 20 7946 0958',
      contactTimezone: 'Europe/London',
      teamContacts: ['alice@acme.example'],
    });
    expect(created.status).toBe(201);
    const c = (await created.json()) as {
      number: string;
      caseEmail: string;
      contactPhone: string;
      team: unknown[];
    };
    expect(c.number).toMatch(/^\d{8}$/);
    expect(c.caseEmail).toBe('bob@acme.example');
    expect(c.contactPhone).toBe('+442079460958');
    expect(c.team).toHaveLength(1);

    const mine = (await (await bob.get(`/api/v1/cases?q=${c.number}`)).json()) as {
      items: { number: string }[];
    };
    expect(mine.items.map((i) => i.number)).toEqual([c.number]);

    const dave = await signIn('dave@acme.example');
    expect((await dave.get(`/api/v1/cases/${c.number}`)).status).toBe(200);
    const account = (await (await dave.get('/api/v1/cases?view=account')).json()) as {
      items: { number: string }[];
    };
    expect(account.items.map((i) => i.number)).toContain(c.number);

    for (const email of ['erin@acme.example', 'gina@globex.example']) {
      const other = await signIn(email);
      const res = await other.get(`/api/v1/cases/${c.number}`);
      expect(res.status, email).toBe(404);
      expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'Case not found' } });
    }

    const carol = await signIn('carol@acme.example');
    const refused = await carol.get('/api/v1/cases');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/Case Admin/);
  });
});
