import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashToken, SESSION_COOKIE } from '../../auth/sessions.ts';
import { newCaseInput } from '../../testing/builders.ts';
import { describeEachDatabase } from '../../testing/databases.ts';
import { createHarness, type Harness } from '../../testing/harness.ts';

const PASSWORD = 'casebook-demo';

function signIn(h: Harness, email: string, password = PASSWORD, headers: Record<string, string> = {}) {
  return h.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password }, headers });
}

/** The raw Set-Cookie header of the session cookie. */
function sessionSetCookie(res: LightMyRequestResponse): string {
  const raw = res.headers['set-cookie'];
  const all = Array.isArray(raw) ? raw : raw ? [raw] : [];
  const cookie = all.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new Error(`no session cookie in ${JSON.stringify(raw)}`);
  return cookie;
}

function cookieValue(res: LightMyRequestResponse): string {
  const value = res.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
  if (!value) throw new Error('no session cookie');
  return value;
}

async function countCases(h: Harness): Promise<number> {
  const row = await h.ctx.database.db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describeEachDatabase('sessions', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(() => h.close());

  it('signs in: answers the user with a csrfToken and sets an HttpOnly, SameSite=Lax cookie', async () => {
    const res = await signIn(h, 'bob@acme.example');
    expect(res.statusCode, res.body).toBe(200);
    const me = res.json();
    expect(me).toMatchObject({ email: 'bob@acme.example', kind: 'customer', caseAdmin: true });
    expect(me.csrfToken).toMatch(/^[\w-]{20,}$/);
    const setCookie = sessionSetCookie(res);
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; SameSite=Lax/i);
    expect(setCookie).toMatch(/; Path=\//i);
    // PUBLIC_URL is http here: a Secure cookie would never come back
    expect(setCookie).not.toMatch(/; Secure/i);
  });

  it('accepts the email in any case', async () => {
    const res = await signIn(h, 'Bob@ACME.example');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().email).toBe('bob@acme.example');
  });

  it('refuses a wrong password with the same answer as an unknown email', async () => {
    const wrong = await signIn(h, 'bob@acme.example', 'not-the-password');
    const unknown = await signIn(h, 'nobody@acme.example', PASSWORD);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('invalid_credentials');
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a sign-in body with missing or malformed fields with 400', async () => {
    for (const payload of [
      {},
      { email: 'bob@acme.example' },
      { email: 'bob', password: 'x' },
      { password: 'x' },
    ]) {
      const res = await h.app.inject({ method: 'POST', url: '/api/v1/session', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
  });

  it('stores sessions hashed: the cookie value is nowhere in the sessions table', async () => {
    const res = await signIn(h, 'alice@acme.example');
    const token = cookieValue(res);
    const rows = await h.ctx.database.db.selectFrom('sessions').selectAll().execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      for (const value of Object.values(row)) expect(String(value)).not.toContain(token);
    }
    expect(rows.some((r) => r.id_hash === hashToken(token))).toBe(true);
  });

  it('answers GET /me with 401 without a cookie or with an unknown one', async () => {
    const none = await h.app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('unauthenticated');
    const forged = await h.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: `${SESSION_COOKIE}=forged-token-value` },
    });
    expect(forged.statusCode).toBe(401);
  });

  it('gives the csrfToken again from GET /me', async () => {
    const bob = await h.signIn('bob@acme.example');
    const res = await bob.get('/api/v1/me');
    expect(res.statusCode).toBe(200);
    expect(res.json().csrfToken).toBe(bob.csrfToken);
  });

  it('refuses a write without the x-csrf-token header, or with a wrong one (403 csrf)', async () => {
    const bob = await h.signIn('bob@acme.example');
    const before = await countCases(h);
    const missing = await bob.request({
      method: 'POST',
      url: '/api/v1/cases',
      body: newCaseInput(),
      csrf: false,
    });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.code).toBe('csrf');
    const wrong = await bob.request({
      method: 'POST',
      url: '/api/v1/cases',
      body: newCaseInput(),
      csrf: false,
      headers: { 'x-csrf-token': 'x'.repeat(bob.csrfToken.length) },
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe('csrf');
    // another session's token is wrong too
    const other = await h.signIn('bob@acme.example');
    const crossed = await bob.request({
      method: 'POST',
      url: '/api/v1/cases',
      body: newCaseInput(),
      csrf: false,
      headers: { 'x-csrf-token': other.csrfToken },
    });
    expect(crossed.statusCode).toBe(403);
    expect(await countCases(h)).toBe(before);
    // sign-out is a write, too
    const signOut = await bob.request({ method: 'DELETE', url: '/api/v1/session', csrf: false });
    expect(signOut.statusCode).toBe(403);
    expect((await bob.get('/api/v1/me')).statusCode).toBe(200);
    // with the token the write goes through
    expect((await bob.post('/api/v1/cases', newCaseInput())).statusCode).toBe(201);
  });

  it('signs out: the old cookie stops working and the cookie is cleared', async () => {
    const bob = await h.signIn('bob@acme.example');
    const res = await bob.del('/api/v1/session');
    expect(res.statusCode).toBe(204);
    expect(sessionSetCookie(res)).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/i);
    const after = await bob.get('/api/v1/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthenticated');
    expect((await bob.get('/api/v1/cases')).statusCode).toBe(401);
  });

  it('ends sessions when they expire', async () => {
    const bob = await h.signIn('bob@acme.example');
    h.clock.advance(h.ctx.config.sessionDays * 86_400_000 + 1000);
    try {
      expect((await bob.get('/api/v1/me')).statusCode).toBe(401);
    } finally {
      h.clock.advance(-(h.ctx.config.sessionDays * 86_400_000 + 1000));
    }
  });

  it('refuses a deactivated user, and their open session stops at the next request', async () => {
    const hank = await h.signIn('hank@globex.example');
    expect((await hank.get('/api/v1/me')).statusCode).toBe(200);
    await h.ctx.database.db
      .updateTable('users')
      .set({ active: 0 })
      .where('email', '=', 'hank@globex.example')
      .execute();
    try {
      const me = await hank.get('/api/v1/me');
      expect(me.statusCode).toBe(401);
      expect((await hank.get('/api/v1/cases')).statusCode).toBe(401);
      const again = await signIn(h, 'hank@globex.example');
      expect(again.statusCode).toBe(401);
      expect(again.json()).toEqual((await signIn(h, 'nobody@globex.example')).json());
    } finally {
      await h.ctx.database.db
        .updateTable('users')
        .set({ active: 1 })
        .where('email', '=', 'hank@globex.example')
        .execute();
    }
  });

  it('tells carol, an admin without Case Admin, why the case pages are closed', async () => {
    const carol = await h.signIn('carol@acme.example');
    const me = (await carol.get('/api/v1/me')).json();
    expect(me.caseAdmin).toBe(false);
    expect(me.caseAccess.allowed).toBe(false);
    expect(me.caseAccess.reason).toMatch(/Case Admin/);
    const list = await carol.get('/api/v1/cases');
    expect(list.statusCode).toBe(403);
    expect(list.json().error.message).toMatch(/Case Admin/);
    const before = await countCases(h);
    const open = await carol.post('/api/v1/cases', newCaseInput({ caseEmail: 'carol@acme.example' }));
    expect(open.statusCode).toBe(403);
    expect(open.json().error.message).toMatch(/Case Admin/);
    expect(await countCases(h)).toBe(before);
    const bobMe = (await (await h.signIn('bob@acme.example')).get('/api/v1/me')).json();
    expect(bobMe.caseAccess).toEqual({ allowed: true, reason: null });
  });
});

describeEachDatabase('sign-in rate limit', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect, { config: { signInAttemptsPerWindow: 3 } });
  });
  afterAll(() => h.close());

  it('refuses the 4th attempt in the window with 429 and Retry-After, even with the right password', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await signIn(h, 'dave@acme.example', 'wrong')).statusCode).toBe(401);
    }
    const before = await h.ctx.database.db.selectFrom('sessions').select('id_hash').execute();
    const res = await signIn(h, 'dave@acme.example');
    expect(res.statusCode, res.body).toBe(429);
    expect(res.json().error.code).toBe('rate_limited');
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(h.ctx.config.signInWindowSeconds);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(await h.ctx.database.db.selectFrom('sessions').select('id_hash').execute()).toEqual(before);
    // the email in another case is the same email
    expect((await signIn(h, 'DAVE@acme.example')).statusCode).toBe(429);
    // other users are not locked out
    expect((await signIn(h, 'erin@acme.example')).statusCode).toBe(200);
    // after the window, the right password works again
    h.clock.advance(retryAfter * 1000);
    expect((await signIn(h, 'dave@acme.example')).statusCode).toBe(200);
  });

  it('limits attempts from one address across many emails', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.9' };
    const limit = h.ctx.config.signInAttemptsPerWindow * 5;
    for (let i = 0; i < limit; i++) {
      expect((await signIn(h, `nobody${i}@acme.example`, 'wrong', headers)).statusCode).toBe(401);
    }
    const res = await signIn(h, 'alice@acme.example', PASSWORD, headers);
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBeDefined();
  });
});

describeEachDatabase('secure cookies', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect, {
      config: { publicUrl: 'https://support.example.com', secureCookies: true },
    });
  });
  afterAll(() => h.close());

  it('marks the session cookie Secure when PUBLIC_URL is https', async () => {
    const res = await signIn(h, 'bob@acme.example');
    expect(res.statusCode).toBe(200);
    const setCookie = sessionSetCookie(res);
    expect(setCookie).toMatch(/; Secure/i);
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; SameSite=Lax/i);
  });
});
