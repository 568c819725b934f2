import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.ts';
import { createHarness, type Harness } from '../testing/harness.ts';
import { loadKbFixtures } from '../testing/kbFixtures.ts';
import { searchKnowledgeBase } from './searchKnowledgeBase.ts';
import { editDistance, parseQuery, snippetToHtml } from './terms.ts';

describe('query parsing and edit distance', () => {
  it('turns anything typed into plain terms, the last one a prefix while typed', () => {
    expect(parseQuery('saml asser')).toEqual({ terms: ['saml', 'asser'], lastIsPrefix: true });
    expect(parseQuery('saml assertion ')).toEqual({ terms: ['saml', 'assertion'], lastIsPrefix: false });
    expect(parseQuery('"*-( NEAR(a b) title:x ^y')).toEqual({
      terms: ['near', 'b', 'title', 'x'],
      lastIsPrefix: false,
    });
    expect(parseQuery('How do I reset my password?').terms).toEqual(['reset', 'password']);
    expect(parseQuery('invalid_client E0000004').terms).toEqual(['invalid_client', 'e0000004']);
    expect(parseQuery('how do i').terms).toEqual([]);
    expect(parseQuery('saml a')).toEqual({ terms: ['saml'], lastIsPrefix: false });
    expect(parseQuery('😀 🚀').terms).toEqual([]);
  });

  it('counts a transposition as one edit and stops early', () => {
    expect(editDistance('pasword', 'password')).toBe(1);
    expect(editDistance('certficate', 'certificate')).toBe(1);
    expect(editDistance('enrol', 'enorl')).toBe(1);
    expect(editDistance('abc', 'xyz')).toBe(3);
    expect(editDistance('abcdef', 'uvwxyz', 1)).toBe(2);
  });

  it('escapes snippets and marks only the matched terms', () => {
    expect(snippetToHtml('a <b> & \uE000term\uE001 "q"')).toBe(
      'a &lt;b&gt; &amp; <mark>term</mark> &quot;q&quot;',
    );
    expect(snippetToHtml('\uE000open')).toBe('<mark>open</mark>');
  });
});

describeEachDatabase('knowledge base search', (dialect) => {
  let h: Harness;
  let ids: Record<string, string>;
  beforeAll(async () => {
    h = await createHarness(dialect);
    ids = await loadKbFixtures(h.ctx);
  });
  afterAll(() => h.close());

  const search = (q: string, opts: { issueArea?: string; limit?: number; includeDrafts?: boolean } = {}) =>
    searchKnowledgeBase(h.ctx.database, { q, limit: opts.limit ?? 5, ...opts });
  const slugs = async (
    q: string,
    opts: { issueArea?: string; limit?: number; includeDrafts?: boolean } = {},
  ) => (await search(q, opts)).map((r) => r.slug);

  it('ranks a title match above a body-only match', async () => {
    const found = await slugs('password reset ');
    expect(found.slice(0, 2)).toEqual(['reset-forgotten-password', 'account-recovery-options']);
    expect(found.indexOf('reset-forgotten-password')).toBeLessThan(found.indexOf('account-recovery-options'));
  });

  it('matches the word being typed as a prefix, with English stemming', async () => {
    const found = await slugs('saml asser');
    expect(found).toContain('saml-assertion-invalid-audience');
    expect(found).toContain('saml-assertion-signing');
    expect((await slugs('sign certificates'))[0]).toBe('signing-certificate-rollover');
    expect(await slugs('saml assertion invalid')).toEqual(
      expect.arrayContaining(['saml-assertion-invalid-audience']),
    );
    expect((await slugs('saml assertion invalid'))[0]).toBe('saml-assertion-invalid-audience');
  });

  it('tolerates small typos', async () => {
    expect((await slugs('pasword reset'))[0]).toBe('reset-forgotten-password');
    expect((await slugs('certficate'))[0]).toBe('signing-certificate-rollover');
    expect(await slugs('rolover certficate')).toContain('signing-certificate-rollover');
    // a word far from every indexed word finds nothing
    expect(await slugs('zzzzqqqq')).toEqual([]);
  });

  it('finds error codes and identifiers as typed', async () => {
    expect((await slugs('E0000004'))[0]).toBe('authentication-failed-e0000004');
    expect((await slugs('e0000004 authentication'))[0]).toBe('authentication-failed-e0000004');
    expect((await slugs('invalid_client'))[0]).toBe('oidc-client-errors');
    expect((await slugs('token invalid_client '))[0]).toBe('oidc-client-errors');
  });

  it('boosts entries in the chosen issue area', async () => {
    const plain = await slugs('rate limit ');
    expect(plain.slice(0, 2).sort()).toEqual(['rate-limit-guide', 'rate-limit-reference']);
    const [first, second] = plain as [string, string];
    const areaOf = { 'rate-limit-guide': 'saml-sso', 'rate-limit-reference': 'api' } as Record<
      string,
      string
    >;
    expect((await slugs('rate limit ', { issueArea: areaOf[second] })).slice(0, 2)).toEqual([second, first]);
    expect((await slugs('rate limit ', { issueArea: areaOf[first] })).slice(0, 2)).toEqual([first, second]);
    // an area nobody has changes nothing
    expect(await slugs('rate limit ', { issueArea: 'nothing"here' })).toEqual(plain);
  });

  it('leaves drafts out unless asked', async () => {
    expect(await slugs('quantumwidget')).toEqual([]);
    expect(await slugs('quantum widget')).not.toContain('draft-quantum-widget');
    expect((await slugs('quantum widget', { includeDrafts: true }))[0]).toBe('draft-quantum-widget');
    expect(await slugs('quantumwidget', { includeDrafts: true })).toEqual(['draft-quantum-widget']);
  });

  it('answers snippets with the terms marked and the rest escaped', async () => {
    const [hit] = await search('widgetcolour');
    expect(hit?.id).toBe(ids['html-in-body']);
    expect(hit?.snippet).toContain('<mark>widgetcolour</mark>');
    expect(hit?.snippet).toContain('&lt;b&gt;Wiki&lt;/b&gt; &amp; &quot;Docs&quot;');
    expect(hit?.snippet).not.toMatch(/<(b|script)>/);
    expect(hit?.issueAreas).toEqual([]);
    const [saml] = await search('audience');
    expect(saml?.snippet).toContain('<mark>audience</mark>');
    expect(saml?.score).toBeGreaterThan(0);
  });

  it('never throws on hostile input', async () => {
    for (const q of [
      '"*-(',
      'DROP TABLE kb_entries;--',
      '😀',
      'NEAR(saml assertion)',
      'saml AND OR NOT',
      'title:saml',
      ':*&|!<->',
      "' or 1=1 --",
      '\\',
      'ünïcödé straße',
      '日本語のテキスト',
      'x'.repeat(400),
      Array.from({ length: 60 }, (_, i) => `w${i}`).join(' '),
      '_ __ ___',
      '²³ ½',
    ]) {
      await expect(search(q), q).resolves.toBeInstanceOf(Array);
    }
    const count = await h.ctx.database.db
      .selectFrom('kb_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(Object.keys(ids).length);
  });
});
