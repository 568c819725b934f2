import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { NewKbEntry } from '../../shared/api/kb.ts';
import type { Context } from '../context.ts';
import type { Executor } from '../db/database.ts';
import type { KbStatus } from '../db/schema.ts';
import {
  applyTermDelta,
  insertKbEntry,
  KB_COLUMNS,
  type KbEntryInput,
  type KbEntryRow,
  rowToInput,
  slugify,
  type TermDelta,
  updateKbEntry,
} from './kbStore.ts';
import { knowledgeBaseWritten } from './kbVersion.ts';

export interface ImportResult {
  created: number;
  updated: number;
  /** entries already up to date */
  unchanged: number;
  failed: { file: string; error: string }[];
}

export interface ImportOptions {
  /** the status of entries whose source does not say (default: published) */
  status?: KbStatus;
}

/** One entry as read from a source file, before validation. */
interface RawEntry {
  file: string;
  /** slug from the file name, used when the entry has neither url nor slug */
  fileSlug: string;
  fields: Record<string, unknown>;
}

/**
 * Imports knowledge base entries from a folder of Markdown files with front matter, a single
 * Markdown file, or a JSON array file. Idempotent: an entry is matched by url, else by slug (from
 * the front matter, else the file name), and updated in place. A bad file is reported and skipped.
 */
export async function importKnowledgeBase(
  ctx: Context,
  path: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const result: ImportResult = { created: 0, updated: 0, unchanged: 0, failed: [] };
  const raws: RawEntry[] = [];
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch {
    result.failed.push({ file: path, error: 'No such file or folder' });
    return result;
  }
  const files = stat.isDirectory()
    ? readdirSync(path)
        .filter((f) => /\.(md|markdown|json)$/i.test(f))
        .sort()
        .map((f) => join(path, f))
    : [path];
  for (const file of files) {
    try {
      raws.push(...readSource(file));
    } catch (error) {
      result.failed.push({ file: basename(file), error: messageOf(error) });
    }
  }
  const now = ctx.now().toISOString();
  type Outcome = Awaited<ReturnType<typeof upsert>>;
  const tally = (raw: RawEntry, outcome: Outcome) => {
    if (typeof outcome === 'string') result[outcome]++;
    else result.failed.push({ file: raw.file, error: outcome.error });
  };
  // Fast path: everything in one transaction, the vocabulary updated once at the end. Expected
  // problems (invalid entry, slug taken) are answers, not exceptions; an unexpected database error
  // rolls the batch back and the entries are retried one transaction each.
  let outcomes: Outcome[] | null = null;
  try {
    outcomes = await ctx.database.transaction(async (trx) => {
      const delta: TermDelta = new Map();
      const list: Outcome[] = [];
      const lookup = await preloadedLookup(trx, raws);
      for (const raw of raws) list.push(await upsert(trx, lookup, raw, options, now, delta));
      await applyTermDelta(trx, delta);
      return list;
    });
  } catch {
    outcomes = null;
  }
  if (outcomes) {
    for (const [i, outcome] of outcomes.entries()) tally(raws[i]!, outcome);
  } else {
    for (const raw of raws) {
      try {
        tally(
          raw,
          await ctx.database.transaction((trx) => upsert(trx, databaseLookup(trx), raw, options, now)),
        );
      } catch (error) {
        result.failed.push({ file: raw.file, error: messageOf(error) });
      }
    }
  }
  if (result.created + result.updated > 0) knowledgeBaseWritten();
  return result;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function readSource(file: string): RawEntry[] {
  const text = readFileSync(file, 'utf8');
  const name = basename(file);
  if (extname(file).toLowerCase() === '.json') {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new Error(`Not valid JSON: ${messageOf(error)}`);
    }
    if (!Array.isArray(data)) throw new Error('A JSON import file holds an array of entries');
    return data.map((item, i) => {
      const fields =
        item && typeof item === 'object' && !Array.isArray(item) ? (item as Record<string, unknown>) : {};
      const title = typeof fields.title === 'string' ? fields.title : '';
      return { file: `${name}[${i}]`, fileSlug: slugify(title), fields };
    });
  }
  const { fields, body } = parseFrontMatter(text);
  return [{ file: name, fileSlug: slugify(basename(file, extname(file))), fields: { ...fields, body } }];
}

/**
 * A small front matter parser: `key: value` lines between `---` lines; values are plain or quoted
 * text, `[a, "b c"]` lists, or YAML block lists (`- item` lines under `key:`).
 */
export function parseFrontMatter(text: string): { fields: Record<string, string | string[]>; body: string } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---')
    throw new Error('Missing front matter: the file must start with a --- line');
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (end < 0) throw new Error('Unclosed front matter: no closing --- line');
  const fields: Record<string, string | string[]> = {};
  let listKey: string | null = null;
  for (let i = 1; i < end; i++) {
    const line = lines[i]!;
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const item = /^\s*-\s*(.*)$/.exec(line);
    if (item && listKey) {
      (fields[listKey] as string[]).push(unquote(item[1]!.trim()));
      continue;
    }
    const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!kv) throw new Error(`Front matter line ${i + 1} is not "key: value": ${line.trim().slice(0, 60)}`);
    const key = kv[1]!;
    const value = kv[2]!.trim();
    listKey = null;
    if (value === '') {
      fields[key] = [];
      listKey = key;
    } else if (value.startsWith('[')) {
      if (!value.endsWith(']')) throw new Error(`Front matter ${key}: a list must end with ]`);
      fields[key] = splitList(value.slice(1, -1));
    } else fields[key] = unquote(value);
  }
  return {
    fields,
    body: lines
      .slice(end + 1)
      .join('\n')
      .trim(),
  };
}

function unquote(value: string): string {
  const m = /^"(.*)"$|^'(.*)'$/.exec(value);
  if (!m) return value;
  return m[1] !== undefined ? m[1].replace(/\\"/g, '"') : m[2]!.replace(/''/g, "'");
}

function splitList(inner: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (const ch of inner) {
    if (quote) {
      if (ch === quote) quote = null;
      else current += ch;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ',') {
      out.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out.filter((s) => s.length > 0);
}

/** Finds existing entries by url or slug: from the database, or from rows loaded up front. */
interface Lookup {
  byUrl(url: string): Promise<KbEntryRow | undefined>;
  bySlug(slug: string): Promise<KbEntryRow | undefined>;
  remember(before: KbEntryRow | undefined, after: KbEntryRow): void;
}

function databaseLookup(trx: Executor): Lookup {
  const find = (column: 'url' | 'slug', value: string) =>
    trx.selectFrom('kb_entries').select(KB_COLUMNS).where(column, '=', value).executeTakeFirst();
  return {
    byUrl: (url) => find('url', url),
    bySlug: (slug) => find('slug', slug),
    remember: () => undefined,
  };
}

/** One query per 400 urls and slugs instead of three per entry (the demo seed imports 150 entries). */
async function preloadedLookup(trx: Executor, raws: RawEntry[]): Promise<Lookup> {
  const keys = new Set<string>();
  for (const r of raws) {
    keys.add(r.fileSlug);
    for (const v of [r.fields.url, r.fields.slug])
      if (typeof v === 'string') keys.add(v.trim().toLowerCase()).add(v.trim());
  }
  const byUrl = new Map<string, KbEntryRow>();
  const bySlug = new Map<string, KbEntryRow>();
  const list = [...keys];
  for (let i = 0; i < list.length; i += 400) {
    const part = list.slice(i, i + 400);
    const rows = await trx
      .selectFrom('kb_entries')
      .select(KB_COLUMNS)
      .where((eb) => eb.or([eb('url', 'in', part), eb('slug', 'in', part)]))
      .execute();
    for (const row of rows) {
      byUrl.set(row.url, row);
      bySlug.set(row.slug, row);
    }
  }
  return {
    byUrl: async (url) => byUrl.get(url),
    bySlug: async (slug) => bySlug.get(slug),
    remember(before, after) {
      if (before) {
        byUrl.delete(before.url);
        bySlug.delete(before.slug);
      }
      byUrl.set(after.url, after);
      bySlug.set(after.slug, after);
    },
  };
}

async function upsert(
  trx: Executor,
  lookup: Lookup,
  raw: RawEntry,
  options: ImportOptions,
  now: string,
  pending?: TermDelta,
): Promise<'created' | 'updated' | 'unchanged' | { error: string }> {
  const f = raw.fields;
  const parsed = NewKbEntry.safeParse({
    title: f.title,
    body: f.body,
    kind: f.kind,
    issueAreas: f.issueAreas ?? f.issue_areas ?? [],
    tags: f.tags ?? [],
    url: f.url,
    slug: f.slug,
    status: f.status ?? options.status ?? 'published',
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    return { error: `${where}${issue?.message ?? 'invalid entry'}` };
  }
  const e = parsed.data;
  const slug = e.slug ?? raw.fileSlug;
  const url = e.url ?? `/kb/${slug}`;
  const input: KbEntryInput = {
    slug,
    kind: e.kind,
    title: e.title,
    body: e.body,
    issueAreas: e.issueAreas,
    tags: e.tags,
    url,
    status: e.status,
  };
  const existing = (await lookup.byUrl(url)) ?? (e.url ? undefined : await lookup.bySlug(slug));
  const slugOwner = await lookup.bySlug(slug);
  if (slugOwner && slugOwner.id !== existing?.id) {
    if (!existing) return { error: `The slug ${slug} is used by another entry (${slugOwner.url})` };
    input.slug = existing.slug;
  }
  if (!existing) {
    lookup.remember(undefined, await insertKbEntry(trx, input, now, pending));
    return 'created';
  }
  const current = rowToInput(existing);
  if (JSON.stringify(current) === JSON.stringify(input)) return 'unchanged';
  lookup.remember(existing, await updateKbEntry(trx, existing, input, now, pending));
  return 'updated';
}
