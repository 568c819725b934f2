import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertKbEntry } from '../kb/kbStore.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { createHarness, type Harness } from '../testing/harness.ts';
import { loadKbFixtures } from '../testing/kbFixtures.ts';
import { searchKnowledgeBase } from './searchKnowledgeBase.ts';
import {
  editDistance,
  lightStem,
  MARK_END,
  MARK_START,
  makeSnippet,
  parseQuery,
  prefixEnd,
  snippetToHtml,
  titleWords,
  wordSplits,
} from './terms.ts';

describe('query parsing, edit distance, stems and snippets', () => {
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

  it('stems title words lightly, the same way for query and title', () => {
    const same = [
      ['assert', 'assertion', 'assertions'],
      ['enrol', 'enrollment', 'enrolled'],
      ['policy', 'policies'],
      ['rule', 'rules'],
      ['certificate', 'certificates'],
      ['rotate', 'rotating', 'rotation'],
      ['expire', 'expired', 'expires'],
    ];
    for (const group of same)
      expect(new Set(group.map(lightStem)), group.join(' ')).toHaveProperty('size', 1);
    expect(lightStem('working')).not.toBe(lightStem('workflow'));
    expect(lightStem('status')).toBe('status');
    expect(lightStem('api')).toBe('api');
  });

  it('splits run-together words, joins title identifiers, bounds prefixes', () => {
    expect(wordSplits('ratelimit')).toContainEqual(['rate', 'limit']);
    expect(wordSplits('rulethem')).not.toContainEqual(['rule', 'them']); // a stop word is no part
    expect(wordSplits('e0000047')).toEqual([]);
    expect(wordSplits('short')).toEqual([]);
    expect(titleWords('The redirect_uri must match')).toEqual([
      'the',
      'redirect_uri',
      'redirect',
      'uri',
      'must',
      'match',
    ]);
    expect(prefixEnd('work')).toBe('worl');
    for (const w of ['work', 'work_item', 'workflow', 'workzzz', 'work\uffff']) {
      expect(w >= 'work' && w < prefixEnd('work'), w).toBe(true);
    }
  });

  it('cuts snippets around the matched words, keeping the text between them', () => {
    const words = Array.from({ length: 60 }, (_, i) => `w${i}`);
    words[10] = 'token';
    words[40] = 'Token';
    words[44] = 'secret';
    const isMatch = (w: string) => w === 'token' || w === 'secret';
    // the window with both words wins over the one with "token" alone, centred on them
    expect(makeSnippet(words.join(' '), isMatch)).toBe(
      `…${words.slice(31, 40).join(' ')} ${MARK_START}Token${MARK_END} w41 w42 w43 ${MARK_START}secret${MARK_END} ${words.slice(45, 55).join(' ')}…`,
    );
    expect(makeSnippet('**Bold** start, no match here.', () => false, 3)).toBe('**Bold** start, no…');
    expect(makeSnippet('Rotate the *key*.', (w) => w === 'key')).toBe(
      `Rotate the *${MARK_START}key${MARK_END}*.`,
    );
    expect(makeSnippet('', () => true)).toBe('');
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

describeEachDatabase('knowledge base search: completions, run-together words, partial matches', (dialect) => {
  let h: Harness;
  const entries = [
    ['signin-workflow', 'Sign-in workflow', 'A workflow runs after each sign-in and records the device.'],
    [
      'signin-page-not-working',
      'Sign-in page not working',
      'The sign-in page is not working in old browsers; clear the cache.',
    ],
    [
      'rate-limit-buckets',
      'Rate limits for the management API',
      'Every endpoint has a rate limit per minute.',
    ],
    [
      'where-did-our-ratelimit-go',
      'Where did our ratelimit go?',
      'One integration used all of it overnight.',
    ],
    [
      'group-rule-adds-nobody',
      'Group rule adds nobody',
      'The rule expression reads an attribute that is empty for every user.',
    ],
    [
      'group-membership-basics',
      'Group membership basics',
      'A group has members; a rate limit applies to group changes.',
    ],
    [
      'reset-forgotten-password',
      'Reset a forgotten password',
      'Users reset their password from the sign-in page.',
    ],
  ] as const;
  beforeAll(async () => {
    h = await createHarness(dialect, { seed: false });
    await h.ctx.database.transaction(async (trx) => {
      for (const [slug, title, body] of entries) {
        await insertKbEntry(
          trx,
          {
            slug,
            kind: 'kb_article',
            title,
            body,
            issueAreas: [],
            tags: [],
            url: `/kb/${slug}`,
            status: 'published',
          },
          '2026-11-29T00:00:00.000Z',
        );
      }
    });
  });
  afterAll(() => h.close());

  const slugs = async (q: string) =>
    (await searchKnowledgeBase(h.ctx.database, { q, limit: 5 })).map((r) => r.slug);

  it('completes the word being typed to whole words, so a complete word does not match longer ones', async () => {
    // "working" completes to "working" only: the workflow entry matches "sign" alone and comes later
    const found = await slugs('sign working');
    expect(found[0]).toBe('signin-page-not-working');
    expect(found.indexOf('signin-workflow')).toBeGreaterThan(0);
    expect((await slugs('sign workf'))[0]).toBe('signin-workflow');
    expect((await slugs('workin'))[0]).toBe('signin-page-not-working');
  });

  it('finds a run-together word written apart, and two words written together', async () => {
    expect(await slugs('ratelimit')).toEqual(
      expect.arrayContaining(['where-did-our-ratelimit-go', 'rate-limit-buckets']),
    );
    expect(await slugs('rate limit ')).toEqual(
      expect.arrayContaining(['where-did-our-ratelimit-go', 'rate-limit-buckets']),
    );
    const [buckets] = (await searchKnowledgeBase(h.ctx.database, { q: 'ratelimit ', limit: 5 })).filter(
      (hit) => hit.slug === 'rate-limit-buckets',
    );
    expect(buckets?.snippet).toContain('<mark>rate</mark> <mark>limit</mark>');
  });

  it('ranks entries with all terms but one above those with fewer', async () => {
    // no entry has all four words; "group rule … empty" has three, "group … members" two
    const found = await slugs('group rule empty members');
    expect(found.slice(0, 2)).toEqual(['group-rule-adds-nobody', 'group-membership-basics']);
  });

  it('corrects a typo in the first two letters by their swap', async () => {
    expect((await slugs('apssword reset'))[0]).toBe('reset-forgotten-password');
  });

  it('cuts the same snippet on both databases', async () => {
    const [hit] = await searchKnowledgeBase(h.ctx.database, { q: 'old browsers', limit: 5 });
    expect(hit?.snippet).toBe(
      'The sign-in page is not working in <mark>old</mark> <mark>browsers</mark>; clear the cache.',
    );
  });
});
