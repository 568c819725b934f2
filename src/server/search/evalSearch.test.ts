import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../testing/databases.ts';
import {
  DEMO_KB_FOLDER,
  type EvalQuery,
  type EvalRun,
  loadEvalQueries,
  recallAt,
  reciprocalRank,
  runSearchEval,
  scoreQuery,
  summarize,
} from './evalSearch.ts';

describe('search quality metrics', () => {
  it('MRR@5 counts the first relevant hit within the first five only', () => {
    expect(reciprocalRank(['a', 'b', 'c'], ['a'])).toBe(1);
    expect(reciprocalRank(['a', 'b', 'c'], ['c', 'b'])).toBe(1 / 2);
    expect(reciprocalRank(['a', 'b', 'c', 'd', 'e'], ['e'])).toBe(1 / 5);
    expect(reciprocalRank(['a', 'b', 'c', 'd', 'e', 'f'], ['f'])).toBe(0);
    expect(reciprocalRank([], ['a'])).toBe(0);
    expect(reciprocalRank(['a', 'b'], ['x'])).toBe(0);
  });

  it('recall@5 is the share of the relevant entries found within the first five', () => {
    expect(recallAt(['a', 'b', 'c'], ['a', 'c'])).toBe(1);
    expect(recallAt(['a', 'b', 'c', 'd', 'e', 'f'], ['a', 'f'])).toBe(1 / 2);
    expect(recallAt(['x', 'y', 'z'], ['a', 'b', 'c'])).toBe(0);
    expect(recallAt(['a', 'x', 'y'], ['a', 'b', 'c'])).toBeCloseTo(1 / 3, 12);
    // a slug listed twice (as labels or results) counts once
    expect(recallAt(['a', 'a', 'b'], ['a', 'a', 'c'])).toBe(1 / 2);
    expect(recallAt(['a'], [])).toBe(0);
  });

  it('scores a query and averages over the queries', () => {
    const q = (relevant: string[]): EvalQuery => ({ q: 'x', issueArea: null, relevant });
    const first = scoreQuery(q(['b', 'z']), ['a', 'b', 'c', 'd', 'e', 'f', 'z']);
    expect(first).toMatchObject({
      found: ['a', 'b', 'c', 'd', 'e'],
      firstRelevantRank: 2,
      reciprocalRank: 0.5,
      recall: 0.5,
    });
    const second = scoreQuery(q(['a']), ['a']);
    const third = scoreQuery(q(['q']), ['a', 'b']);
    expect(third).toMatchObject({ firstRelevantRank: null, reciprocalRank: 0, recall: 0 });
    // MRR = (1/2 + 1 + 0) / 3; recall = (1/2 + 1 + 0) / 3
    expect(summarize([first, second, third])).toEqual({ queries: 3, mrr: 0.5, recall: 0.5 });
    expect(summarize([])).toEqual({ queries: 0, mrr: 0, recall: 0 });
  });
});

describe('the labelled queries', () => {
  it('name entries of the demo knowledge base', () => {
    const queries = loadEvalQueries();
    expect(queries.length).toBe(85);
    const slugs = new Set(readdirSync(DEMO_KB_FOLDER).map((f) => f.replace(/\.md$/, '')));
    const unknown = queries.flatMap((q) =>
      q.relevant.filter((s) => !slugs.has(s)).map((s) => `${q.q}: ${s}`),
    );
    expect(unknown).toEqual([]);
  });

  it('refuse a file that is not a list of {q, issueArea, relevant}', () => {
    const folder = mkdtempSync(join(tmpdir(), 'casebook-eval-test-'));
    try {
      const file = join(folder, 'queries.json');
      writeFileSync(file, JSON.stringify([{ q: 'saml', issueArea: null, relevant: [] }]));
      expect(() => loadEvalQueries(file)).toThrow(/queries\.json\[0\]/);
      writeFileSync(file, JSON.stringify({ q: 'saml' }));
      expect(() => loadEvalQueries(file)).toThrow(/array/);
      writeFileSync(file, JSON.stringify([{ q: 'saml', issueArea: null, relevant: ['a'] }]));
      expect(loadEvalQueries(file)).toEqual([{ q: 'saml', issueArea: null, relevant: ['a'] }]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describeEachDatabase('search quality on the demo knowledge base', (dialect) => {
  let testDb: TestDatabase;
  let database: Database;
  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    database = openDatabase(testDb.url, { poolSize: 2 });
    await migrateToLatest(database);
  });
  afterAll(async () => {
    await database.close();
    await testDb.drop();
  });

  it('reaches MRR@5 ≥ 0.8 over the 85 labelled queries', async () => {
    const { results, summary } = await runSearchEval(database);
    expect(results.length).toBe(85);
    expect(summary.queries).toBe(85);
    const misses = results
      .filter((r: EvalRun) => r.firstRelevantRank !== 1)
      .map((r) => `${r.q} → ${r.firstRelevantRank ?? 'none'}: ${r.found.slice(0, 3).join(', ')}`);
    expect(
      summary.mrr,
      `MRR@5 ${summary.mrr.toFixed(3)}; not first:\n${misses.join('\n')}`,
    ).toBeGreaterThanOrEqual(0.8);
    expect(summary.recall).toBeGreaterThan(0);
  });
});
