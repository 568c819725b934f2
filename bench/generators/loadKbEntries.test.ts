import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import type { Context } from '../../src/server/context.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { importKnowledgeBase } from '../../src/server/kb/importKnowledgeBase.ts';
import { createContext } from '../../src/server/runtime.ts';
import { DEMO_KB } from '../../src/server/seed/demo.ts';
import {
  createTestDatabase,
  describeEachDatabase,
  type TestDialect,
} from '../../src/server/testing/databases.ts';
import { testConfig } from '../../src/server/testing/harness.ts';
import { kbEntryGenerator } from './kbCorpus.ts';
import { loadKbEntries, readSampleEntries } from './loadKbEntries.ts';

const ENTRIES = 300;
const cleanUps: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const clean of cleanUps.splice(0).reverse()) await clean();
});

/** A fresh database with the demo knowledge base imported (what the bench starts from). */
async function demoKnowledgeBase(dialect: TestDialect): Promise<Context> {
  const testDb = await createTestDatabase(dialect);
  const ctx = createContext(testConfig(testDb));
  cleanUps.push(async () => {
    await ctx.database.close();
    await testDb.drop();
  });
  await migrateToLatest(ctx.database);
  const imported = await importKnowledgeBase(ctx, DEMO_KB);
  expect(imported.failed).toEqual([]);
  return ctx;
}

async function vocabularyOf(ctx: Context) {
  return ctx.database.db.selectFrom('kb_terms').select(['term', 'df']).orderBy('term').execute();
}

/** How many entries the full-text index finds for a word. */
async function indexed(ctx: Context, word: string): Promise<number> {
  const query =
    ctx.database.dialect === 'sqlite'
      ? sql<{ n: number }>`select count(*) as n from kb_fts where kb_fts match ${`"${word}"`}`
      : sql<{
          n: number;
        }>`select count(*) as n from kb_entries where search @@ to_tsquery('english', ${word})`;
  return Number((await query.execute(ctx.database.db)).rows[0]!.n);
}

describeEachDatabase('bench knowledge base loader', (dialect) => {
  it('writes what importing the same entries writes: entries, full-text index and vocabulary', async () => {
    const loaded = await demoKnowledgeBase(dialect);
    const result = await loadKbEntries(loaded, { count: ENTRIES });
    expect(result.entries).toBe(ENTRIES);

    // The oracle: the same generated entries through the importer (the product's own bulk path).
    const imported = await demoKnowledgeBase(dialect);
    const generator = kbEntryGenerator(await readSampleEntries(imported), { entries: ENTRIES });
    const entries = Array.from({ length: ENTRIES }, (_, i) => generator.entry(i));
    const folder = mkdtempSync(join(tmpdir(), 'casebook-bench-test-'));
    cleanUps.push(async () => rmSync(folder, { recursive: true, force: true }));
    writeFileSync(join(folder, 'generated.json'), JSON.stringify(entries));
    const outcome = await importKnowledgeBase(imported, join(folder, 'generated.json'));
    expect(outcome.failed).toEqual([]);
    expect(outcome.created).toBe(ENTRIES);

    const count = async (ctx: Context) =>
      Number(
        (
          await ctx.database.db
            .selectFrom('kb_entries')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count(loaded)).toBe(150 + ENTRIES);
    expect(await count(imported)).toBe(150 + ENTRIES);
    expect(result.terms).toBe((await vocabularyOf(imported)).length);
    expect(await vocabularyOf(loaded)).toEqual(await vocabularyOf(imported));
    for (const word of ['saml', 'password', 'certificate', 'E0000047', 'provisioning']) {
      expect(await indexed(loaded, word), word).toBe(await indexed(imported, word));
    }
    expect(await indexed(loaded, 'saml')).toBeGreaterThan(
      await indexed(await demoKnowledgeBase(dialect), 'saml'),
    );
  });
});

it('generates the same entries for the same seed, with unique slugs and urls and a growing vocabulary', async () => {
  const ctx = await demoKnowledgeBase('sqlite');
  const samples = await readSampleEntries(ctx);
  const first = kbEntryGenerator(samples, { entries: 2000 });
  const again = kbEntryGenerator(samples, { entries: 2000 });
  const other = kbEntryGenerator(samples, { entries: 2000, seed: 1 });
  const entries = Array.from({ length: 2000 }, (_, i) => first.entry(i));
  expect(Array.from({ length: 2000 }, (_, i) => again.entry(i))).toEqual(entries);
  expect(other.entry(0)).not.toEqual(entries[0]);
  expect(new Set(entries.map((e) => e.slug)).size).toBe(2000);
  expect(new Set(entries.map((e) => e.url)).size).toBe(2000);
  for (const e of entries) {
    expect(e.title.length).toBeGreaterThan(0);
    expect(e.title.length).toBeLessThanOrEqual(200);
    expect(e.issueAreas.length).toBeGreaterThan(0);
    expect(e.tags.length).toBeGreaterThanOrEqual(2);
  }
  const words = (list: typeof entries) =>
    new Set(list.flatMap((e) => `${e.title} ${e.body}`.toLowerCase().match(/[a-z0-9_]+/g) ?? []));
  expect(words(entries).size).toBeGreaterThan(words(entries.slice(0, 200)).size * 1.5);
  expect(entries.filter((e) => e.status === 'draft').length).toBeGreaterThan(0);
});
