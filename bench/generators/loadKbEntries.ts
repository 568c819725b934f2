import { sql } from 'kysely';
import type { Context } from '../../src/server/context.ts';
import { applyTermDelta, insertKbEntry, type TermDelta } from '../../src/server/kb/kbStore.ts';
import { kbEntryGenerator, type SampleEntry } from './kbCorpus.ts';

/** Entries per transaction: big enough to amortize the commit, small enough to keep memory flat. */
const CHUNK = 2_000;
/** Concurrent writing transactions on PostgreSQL. */
const WRITERS = 4;

export interface KbLoadResult {
  entries: number;
  /** distinct words in kb_terms afterwards */
  terms: number;
  ms: number;
}

export interface KbLoadOptions {
  count: number;
  /** the generator's seed (the default makes every run write the same entries) */
  seed?: number;
  onProgress?: (done: number) => void;
}

/** The entries already in the knowledge base (the demo corpus the seed imported), in slug order. */
export async function readSampleEntries(ctx: Context): Promise<SampleEntry[]> {
  const rows = await ctx.database.db
    .selectFrom('kb_entries')
    .select(['kind', 'title', 'body', 'tags', 'issue_areas'])
    .orderBy('slug')
    .execute();
  return rows.map((r) => ({
    kind: r.kind,
    title: r.title,
    body: r.body,
    tags: JSON.parse(r.tags) as string[],
    issueAreas: JSON.parse(r.issue_areas) as string[],
  }));
}

/**
 * Adds `count` generated entries to the knowledge base through the application's own write path
 * (`insertKbEntry` of kbStore, with the vocabulary changes collected and applied with
 * `applyTermDelta`, as the importer does). So kb_fts (SQLite triggers), the tsvector column
 * (PostgreSQL) and kb_terms are exactly as after importing the same entries (the test checks it).
 * Learns its text from the entries already present (the demo corpus).
 */
export async function loadKbEntries(ctx: Context, options: KbLoadOptions): Promise<KbLoadResult> {
  const { count, onProgress } = options;
  const started = performance.now();
  const generator = kbEntryGenerator(await readSampleEntries(ctx), { entries: count, seed: options.seed });
  const now = ctx.now().toISOString();
  // A big page cache for the loading connection only (SQLite's default is 2 MB): the FTS index's
  // segment merges then stay in memory; it halves the load time. The server opens its own.
  if (ctx.database.dialect === 'sqlite') await sql`pragma cache_size = -262144`.execute(ctx.database.db);
  // One writer on SQLite (its write lock serializes transactions anyway); on PostgreSQL a few
  // transactions at once keep both the client and the server busy. Their vocabulary changes are
  // collected and applied once at the end, in one more transaction, as the importer does.
  const writers = ctx.database.dialect === 'postgres' ? WRITERS : 1;
  const delta: TermDelta = new Map();
  let nextStart = 0;
  let done = 0;
  const writer = async () => {
    while (nextStart < count) {
      const start = nextStart;
      const end = Math.min(count, start + CHUNK);
      nextStart = end;
      const entries = Array.from({ length: end - start }, (_, i) => generator.entry(start + i));
      const local: TermDelta = new Map();
      await ctx.database.transaction(async (trx) => {
        for (const entry of entries) await insertKbEntry(trx, entry, now, local);
      });
      for (const [term, change] of local) delta.set(term, (delta.get(term) ?? 0) + change);
      done += entries.length;
      onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: writers }, writer));
  await ctx.database.transaction((trx) => applyTermDelta(trx, delta));
  const { terms } = await ctx.database.db
    .selectFrom('kb_terms')
    .select((eb) => eb.fn.countAll<number>().as('terms'))
    .executeTakeFirstOrThrow();
  return { entries: count, terms: Number(terms), ms: performance.now() - started };
}
