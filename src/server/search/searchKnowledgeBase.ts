import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { KbKind } from '../db/schema.ts';
import { allowedEdits, editDistance, MARK_END, MARK_START, parseQuery, snippetToHtml } from './terms.ts';

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
/** ts_headline drops what looks like HTML tags; the body's angle brackets go in disguised. */
const LT = '\uE002';
const GT = '\uE003';
/** How much an entry in the chosen issue area gains. */
const AREA_BOOST = 1.5;

interface Row {
  id: string;
  slug: string;
  kind: KbKind;
  title: string;
  url: string;
  issue_areas: string;
  score: number;
  snippet: string | null;
}

type Mode = 'and' | 'or';

/**
 * Searches the knowledge base, best first (issue 4). Stages, stopping as soon as `limit` hits are
 * found: all terms (the last one as a prefix while it is being typed); then the same with unknown
 * words corrected against the vocabulary (Damerau-Levenshtein ≤ 1, ≤ 2 for words of 8+ letters);
 * then any of the terms. Never throws on what a user typed.
 */
export async function searchKnowledgeBase(
  database: Database,
  options: KbSearchOptions,
): Promise<KbSearchHit[]> {
  const limit = Math.max(1, Math.min(50, Math.floor(options.limit)));
  const parsed = parseQuery(options.q);
  if (parsed.terms.length === 0) return [];
  const run = (terms: string[], mode: Mode) =>
    runSearch(database, { terms, prefix: parsed.lastIsPrefix, mode, limit, options });

  let hits = await run(parsed.terms, 'and');
  let terms = parsed.terms;
  if (hits.length < limit) {
    const corrected = await correctTerms(database, parsed.terms, parsed.lastIsPrefix);
    if (corrected.some((t, i) => t !== parsed.terms[i])) {
      terms = corrected;
      hits = merge(hits, await run(corrected, 'and'), limit);
    }
  }
  if (hits.length < limit && terms.length > 1) hits = merge(hits, await run(terms, 'or'), limit);
  return hits;
}

function merge(a: KbSearchHit[], b: KbSearchHit[], limit: number): KbSearchHit[] {
  const seen = new Set(a.map((h) => h.id));
  return [...a, ...b.filter((h) => !seen.has(h.id))].slice(0, limit);
}

interface RunArgs {
  terms: string[];
  prefix: boolean;
  mode: Mode;
  limit: number;
  options: KbSearchOptions;
}

async function runSearch(database: Database, args: RunArgs): Promise<KbSearchHit[]> {
  const rows =
    database.dialect === 'sqlite' ? await runSqlite(database, args) : await runPostgres(database, args);
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    kind: r.kind,
    title: r.title,
    url: r.url,
    snippet: snippetToHtml((r.snippet ?? '').replaceAll(LT, '<').replaceAll(GT, '>')),
    score: Math.round(Number(r.score) * 1e6) / 1e6,
    issueAreas: JSON.parse(r.issue_areas) as string[],
  }));
}

async function runSqlite(
  database: Database,
  { terms, prefix, mode, limit, options }: RunArgs,
): Promise<Row[]> {
  const parts = terms.map((t, i) => (prefix && i === terms.length - 1 ? `"${t}"*` : `"${t}"`));
  const match = parts.join(mode === 'and' ? ' ' : ' OR ');
  const boost = options.issueArea
    ? sql`(case when instr(e.issue_areas, ${JSON.stringify(options.issueArea)}) > 0 then ${sql.lit(AREA_BOOST)} else 1.0 end)`
    : sql`1`;
  const published = options.includeDrafts ? sql`` : sql`and e.status = 'published'`;
  try {
    const result = await sql<Row>`
      select e.id, e.slug, e.kind, e.title, e.url, e.issue_areas,
        -bm25(kb_fts, ${WEIGHTS.title}, ${WEIGHTS.body}, ${WEIGHTS.tags}) * ${boost} as score,
        snippet(kb_fts, 1, ${MARK_START}, ${MARK_END}, '…', 24) as snippet
      from kb_fts join kb_entries e on e.seq = kb_fts.rowid
      where kb_fts match ${match} ${published}
      order by score desc, e.slug
      limit ${limit}`.execute(database.db);
    return result.rows;
  } catch (error) {
    // The terms are sanitized; a tokenizer corner case must still not turn into a 500.
    if (error instanceof Error && /fts5|syntax/i.test(error.message)) return [];
    throw error;
  }
}

async function runPostgres(
  database: Database,
  { terms, prefix, mode, limit, options }: RunArgs,
): Promise<Row[]> {
  const parts = terms.map((t, i) => (prefix && i === terms.length - 1 ? `${t}:*` : t));
  const query = parts.join(mode === 'and' ? ' & ' : ' | ');
  const boost = options.issueArea
    ? sql`(case when strpos(e.issue_areas, ${JSON.stringify(options.issueArea)}) > 0 then ${sql.lit(AREA_BOOST)} else 1.0 end)`
    : sql`1`;
  const published = options.includeDrafts ? sql`` : sql`and e.status = 'published'`;
  const weights = `{${WEIGHTS.body / WEIGHTS.title}, ${WEIGHTS.body / WEIGHTS.title}, ${WEIGHTS.tags / WEIGHTS.title}, 1}`;
  const headline = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=24, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "`;
  const result = await sql<Row>`
    select s.id, s.slug, s.kind, s.title, s.url, s.issue_areas, s.score,
      ts_headline('english', replace(replace(s.body, '<', ${LT}), '>', ${GT}), s.q, ${headline}) as snippet
    from (
      select e.id, e.slug, e.kind, e.title, e.url, e.issue_areas, e.body, q.q,
        ts_rank_cd(${weights}::float4[], e.search, q.q) * ${boost} as score
      from kb_entries e, (select to_tsquery('english', ${query}) as q) q
      where e.search @@ q.q ${published}
      order by score desc, e.slug
      limit ${limit}
    ) s
    order by s.score desc, s.slug`.execute(database.db);
  return result.rows;
}

/** Replaces each word the vocabulary does not know by its closest known word, if one is near enough. */
async function correctTerms(database: Database, terms: string[], lastIsPrefix: boolean): Promise<string[]> {
  const db = database.db;
  const known = new Set(
    (await db.selectFrom('kb_terms').select('term').where('term', 'in', terms).execute()).map((r) => r.term),
  );
  const out: string[] = [];
  for (const [i, term] of terms.entries()) {
    const max = allowedEdits(term);
    if (known.has(term) || max === 0) {
      out.push(term);
      continue;
    }
    if (lastIsPrefix && i === terms.length - 1) {
      const escaped = term.replace(/[\\%_]/g, (c) => `\\${c}`);
      const asPrefix = await db
        .selectFrom('kb_terms')
        .select('term')
        .where(sql<boolean>`term like ${`${escaped}%`} escape '\\'`)
        .limit(1)
        .executeTakeFirst();
      if (asPrefix) {
        out.push(term);
        continue;
      }
    }
    const chars = [...term];
    const n = chars.length;
    const heads = [...new Set([chars[0]!, chars[1]!])];
    const candidates = await db
      .selectFrom('kb_terms')
      .select(['term', 'df'])
      .where(sql<boolean>`length(term) between ${n - max} and ${n + max}`)
      .where((eb) =>
        eb.or([eb(sql`substr(term, 1, 1)`, 'in', heads), eb(sql`substr(term, 2, 1)`, 'in', heads)]),
      )
      .execute();
    let best: { term: string; distance: number; df: number } | undefined;
    for (const c of candidates) {
      const distance = editDistance(term, c.term, max);
      if (distance > max) continue;
      if (
        !best ||
        distance < best.distance ||
        (distance === best.distance && (c.df > best.df || (c.df === best.df && c.term < best.term)))
      ) {
        best = { term: c.term, distance, df: c.df };
      }
    }
    out.push(best?.term ?? term);
  }
  return out;
}
