import type { Database } from '../db/database.ts';
import { knowledgeBaseVersion, onKnowledgeBaseWritten } from '../kb/kbVersion.ts';
import { type KbSearchHit, type KbSearchOptions, searchKnowledgeBase } from './searchKnowledgeBase.ts';

export interface SolutionsCacheOptions {
  /** most distinct searches kept (least recently used go first) */
  maxEntries?: number;
  /** how often the stored knowledge base version is read, in ms: the longest a write made by another
   * process stays unseen here */
  versionCheckMs?: number;
  /** the clock, for tests */
  now?: () => number;
}

/**
 * Results of the as-you-type search, kept per process in front of `searchKnowledgeBase`.
 *
 * The suggestions panel asks the same few thousand questions over and over — every customer typing
 * "pas", "pass", "passw" … — while ranking a common word over a large knowledge base costs tens of
 * milliseconds. The cache answers those from memory. It is exact, not approximate: a result is kept
 * under the knowledge base version it was computed at, and every write (staff editor, importer, any
 * process) moves the version on in its own transaction (`bumpKnowledgeBaseVersion`). This process reads
 * the version at most every `versionCheckMs` (one indexed select), and drops everything when it moved;
 * a write made through this process drops it at once (`invalidate`). Concurrent misses for the same
 * search share one computation. Nothing in it is needed by another process (SPEC §10).
 */
export class SolutionsCache {
  private readonly entries = new Map<string, Promise<KbSearchHit[]>>();
  private readonly maxEntries: number;
  private readonly versionCheckMs: number;
  private readonly now: () => number;
  private version = -1;
  /** moves on whenever kept results are dropped: a search that ran across it is not kept */
  private generation = 0;
  private readonly unsubscribe: () => void;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private checking: Promise<void> | null = null;
  hits = 0;
  misses = 0;

  constructor(
    private readonly database: Database,
    options: SolutionsCacheOptions = {},
  ) {
    this.maxEntries = options.maxEntries ?? 5_000;
    this.versionCheckMs = options.versionCheckMs ?? 1_000;
    this.now = options.now ?? Date.now;
    this.unsubscribe = onKnowledgeBaseWritten(() => this.invalidate());
  }

  /** Stops listening for this process's writes (the app closes). */
  close(): void {
    this.unsubscribe();
    this.entries.clear();
  }

  /** The cache key: the same search whatever spacing or letter case was typed. */
  static key(options: KbSearchOptions): string {
    const q = options.q.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
    return JSON.stringify([
      q,
      options.issueArea ?? '',
      Math.floor(options.limit),
      options.includeDrafts ? 1 : 0,
    ]);
  }

  get size(): number {
    return this.entries.size;
  }

  async search(options: KbSearchOptions): Promise<KbSearchHit[]> {
    if (this.now() - this.checkedAt >= this.versionCheckMs) await this.checkVersion();
    const key = SolutionsCache.key(options);
    const cached = this.entries.get(key);
    if (cached) {
      this.hits++;
      // Least recently used goes first: move this one to the end.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    this.misses++;
    const generation = this.generation;
    const pending = searchKnowledgeBase(this.database, options);
    this.entries.set(key, pending);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    try {
      return await pending;
    } catch (error) {
      if (this.entries.get(key) === pending) this.entries.delete(key);
      throw error;
    } finally {
      // A write seen while this search ran: its result may predate the write.
      if (this.generation !== generation && this.entries.get(key) === pending) this.entries.delete(key);
    }
  }

  /** Drops every kept result (after a knowledge base write made through this process). */
  invalidate(): void {
    this.clear();
    this.checkedAt = Number.NEGATIVE_INFINITY;
  }

  private clear(): void {
    this.entries.clear();
    this.generation++;
  }

  private checkVersion(): Promise<void> {
    if (!this.checking) {
      this.checking = (async () => {
        try {
          const version = await knowledgeBaseVersion(this.database.db);
          if (version !== this.version) {
            this.clear();
            this.version = version;
          }
          this.checkedAt = this.now();
        } finally {
          this.checking = null;
        }
      })();
    }
    return this.checking;
  }
}
