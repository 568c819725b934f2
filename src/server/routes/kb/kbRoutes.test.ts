import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeCase } from '../../testing/builders.ts';
import { describeEachDatabase } from '../../testing/databases.ts';
import { createHarness, type Harness } from '../../testing/harness.ts';
import { loadKbFixtures } from '../../testing/kbFixtures.ts';

describeEachDatabase('knowledge base routes', (dialect) => {
  let h: Harness;
  let ids: Record<string, string>;
  beforeAll(async () => {
    h = await createHarness(dialect);
    ids = await loadKbFixtures(h.ctx);
  });
  afterAll(() => h.close());

  const count = async () =>
    Number(
      (
        await h.ctx.database.db
          .selectFrom('kb_entries')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const solutions = async (email: string, query: string) => {
    const client = await h.signIn(email);
    return client.get(`/api/v1/solutions?${query}`);
  };

  it('answers the solutions panel for any signed-in user, published entries only', async () => {
    const res = await solutions('carol@acme.example', 'q=saml%20asser&limit=3');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.total).toBe(body.items.length);
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.length).toBeLessThanOrEqual(3);
    expect(body.items[0]).toEqual({
      id: expect.any(String),
      slug: expect.stringMatching(/^saml-assertion/),
      kind: expect.any(String),
      title: expect.stringMatching(/SAML/),
      url: expect.stringMatching(/^https:\/\/help\.example\/kb\//),
      snippet: expect.stringContaining('<mark>'),
    });
    // asked again (answered from the cache, JSON made once): the same answer, as JSON
    const again = await solutions('bob@acme.example', 'q=SAML%20%20asser&limit=3');
    expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(again.body).toBe(res.body);
    expect((await solutions('bob@acme.example', 'q=quantumwidget')).json()).toEqual({ items: [], total: 0 });
    expect((await solutions('bob@acme.example', 'q=')).json()).toEqual({ items: [], total: 0 });
    expect((await solutions('bob@acme.example', 'q=%20%20')).json()).toEqual({ items: [], total: 0 });
    expect((await solutions('bob@acme.example', '')).json()).toEqual({ items: [], total: 0 });
    const boosted = await solutions('bob@acme.example', 'q=rate%20limit%20&issueArea=saml-sso&limit=2');
    expect(boosted.json().items[0].slug).toBe('rate-limit-guide');
    const boosted2 = await solutions('bob@acme.example', 'q=rate%20limit%20&issueArea=api&limit=2');
    expect(boosted2.json().items[0].slug).toBe('rate-limit-reference');
  });

  it('refuses anonymous callers and bad limits', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/solutions?q=saml' })).statusCode).toBe(401);
    expect((await solutions('bob@acme.example', 'q=saml&limit=0')).statusCode).toBe(400);
    expect((await solutions('bob@acme.example', 'q=saml&limit=abc')).statusCode).toBe(400);
    expect((await solutions('bob@acme.example', `q=${'x'.repeat(501)}`)).statusCode).toBe(400);
  });

  it('never answers 500 to hostile queries', async () => {
    const bob = await h.signIn('bob@acme.example');
    for (const q of [
      '"*-(',
      'DROP TABLE kb_entries',
      '😀',
      "' or 1=1 --",
      'NEAR(a b) OR NOT',
      ':*&|!',
      '%00',
      '\u0000',
    ]) {
      const res = await bob.get(`/api/v1/solutions?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, `${q}: ${res.body}`).toBe(200);
      expect(Array.isArray(res.json().items)).toBe(true);
    }
    expect(await count()).toBe(Object.keys(ids).length);
  });

  it('reads one entry: published for customers, drafts for staff only', async () => {
    const bob = await h.signIn('bob@acme.example');
    const sam = await h.signIn('sam@support.example');
    const pub = await bob.get(`/api/v1/kb/${ids['reset-forgotten-password']}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({
      slug: 'reset-forgotten-password',
      kind: 'kb_article',
      status: 'published',
      issueAreas: ['passwords'],
      tags: ['self-service'],
      body: expect.stringContaining('self-service reset'),
    });
    expect((await bob.get(`/api/v1/kb/${ids['draft-quantum-widget']}`)).statusCode).toBe(404);
    expect((await bob.get('/api/v1/kb/nope')).statusCode).toBe(404);
    const draft = await sam.get(`/api/v1/kb/${ids['draft-quantum-widget']}`);
    expect(draft.statusCode).toBe(200);
    expect(draft.json().status).toBe('draft');
  });

  it('lets staff create, edit, publish and delete entries, with search kept in step', async () => {
    const sam = await h.signIn('sam@support.example');
    const bob = await h.signIn('bob@acme.example');
    const created = await sam.post('/api/v1/kb', {
      title: 'Provisioning stalls for Zorblax directories',
      body: 'When the Zorblax connector pauses, restart the sync.',
      kind: 'product_doc',
      issueAreas: ['provisioning'],
      tags: ['zorblax'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const entry = created.json();
    expect(entry).toMatchObject({
      slug: 'provisioning-stalls-for-zorblax-directories',
      url: '/kb/provisioning-stalls-for-zorblax-directories',
      status: 'draft',
      issueAreas: ['provisioning'],
    });
    // a draft: staff see it, customers neither read nor find it
    expect((await bob.get(`/api/v1/kb/${entry.id}`)).statusCode).toBe(404);
    expect((await bob.get('/api/v1/solutions?q=zorblax')).json().total).toBe(0);

    const edited = await sam.patch(`/api/v1/kb/${entry.id}`, {
      title: 'Provisioning stalls for Quuxly directories',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      title: 'Provisioning stalls for Quuxly directories',
      status: 'draft',
    });

    const published = await sam.post(`/api/v1/kb/${entry.id}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().status).toBe('published');
    expect((await bob.get(`/api/v1/kb/${entry.id}`)).statusCode).toBe(200);
    const found = (await bob.get('/api/v1/solutions?q=quuxly')).json();
    expect(found.items.map((i: { id: string }) => i.id)).toEqual([entry.id]);
    expect(found.items[0].title).toContain('Quuxly');
    // the typo fallback knows the new word, and forgot the old title's
    expect((await bob.get('/api/v1/solutions?q=quuxyl%20')).json().items[0]?.id).toBe(entry.id);
    const terms = await h.ctx.database.db
      .selectFrom('kb_terms')
      .select('term')
      .where('term', 'in', ['quuxly', 'zorblax'])
      .execute();
    expect(terms.map((t) => t.term).sort()).toEqual(['quuxly', 'zorblax']); // zorblax is still in the body
    expect((await bob.get('/api/v1/solutions?q=zorblax')).json().total).toBe(1);

    const deleted = await sam.del(`/api/v1/kb/${entry.id}`);
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect((await sam.get(`/api/v1/kb/${entry.id}`)).statusCode).toBe(404);
    expect((await bob.get('/api/v1/solutions?q=quuxly')).json().total).toBe(0);
    expect(
      await h.ctx.database.db
        .selectFrom('kb_terms')
        .select('term')
        .where('term', 'in', ['quuxly', 'zorblax'])
        .execute(),
    ).toEqual([]);
    expect((await sam.del(`/api/v1/kb/${entry.id}`)).statusCode).toBe(404);
    expect(await count()).toBe(Object.keys(ids).length);
  });

  it('validates entries and refuses conflicts without storing anything', async () => {
    const sam = await h.signIn('sam@support.example');
    const before = await count();
    for (const body of [
      {},
      { title: 'x', body: 'y' },
      { title: 'x', body: 'y', kind: 'blog' },
      { title: '', body: 'y', kind: 'kb_article' },
      { title: 'x', body: 'y', kind: 'kb_article', issueAreas: 'sso' },
      { title: 'x', body: 'y', kind: 'kb_article', url: 'javascript:alert(1)' },
      { title: 'x', body: 'y', kind: 'kb_article', slug: 'Not A Slug!' },
      { title: 42, body: 'y', kind: 'kb_article' },
    ]) {
      const res = await sam.post('/api/v1/kb', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    const dupSlug = await sam.post('/api/v1/kb', {
      title: 'Another',
      body: 'b',
      kind: 'kb_article',
      slug: 'reset-forgotten-password',
    });
    expect(dupSlug.statusCode).toBe(409);
    expect(dupSlug.json().error.fields.slug).toBeDefined();
    const dupUrl = await sam.post('/api/v1/kb', {
      title: 'Another',
      body: 'b',
      kind: 'kb_article',
      url: 'https://help.example/kb/reset-forgotten-password',
    });
    expect(dupUrl.statusCode).toBe(409);
    const patchDup = await sam.patch(`/api/v1/kb/${ids['oidc-client-errors']}`, {
      slug: 'reset-forgotten-password',
    });
    expect(patchDup.statusCode).toBe(409);
    expect((await sam.patch(`/api/v1/kb/${ids['oidc-client-errors']}`, { kind: 'wiki' })).statusCode).toBe(
      400,
    );
    expect(await count()).toBe(before);
    const unchanged = await sam.get(`/api/v1/kb/${ids['oidc-client-errors']}`);
    expect(unchanged.json()).toMatchObject({ slug: 'oidc-client-errors', kind: 'community_question' });

    // a second entry with the same title gets the next free slug
    const made: string[] = [];
    for (const expected of ['duplicate-title-check', 'duplicate-title-check-2']) {
      const res = await sam.post('/api/v1/kb', {
        title: 'Duplicate title check',
        body: 'b',
        kind: 'kb_article',
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().slug).toBe(expected);
      made.push(res.json().id);
    }
    for (const id of made) expect((await sam.del(`/api/v1/kb/${id}`)).statusCode).toBe(204);
    expect(await count()).toBe(before);
  });

  it('closes the staff routes to customers (403) and lists entries for staff', async () => {
    const bob = await h.signIn('bob@acme.example');
    const alice = await h.signIn('alice@acme.example');
    const before = await count();
    expect((await bob.get('/api/v1/kb')).statusCode).toBe(403);
    expect((await alice.post('/api/v1/kb', { title: 'x', body: 'y', kind: 'kb_article' })).statusCode).toBe(
      403,
    );
    expect((await bob.patch(`/api/v1/kb/${ids['oidc-client-errors']}`, { title: 'Hacked' })).statusCode).toBe(
      403,
    );
    expect((await bob.post(`/api/v1/kb/${ids['draft-quantum-widget']}/publish`)).statusCode).toBe(403);
    expect((await bob.del(`/api/v1/kb/${ids['oidc-client-errors']}`)).statusCode).toBe(403);
    expect(await count()).toBe(before);
    const sam = await h.signIn('sam@support.example');
    expect((await sam.get(`/api/v1/kb/${ids['draft-quantum-widget']}`)).json().status).toBe('draft');
    expect((await sam.get(`/api/v1/kb/${ids['oidc-client-errors']}`)).json().title).toBe(
      'Token endpoint answers 401',
    );

    const mia = await h.signIn('mia@support.example');
    const all = await mia.get('/api/v1/kb?pageSize=4');
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toMatchObject({ total: before, page: 1, pageSize: 4 });
    expect(all.json().items).toHaveLength(4);
    const page3 = await mia.get('/api/v1/kb?pageSize=4&page=3');
    expect(page3.json().items).toHaveLength(before - 8);
    const drafts = await mia.get('/api/v1/kb?status=draft');
    expect(drafts.json().items.map((e: { slug: string }) => e.slug)).toEqual(['draft-quantum-widget']);
    expect(drafts.json().total).toBe(1);
    expect((await mia.get('/api/v1/kb?status=archived')).statusCode).toBe(400);
  });

  it('suggests related articles for a visible case, 404 for an invisible one', async () => {
    const bob = await h.signIn('bob@acme.example');
    const erin = await h.signIn('erin@acme.example');
    const c = await makeCase(h.ctx, await h.actor('bob@acme.example'), {
      subject: 'SAML assertion rejected: audience mismatch',
      description: 'Our wiki says the assertion audience is wrong since yesterday.',
      issueArea: 'saml-sso',
    });
    const res = await bob.get(`/api/v1/cases/${c.number}/related-articles`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items[0].slug).toBe('saml-assertion-invalid-audience');
    expect(res.json().items.every((i: { slug: string }) => i.slug !== 'draft-quantum-widget')).toBe(true);
    expect((await erin.get(`/api/v1/cases/${c.number}/related-articles`)).statusCode).toBe(404);
    expect((await bob.get('/api/v1/cases/99999999/related-articles')).statusCode).toBe(404);
    const sam = await h.signIn('sam@support.example');
    expect(
      (await sam.get(`/api/v1/cases/${c.number}/related-articles?limit=2`)).json().items.length,
    ).toBeLessThanOrEqual(2);
  });
});
