import { afterAll, beforeAll, expect, it } from 'vitest';
import { createKbEntryCommand, updateKbEntryCommand } from '../kb/kbCommands.ts';
import { insertKbEntry } from '../kb/kbStore.ts';
import type { Actor } from '../policies/actor.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { createHarness, type Harness } from '../testing/harness.ts';
import { loadKbFixtures } from '../testing/kbFixtures.ts';
import { searchKnowledgeBase } from './searchKnowledgeBase.ts';
import { SolutionsCache } from './solutionsCache.ts';

describeEachDatabase('the solutions cache in front of the search', (dialect) => {
  let h: Harness;
  let staff: Actor;
  let time = 0;
  const caches: SolutionsCache[] = [];
  const newCache = (options: { maxEntries?: number } = {}) => {
    const cache = new SolutionsCache(h.ctx.database, { versionCheckMs: 1000, now: () => time, ...options });
    caches.push(cache);
    return cache;
  };
  beforeAll(async () => {
    h = await createHarness(dialect);
    await loadKbFixtures(h.ctx);
    staff = await h.actor('root@support.example');
  });
  afterAll(async () => {
    for (const c of caches) c.close();
    await h.close();
  });

  it('answers a repeated search from memory with exactly what the search answers', async () => {
    const cache = newCache();
    const direct = await searchKnowledgeBase(h.ctx.database, { q: 'saml asser', limit: 5 });
    expect(direct.length).toBeGreaterThan(0);
    expect(await cache.search({ q: 'saml asser', limit: 5 })).toEqual(direct);
    expect(await cache.search({ q: '  SAML   asser', limit: 5 })).toEqual(direct);
    expect(cache.misses).toBe(1);
    expect(cache.hits).toBe(1);
    // Different issue area, limit or drafts flag: a different search.
    await cache.search({ q: 'saml asser', limit: 3 });
    await cache.search({ q: 'saml asser', limit: 5, issueArea: 'sso_saml' });
    await cache.search({ q: 'saml asser', limit: 5, includeDrafts: true });
    expect(cache.misses).toBe(4);
  });

  it('shares one computation between concurrent identical searches', async () => {
    const cache = newCache();
    const [a, b, c] = await Promise.all([
      cache.search({ q: 'mfa enrol', limit: 5 }),
      cache.search({ q: 'mfa enrol', limit: 5 }),
      cache.search({ q: 'MFA enrol', limit: 5 }),
    ]);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(cache.misses).toBe(1);
  });

  it('keeps at most maxEntries searches, the least recently used going first', async () => {
    const cache = newCache({ maxEntries: 2 });
    await cache.search({ q: 'password', limit: 5 });
    await cache.search({ q: 'token', limit: 5 });
    await cache.search({ q: 'password', limit: 5 }); // used again: now the newest
    await cache.search({ q: 'certificate', limit: 5 }); // evicts "token"
    expect(cache.size).toBe(2);
    const misses = cache.misses;
    await cache.search({ q: 'password', limit: 5 });
    expect(cache.misses).toBe(misses);
    await cache.search({ q: 'token', limit: 5 });
    expect(cache.misses).toBe(misses + 1);
  });

  it('drops what it kept at once when this process writes the knowledge base', async () => {
    const cache = newCache();
    const before = await cache.search({ q: 'quokka', limit: 5 });
    expect(before).toEqual([]);
    const entry = await createKbEntryCommand(h.ctx, staff, {
      kind: 'kb_article',
      title: 'Quokka connector setup',
      body: 'How to connect the quokka directory.',
      issueAreas: [],
      tags: [],
      status: 'published',
    });
    expect((await cache.search({ q: 'quokka', limit: 5 })).map((e) => e.id)).toEqual([entry.id]);
    await updateKbEntryCommand(h.ctx, staff, entry.id, { status: 'draft' });
    expect(await cache.search({ q: 'quokka', limit: 5 })).toEqual([]);
  });

  it('notices a write by another process within versionCheckMs, and not before', async () => {
    const cache = newCache();
    time = 10_000;
    expect(await cache.search({ q: 'wombat', limit: 5 })).toEqual([]);
    // Written as another process would: the stored version moves, this process is not told.
    await h.ctx.database.transaction((trx) =>
      insertKbEntry(
        trx,
        {
          slug: 'wombat-sync',
          kind: 'product_doc',
          title: 'Wombat sync',
          body: 'Wombat directory sync.',
          issueAreas: [],
          tags: [],
          url: 'https://help.example/kb/wombat-sync',
          status: 'published',
        },
        h.ctx.now().toISOString(),
      ),
    );
    time += 999;
    expect(await cache.search({ q: 'wombat', limit: 5 })).toEqual([]);
    time += 1;
    expect((await cache.search({ q: 'wombat', limit: 5 })).map((e) => e.slug)).toEqual(['wombat-sync']);
  });

  it('serves the panel through GET /api/v1/solutions, seeing a staff edit at once', async () => {
    const bob = await h.signIn('bob@acme.example');
    const root = await h.signIn('root@support.example');
    const first = await bob.get('/api/v1/solutions?q=kangaroo');
    expect(first.json()).toEqual({ items: [], total: 0 });
    const created = await root.post('/api/v1/kb', {
      kind: 'community_question',
      title: 'Kangaroo app sign-in loops',
      body: 'The kangaroo app loops back to sign-in.',
      status: 'published',
    });
    expect(created.statusCode).toBe(201);
    const after = await bob.get('/api/v1/solutions?q=kangaroo');
    expect(after.json().items.map((i: { id: string }) => i.id)).toEqual([created.json().id]);
    expect((await root.del(`/api/v1/kb/${created.json().id}`)).statusCode).toBe(204);
    expect((await bob.get('/api/v1/solutions?q=kangaroo')).json().total).toBe(0);
  });
});
