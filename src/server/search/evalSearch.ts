import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AttachmentStore } from '../attachments/store.ts';
import { loadConfig } from '../config.ts';
import type { Context } from '../context.ts';
import type { Database } from '../db/database.ts';
import { importKnowledgeBase } from '../kb/importKnowledgeBase.ts';
import { projectPath } from '../projectRoot.ts';
import { searchKnowledgeBase } from './searchKnowledgeBase.ts';

/**
 * Search quality (issue 4): the labelled queries of kb/eval/queries.json run against the demo
 * knowledge base, scored by MRR@5 and recall@5.
 */

/** How many results count: the Recommended solutions panel shows five. */
export const EVAL_CUTOFF = 5;
export const DEMO_KB_FOLDER = projectPath('kb', 'demo');
export const EVAL_QUERIES_FILE = projectPath('kb', 'eval', 'queries.json');

/** One labelled query: what a user typed, the issue area chosen in the form, and the slugs that answer it. */
export interface EvalQuery {
  q: string;
  issueArea: string | null;
  relevant: string[];
}

export interface EvalQueryResult extends EvalQuery {
  /** the slugs returned, best first (at most EVAL_CUTOFF) */
  found: string[];
  /** 1-based rank of the first relevant slug among the found ones, or null when none is there */
  firstRelevantRank: number | null;
  reciprocalRank: number;
  recall: number;
}

export interface EvalSummary {
  queries: number;
  mrr: number;
  recall: number;
}

/** 1 / rank of the first relevant slug within the first `cutoff` results, else 0. */
export function reciprocalRank(found: readonly string[], relevant: readonly string[], cutoff = EVAL_CUTOFF) {
  const wanted = new Set(relevant);
  const index = found.slice(0, cutoff).findIndex((slug) => wanted.has(slug));
  return index < 0 ? 0 : 1 / (index + 1);
}

/** The share of the relevant slugs found within the first `cutoff` results (0 when nothing is relevant). */
export function recallAt(found: readonly string[], relevant: readonly string[], cutoff = EVAL_CUTOFF) {
  const wanted = new Set(relevant);
  if (wanted.size === 0) return 0;
  const hits = new Set(found.slice(0, cutoff).filter((slug) => wanted.has(slug)));
  return hits.size / wanted.size;
}

/** Scores one query's results. */
export function scoreQuery(
  query: EvalQuery,
  found: readonly string[],
  cutoff = EVAL_CUTOFF,
): EvalQueryResult {
  const top = found.slice(0, cutoff);
  const rr = reciprocalRank(top, query.relevant, cutoff);
  return {
    ...query,
    found: top,
    firstRelevantRank: rr === 0 ? null : Math.round(1 / rr),
    reciprocalRank: rr,
    recall: recallAt(top, query.relevant, cutoff),
  };
}

/** Averages over the queries (0 for none): MRR@5 and recall@5. */
export function summarize(results: readonly EvalQueryResult[]): EvalSummary {
  const n = results.length;
  const mean = (pick: (r: EvalQueryResult) => number) =>
    n === 0 ? 0 : results.reduce((sum, r) => sum + pick(r), 0) / n;
  return { queries: n, mrr: mean((r) => r.reciprocalRank), recall: mean((r) => r.recall) };
}

/** Reads and checks the labelled queries. */
export function loadEvalQueries(file = EVAL_QUERIES_FILE): EvalQuery[] {
  const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(data)) throw new Error(`${file}: expected an array of queries`);
  return data.map((item, i) => {
    const o = (item ?? {}) as Record<string, unknown>;
    const relevant = o.relevant;
    if (
      typeof o.q !== 'string' ||
      !(o.issueArea === null || typeof o.issueArea === 'string') ||
      !Array.isArray(relevant) ||
      relevant.length === 0 ||
      !relevant.every((s) => typeof s === 'string')
    ) {
      throw new Error(`${file}[${i}]: expected {q, issueArea: string | null, relevant: [slug, …]}`);
    }
    return { q: o.q, issueArea: o.issueArea, relevant: relevant as string[] };
  });
}

/** Imports the demo knowledge base (published) into a migrated database; throws when a file fails. */
export async function importDemoKnowledgeBase(database: Database, folder = DEMO_KB_FOLDER): Promise<void> {
  // The importer takes a command context; only the database and the clock matter to it.
  const scratch = mkdtempSync(join(tmpdir(), 'casebook-eval-'));
  try {
    const ctx: Context = {
      database,
      config: loadConfig({ DATA_DIR: scratch }),
      attachments: new AttachmentStore(scratch),
      now: () => new Date(),
    };
    const result = await importKnowledgeBase(ctx, folder, { status: 'published' });
    if (result.failed.length > 0) {
      const first = result.failed[0]!;
      throw new Error(
        `Importing ${folder} failed for ${result.failed.length} file(s): ${first.file}: ${first.error}`,
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** One query's score and how long its search took. */
export type EvalRun = EvalQueryResult & { milliseconds: number };

/** Runs every query as the Recommended solutions panel does (limit 5) and scores it. */
export async function runEvalQueries(database: Database, queries: readonly EvalQuery[]): Promise<EvalRun[]> {
  const results: EvalRun[] = [];
  for (const query of queries) {
    const started = performance.now();
    const hits = await searchKnowledgeBase(database, {
      q: query.q,
      issueArea: query.issueArea ?? undefined,
      limit: EVAL_CUTOFF,
    });
    const milliseconds = performance.now() - started;
    results.push({
      ...scoreQuery(
        query,
        hits.map((h) => h.slug),
      ),
      milliseconds,
    });
  }
  return results;
}

/**
 * The whole evaluation on a migrated, empty database: imports kb/demo, runs the labelled queries
 * and answers the per-query results with their averages.
 */
export async function runSearchEval(
  database: Database,
  options: { queries?: readonly EvalQuery[]; kbFolder?: string } = {},
): Promise<{ results: EvalRun[]; summary: EvalSummary }> {
  await importDemoKnowledgeBase(database, options.kbFolder);
  const results = await runEvalQueries(database, options.queries ?? loadEvalQueries());
  return { results, summary: summarize(results) };
}
