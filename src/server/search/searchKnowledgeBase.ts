import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { KbKind } from '../db/schema.ts';
import { plainSnippet } from './plainSnippet.ts';
import {
  allowedEdits,
  editDistance,
  lightStem,
  makeSnippet,
  parseQuery,
  prefixEnd,
  STOP_WORDS,
  snippetToHtml,
  titleWords,
  wordSplits,
} from './terms.ts';

export interface KbSearchOptions {
  q: string;
  /** entries in this issue area rank higher */
  issueArea?: string | undefined;
  limit: number;
  /** staff searches may include drafts; customers never see them */
  includeDrafts?: boolean | undefined;
}

export interface KbSearchHit {
  id: string;
  slug: string;
  kind: KbKind;
  title: string;
  url: string;
  /** HTML: escaped text with the matched terms in <mark>…</mark> */
  snippet: string;
  /** higher is better; comparable within one stage of a search only */
  score: number;
  issueAreas: string[];
}

/** Relative weights of title, body and tags, the same on both databases. */
const WEIGHTS = { title: 10, body: 1, tags: 4 } as const;
/** How much an entry in the chosen issue area gains. */
const AREA_BOOST = 1.5;
/**
 * What a title holding every query term adds to the database's relevance (scaled to 1 for the best
 * candidate): a share of it for a share of the terms.
 */
const TITLE_BONUS = 0.5;
/** A word being typed is searched as its completions when the vocabulary has at most this many. */
const MAX_COMPLETIONS = 16;
/** The all-but-one stage runs for 3 to this many terms (beyond, it is hardly looser than all terms). */
const MAX_MOST_TERMS = 6;
/** SQLite ranks this many times the candidate pool inside the full-text index before reading entries. */
const RANKED_FIRST = 10;
/** Rows of the vocabulary read to correct one word, at most. */
const MAX_CORRECTION_CANDIDATES = 5000;

/** How the database matches one query word: any of its forms, its completions or its split. */
export interface WordPlan {
  /** the word as typed (or corrected) */
  word: string;
  /** whether it is the last word and still being typed */
  typing: boolean;
  /** search `word` as a prefix in the database (typed, with more completions than are worth listing) */
  prefix: boolean;
  /** whole words, any of which matches: the word itself, or the vocabulary's completions of it */
  forms: string[];
  /** word sequences that also match: a run-together word split in two (ratelimit → rate limit) */
  phrases: string[][];
}

/** One query term: a word, or two neighbouring words that the knowledge base also writes as one. */
export interface QueryTerm {
  parts: WordPlan[];
  /** the two parts written as one word (rate limit → ratelimit), a known word */
  joined?: string;
}

interface Row {
  id: string;
  slug: string;
  kind: KbKind;
  title: string;
  url: string;
  issue_areas: string;
  score: number;
}

interface Candidate extends Row {
  rank: number;
  /** the stage's terms, for the snippet */
  terms: QueryTerm[];
}

/** all terms; all terms but one; any term */
type Mode = 'all' | 'most' | 'any';

/**
 * Searches the knowledge base, best first (issue 4). Stages, each only while fewer than `limit`
 * hits are found: all terms; the same with unknown words corrected against the vocabulary
 * (Damerau-Levenshtein ≤ 1, ≤ 2 for words of 8+ letters); all terms but one (of 3 to 6 terms);
 * any term. The word being typed matches its completions in the vocabulary as whole words (so
 * "working" does not match "workflow"); a run-together word also matches its parts as a phrase
 * (ratelimit → "rate limit") and two neighbouring words their joined form (rate limit →
 * ratelimit). Within a stage the database's relevance is re-ranked with a bonus for the share of
 * query words in the title. Never throws on what a user typed.
 */
export async function searchKnowledgeBase(
  database: Database,
  options: KbSearchOptions,
): Promise<KbSearchHit[]> {
  const limit = Math.max(1, Math.min(50, Math.floor(options.limit)));
  const parsed = parseQuery(options.q);
  if (parsed.terms.length === 0) return [];
  const vocabulary = await lookUpVocabulary(database, parsed.terms, parsed.lastIsPrefix);
  const terms = planTerms(parsed.terms, parsed.lastIsPrefix, vocabulary);
  let hits: Candidate[] = [];
  const run = async (ts: QueryTerm[], mode: Mode) => {
    hits = merge(hits, await runStage(database, { terms: ts, mode, limit, options }), limit);
  };

  await run(terms, 'all');
  let current = terms;
  if (hits.length < limit) {
    const corrected = await correctTerms(database, terms, vocabulary);
    if (corrected.some((t, i) => t !== terms[i])) {
      current = corrected;
      await run(corrected, 'all');
    }
  }
  // The looser stages on the rarest words only: in a long text (a subject and its description) the
  // common words match most of the knowledge base, cost the most and add little to the ranking.
  const focus = rarest(current, vocabulary, MAX_MOST_TERMS);
  if (hits.length < limit && focus.length > 2) await run(focus, 'most');
  if (hits.length < limit && focus.length > 1) await run(focus, 'any');
  return finish(database, hits);
}

/** The `n` terms the knowledge base holds least often (unknown words count as rare), in query order. */
function rarest(terms: QueryTerm[], vocabulary: Vocabulary, n: number): QueryTerm[] {
  if (terms.length <= n) return terms;
  const df = (t: QueryTerm) => Math.min(...t.parts.map((p) => vocabulary.df.get(p.word) ?? 0));
  const keep = new Set([...terms].sort((a, b) => df(a) - df(b)).slice(0, n));
  return terms.filter((t) => keep.has(t));
}

function merge(a: Candidate[], b: Candidate[], limit: number): Candidate[] {
  const seen = new Set(a.map((h) => h.id));
  return [...a, ...b.filter((h) => !seen.has(h.id))].slice(0, limit);
}

interface Vocabulary {
  /** document frequency of the query's words, their possible parts and joined neighbours (absent: unknown) */
  df: Map<string, number>;
  /** the vocabulary's words starting with the word being typed, or null when there are too many */
  completions: string[] | null;
}

/**
 * One indexed look-up: the query's words, the parts they may split into, neighbours joined, and the
 * completions of the word being typed (an index range scan of at most MAX_COMPLETIONS + 1 rows).
 */
async function lookUpVocabulary(
  database: Database,
  words: string[],
  lastIsPrefix: boolean,
): Promise<Vocabulary> {
  const wanted = new Set(words);
  for (const word of words) for (const [head, tail] of wordSplits(word)) wanted.add(head).add(tail);
  for (let i = 0; i + 1 < words.length; i++) wanted.add(words[i]! + words[i + 1]!);
  const last = words[words.length - 1]!;
  type VocabularyRow = { term: string; df: number; completion: number };
  const exact = sql`select term, df, 0 as completion from kb_terms where term in (${sql.join([...wanted])})`;
  const rows = lastIsPrefix
    ? await sql<VocabularyRow>`
        ${exact}
        union all
        select * from (
          select term, df, 1 as completion from kb_terms
          where term >= ${last} and term < ${prefixEnd(last)} and substr(term, 1, ${[...last].length}) = ${last}
          order by term
          limit ${MAX_COMPLETIONS + 1}
        ) c`.execute(database.db)
    : await sql<VocabularyRow>`${exact}`.execute(database.db);
  const df = new Map<string, number>();
  const completions: string[] = [];
  for (const r of rows.rows) {
    df.set(r.term, Number(r.df));
    // the vocabulary holds plain words; anything else must not reach a query's syntax
    if (Number(r.completion) === 1 && PLAIN_WORD.test(r.term)) completions.push(r.term);
  }
  return {
    df,
    completions: lastIsPrefix && completions.length <= MAX_COMPLETIONS ? completions : null,
  };
}

const PLAIN_WORD = /^[\p{L}\p{N}_]+$/u;

/** How each parsed word is searched, from what the vocabulary knows. */
function planTerms(words: string[], lastIsPrefix: boolean, vocabulary: Vocabulary): QueryTerm[] {
  const plans = words.map((word, i): WordPlan => {
    const typing = lastIsPrefix && i === words.length - 1;
    const completions = typing ? (vocabulary.completions ?? []).filter((w) => !STOP_WORDS.has(w)) : [];
    const listed = typing && vocabulary.completions !== null && completions.length > 0;
    return {
      word,
      typing,
      prefix: typing && !listed,
      forms: listed ? completions : [word],
      phrases: splitPhrases(word, vocabulary.df),
    };
  });
  const terms: QueryTerm[] = [];
  for (let i = 0; i < plans.length; i++) {
    const plan = plans[i]!;
    const next = plans[i + 1];
    const joined = next ? plan.word + next.word : '';
    if (next && (vocabulary.df.get(joined) ?? 0) > 0) {
      terms.push({ parts: [plan, next], joined });
      i++;
    } else terms.push({ parts: [plan] });
  }
  return terms;
}

/**
 * A word rarer than both halves it splits into ("ratelimit" against "rate" and "limit") also
 * matches the halves as a phrase: the best-known split, if any.
 */
function splitPhrases(word: string, df: Map<string, number>): string[][] {
  let best: { parts: [string, string]; df: number } | undefined;
  for (const parts of wordSplits(word)) {
    const partDf = Math.min(df.get(parts[0]) ?? 0, df.get(parts[1]) ?? 0);
    if (partDf > (df.get(word) ?? 0) && (!best || partDf > best.df)) best = { parts, df: partDf };
  }
  return best ? [best.parts] : [];
}

interface StageArgs {
  terms: QueryTerm[];
  mode: Mode;
  limit: number;
  options: KbSearchOptions;
}

/** One stage: the database's best candidates, re-ranked with the title bonus. */
async function runStage(database: Database, args: StageArgs): Promise<Candidate[]> {
  // A few more candidates than asked for, so the title bonus can lift one from below the cut.
  const pool = Math.max(20, args.limit * 3);
  const rows =
    database.dialect === 'sqlite'
      ? await candidatesSqlite(database, args, pool)
      : await candidatesPostgres(database, args, pool);
  if (rows.length === 0) return [];
  const best = Math.max(...rows.map((r) => Number(r.score)));
  const ranked = rows.map((r) => ({
    ...r,
    terms: args.terms,
    rank: (best > 0 ? Number(r.score) / best : 0) + TITLE_BONUS * titleCoverage(args.terms, r.title),
  }));
  ranked.sort((a, b) => b.rank - a.rank || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  return ranked.slice(0, args.limit);
}

/**
 * Whether a word of an entry (lower-cased) matches one of the query's: by light stem, as one of the
 * typed word's completions or its continuation, as part of a split or a joined pair.
 */
export function wordMatcher(terms: QueryTerm[]): (word: string) => boolean {
  const exact = new Set<string>();
  const stems = new Set<string>();
  const prefixes: string[] = [];
  for (const term of terms) {
    if (term.joined) exact.add(term.joined);
    for (const p of term.parts) {
      for (const w of [p.word, ...p.forms, ...p.phrases.flat()]) {
        exact.add(w);
        stems.add(lightStem(w));
      }
      if (p.typing) prefixes.push(p.word);
    }
  }
  return (word) => exact.has(word) || stems.has(lightStem(word)) || prefixes.some((p) => word.startsWith(p));
}

/**
 * The share of the query words found in a title: by light stem, a word being typed also as a
 * prefix, a run-together word also by its parts, two joined neighbours also as one word.
 */
export function titleCoverage(terms: QueryTerm[], title: string): number {
  const found = titleWords(title);
  const stems = new Set(found.map(lightStem));
  const has = (word: string, typing: boolean) =>
    stems.has(lightStem(word)) || (typing && found.some((w) => w.startsWith(word)));
  const wordFound = (p: WordPlan) =>
    has(p.word, p.typing) ||
    p.forms.some((f) => has(f, false)) ||
    p.phrases.some((ws) => ws.every((w, i) => has(w, p.typing && i === ws.length - 1)));
  let words = 0;
  let matched = 0;
  for (const term of terms) {
    words += term.parts.length;
    matched +=
      term.joined && has(term.joined, false) ? term.parts.length : term.parts.filter(wordFound).length;
  }
  return words === 0 ? 0 : matched / words;
}

/** A query in one of the two syntaxes, built from the same plan. */
interface Syntax {
  word(w: string, prefix: boolean): string;
  phrase(ws: string[], prefix: boolean): string;
  and: string;
  or: string;
}

/** FTS5: every word quoted, so nothing typed can be an operator. */
const FTS5: Syntax = {
  word: (w, prefix) => `"${w}"${prefix ? '*' : ''}`,
  phrase: (ws, prefix) => `${ws.map((w) => `"${w}"`).join(' + ')}${prefix ? '*' : ''}`,
  and: ' AND ',
  or: ' OR ',
};

/** to_tsquery; the words hold only letters, digits and '_'. */
const TSQUERY: Syntax = {
  word: (w, prefix) => `${w}${prefix ? ':*' : ''}`,
  phrase: (ws, prefix) => `${ws.join(' <-> ')}${prefix ? ':*' : ''}`,
  and: ' & ',
  or: ' | ',
};

function group(items: string[], operator: string): string {
  return items.length > 1 ? `(${items.join(operator)})` : items[0]!;
}

function renderWord(p: WordPlan, s: Syntax): string {
  return group(
    [
      ...(p.prefix ? [s.word(p.word, true)] : p.forms.map((f) => s.word(f, false))),
      ...p.phrases.map((ws) => s.phrase(ws, p.typing)),
    ],
    s.or,
  );
}

function renderTerm(t: QueryTerm, s: Syntax): string {
  const parts = group(
    t.parts.map((p) => renderWord(p, s)),
    s.and,
  );
  return t.joined ? group([parts, s.word(t.joined, false)], s.or) : parts;
}

/** The stage's query: all terms, all but one, or any. */
export function renderQuery(terms: QueryTerm[], mode: Mode, s: Syntax): string {
  const rendered = terms.map((t) => renderTerm(t, s));
  if (mode === 'all') return rendered.join(s.and);
  if (mode === 'any') return rendered.join(s.or);
  return rendered
    .map((_, skip) =>
      group(
        rendered.filter((_, i) => i !== skip),
        s.and,
      ),
    )
    .join(s.or);
}

async function candidatesSqlite(
  database: Database,
  { terms, mode, options }: StageArgs,
  pool: number,
): Promise<Row[]> {
  const match = renderQuery(terms, mode, FTS5);
  const boost = options.issueArea
    ? sql`(case when instr(e.issue_areas, ${JSON.stringify(options.issueArea)}) > 0 then ${sql.lit(AREA_BOOST)} else 1.0 end)`
    : sql`1`;
  const published = options.includeDrafts ? sql`` : sql`and e.status = 'published'`;
  try {
    // Ranked inside the index first, then only the best RANKED_FIRST × pool entries read: joining
    // first reads a kb_entries row for every match (tens of thousands for a common word). Exact
    // unless the draft filter or the area boost could lift an entry from below that cut; then the
    // whole match is ranked as before.
    const ranked = pool * RANKED_FIRST;
    const first = await sql<Row & { floor: number; matched: number }>`
      with m as materialized (
        select rowid, -bm25(kb_fts, ${WEIGHTS.title}, ${WEIGHTS.body}, ${WEIGHTS.tags}) as raw
        from kb_fts where kb_fts match ${match}
        order by raw desc limit ${ranked}
      )
      select e.id, e.slug, e.kind, e.title, e.url, e.issue_areas, m.raw * ${boost} as score,
        (select min(raw) from m) as floor, (select count(*) from m) as matched
      from m join kb_entries e on e.seq = m.rowid
      where 1 = 1 ${published}
      order by score desc, e.slug
      limit ${pool}`.execute(database.db);
    const rows = first.rows;
    const whole = rows.length > 0 && Number(rows[0]!.matched) < ranked;
    const maxBoost = options.issueArea ? AREA_BOOST : 1;
    if (
      whole ||
      (rows.length === pool && Number(rows[pool - 1]!.score) > Number(rows[0]!.floor) * maxBoost)
    ) {
      return rows.map(({ floor: _floor, matched: _matched, ...row }) => row);
    }
    const result = await sql<Row>`
      select e.id, e.slug, e.kind, e.title, e.url, e.issue_areas,
        -bm25(kb_fts, ${WEIGHTS.title}, ${WEIGHTS.body}, ${WEIGHTS.tags}) * ${boost} as score
      from kb_fts join kb_entries e on e.seq = kb_fts.rowid
      where kb_fts match ${match} ${published}
      order by score desc, e.slug
      limit ${pool}`.execute(database.db);
    return result.rows;
  } catch (error) {
    // The terms are sanitized; a tokenizer corner case must still not turn into a 500.
    if (error instanceof Error && /fts5|syntax/i.test(error.message)) return [];
    throw error;
  }
}

async function candidatesPostgres(
  database: Database,
  { terms, mode, options }: StageArgs,
  pool: number,
): Promise<Row[]> {
  const match = renderQuery(terms, mode, TSQUERY);
  const boost = options.issueArea
    ? sql`(case when strpos(e.issue_areas, ${JSON.stringify(options.issueArea)}) > 0 then ${sql.lit(AREA_BOOST)} else 1.0 end)`
    : sql`1`;
  const published = options.includeDrafts ? sql`` : sql`and e.status = 'published'`;
  const weights = `{${WEIGHTS.body / WEIGHTS.title}, ${WEIGHTS.body / WEIGHTS.title}, ${WEIGHTS.tags / WEIGHTS.title}, 1}`;
  const result = await sql<Row>`
    select e.id, e.slug, e.kind, e.title, e.url, e.issue_areas,
      ts_rank_cd(${weights}::float4[], e.search, q.q) * ${boost} as score
    from kb_entries e, (select to_tsquery('english', ${match}) as q) q
    where e.search @@ q.q ${published}
    order by score desc, e.slug
    limit ${pool}`.execute(database.db);
  return result.rows;
}

/**
 * The hits as answered, with snippets cut from the chosen entries' bodies around the matched words
 * (the same on both databases, and made for the few hits only).
 */
async function finish(database: Database, hits: Candidate[]): Promise<KbSearchHit[]> {
  const bodies = new Map<string, string>();
  if (hits.length > 0) {
    const rows = await database.db
      .selectFrom('kb_entries')
      .select(['id', 'body'])
      .where(
        'id',
        'in',
        hits.map((h) => h.id),
      )
      .execute();
    for (const r of rows) bodies.set(r.id, r.body);
  }
  const matchers = new Map<QueryTerm[], (word: string) => boolean>();
  return hits.map((r) => {
    let isMatch = matchers.get(r.terms);
    if (!isMatch) {
      isMatch = wordMatcher(r.terms);
      matchers.set(r.terms, isMatch);
    }
    return {
      id: r.id,
      slug: r.slug,
      kind: r.kind,
      title: r.title,
      url: r.url,
      snippet: plainSnippet(snippetToHtml(makeSnippet(bodies.get(r.id) ?? '', isMatch))),
      score: Math.round(r.rank * 1e6) / 1e6,
      issueAreas: JSON.parse(r.issue_areas) as string[],
    };
  });
}

/**
 * Replaces each word the vocabulary does not know (and that is neither being completed nor a
 * run-together word) by its closest known word, if one is near enough.
 */
async function correctTerms(
  database: Database,
  terms: QueryTerm[],
  vocabulary: Vocabulary,
): Promise<QueryTerm[]> {
  const out: QueryTerm[] = [];
  for (const term of terms) {
    const parts: WordPlan[] = [];
    for (const p of term.parts) {
      const max = allowedEdits(p.word);
      // a word being typed that some known word starts with is no typo (yet)
      const completes = p.typing && (vocabulary.completions?.length ?? MAX_COMPLETIONS) > 0;
      if (vocabulary.df.has(p.word) || completes || p.phrases.length > 0 || max === 0) parts.push(p);
      else {
        const best = await closestKnownWord(database, p.word, max);
        parts.push(best ? { word: best, typing: p.typing, prefix: p.typing, forms: [best], phrases: [] } : p);
      }
    }
    out.push(parts.every((p, i) => p === term.parts[i]) ? term : { ...term, parts });
  }
  return out;
}

/**
 * The closest known word within `max` edits, preferring frequent words. Candidates come from index
 * range scans of the vocabulary: words starting with the same two letters, or those two swapped.
 */
async function closestKnownWord(database: Database, word: string, max: number): Promise<string | undefined> {
  const chars = [...word];
  const n = chars.length;
  const heads = [...new Set([chars[0]! + chars[1]!, chars[1]! + chars[0]!])];
  const candidates = await database.db
    .selectFrom('kb_terms')
    .select(['term', 'df'])
    .where((eb) => eb.or(heads.map((h) => eb.and([eb('term', '>=', h), eb('term', '<', prefixEnd(h))]))))
    .where(sql<boolean>`length(term) between ${n - max} and ${n + max}`)
    .limit(MAX_CORRECTION_CANDIDATES)
    .execute();
  let best: { term: string; distance: number; df: number } | undefined;
  for (const c of candidates) {
    const distance = editDistance(word, c.term, max);
    if (distance > max) continue;
    const df = Number(c.df);
    if (
      !best ||
      distance < best.distance ||
      (distance === best.distance && (df > best.df || (df === best.df && c.term < best.term)))
    ) {
      best = { term: c.term, distance, df };
    }
  }
  return best?.term;
}
