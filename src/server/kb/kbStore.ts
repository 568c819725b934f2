import type { Executor } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import type { KbEntriesTable, KbKind, KbStatus } from '../db/schema.ts';
import { vocabulary } from '../search/terms.ts';
import { bumpKnowledgeBaseVersion } from './kbVersion.ts';

/** What an entry is made of, as the staff API and the importer give it. */
export interface KbEntryInput {
  slug: string;
  kind: KbKind;
  title: string;
  body: string;
  issueAreas: string[];
  tags: string[];
  url: string;
  status: KbStatus;
}

export type KbEntryRow = KbEntriesTable;

/** Every column but the dialect-specific index ones (seq, search). */
export const KB_COLUMNS = [
  'id',
  'slug',
  'kind',
  'title',
  'body',
  'issue_areas',
  'tags',
  'url',
  'status',
  'created_at',
  'updated_at',
] as const;

/** A url-and-file-name-safe slug from a title or file name. */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'entry';
}

function entryVocabulary(e: Pick<KbEntriesTable, 'title' | 'body' | 'tags'>): Set<string> {
  return vocabulary(`${e.title}\n${(JSON.parse(e.tags) as string[]).join(' ')}\n${e.body}`);
}

const CHUNK = 400;

/** Pending changes to kb_terms: word → change of its document frequency. */
export type TermDelta = Map<string, number>;

function recordTerms(delta: TermDelta, before: Set<string>, after: Set<string>): void {
  for (const t of after) if (!before.has(t)) delta.set(t, (delta.get(t) ?? 0) + 1);
  for (const t of before) if (!after.has(t)) delta.set(t, (delta.get(t) ?? 0) - 1);
}

/** Applies pending vocabulary changes: a few statements, whatever the number of entries. */
export async function applyTermDelta(trx: Executor, delta: TermDelta): Promise<void> {
  await bumpKnowledgeBaseVersion(trx);
  const byChange = new Map<number, string[]>();
  for (const [term, change] of delta) {
    if (change !== 0) byChange.set(change, [...(byChange.get(change) ?? []), term]);
  }
  let removed = false;
  for (const [change, terms] of byChange) {
    for (let i = 0; i < terms.length; i += CHUNK) {
      const part = terms.slice(i, i + CHUNK);
      if (change > 0) {
        await trx
          .insertInto('kb_terms')
          .values(part.map((term) => ({ term, df: change })))
          .onConflict((oc) => oc.column('term').doUpdateSet((eb) => ({ df: eb('kb_terms.df', '+', change) })))
          .execute();
      } else {
        removed = true;
        await trx
          .updateTable('kb_terms')
          .set((eb) => ({ df: eb('df', '+', change) }))
          .where('term', 'in', part)
          .execute();
      }
    }
  }
  if (removed) await trx.deleteFrom('kb_terms').where('df', '<=', 0).execute();
}

/** Keeps kb_terms (word → number of entries holding it) in step with one entry's change; with
 * `pending`, only records the change for a later applyTermDelta. */
async function updateTerms(
  trx: Executor,
  before: Set<string>,
  after: Set<string>,
  pending?: TermDelta,
): Promise<void> {
  const delta = pending ?? new Map<string, number>();
  recordTerms(delta, before, after);
  if (!pending) await applyTermDelta(trx, delta);
}

function toColumns(input: KbEntryInput) {
  return {
    slug: input.slug,
    kind: input.kind,
    title: input.title,
    body: input.body,
    issue_areas: JSON.stringify(input.issueAreas),
    tags: JSON.stringify(input.tags),
    url: input.url,
    status: input.status,
  };
}

export async function insertKbEntry(
  trx: Executor,
  input: KbEntryInput,
  now: string,
  pending?: TermDelta,
): Promise<KbEntryRow> {
  const row: KbEntryRow = { id: newId(), ...toColumns(input), created_at: now, updated_at: now };
  await trx.insertInto('kb_entries').values(row).execute();
  await updateTerms(trx, new Set(), entryVocabulary(row), pending);
  // In a batch (pending vocabulary changes) the version moves once, with applyTermDelta.
  if (!pending) await bumpKnowledgeBaseVersion(trx);
  return row;
}

export async function findKbEntry(db: Executor, id: string): Promise<KbEntryRow | undefined> {
  return db.selectFrom('kb_entries').select(KB_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function updateKbEntry(
  trx: Executor,
  before: KbEntryRow,
  input: KbEntryInput,
  now: string,
  pending?: TermDelta,
): Promise<KbEntryRow> {
  const row: KbEntryRow = { ...before, ...toColumns(input), updated_at: now };
  await trx
    .updateTable('kb_entries')
    .set({ ...toColumns(input), updated_at: now })
    .where('id', '=', before.id)
    .execute();
  await updateTerms(trx, entryVocabulary(before), entryVocabulary(row), pending);
  if (!pending) await bumpKnowledgeBaseVersion(trx);
  return row;
}

export async function deleteKbEntry(trx: Executor, before: KbEntryRow): Promise<void> {
  await trx.deleteFrom('kb_entries').where('id', '=', before.id).execute();
  await updateTerms(trx, entryVocabulary(before), new Set());
  await bumpKnowledgeBaseVersion(trx);
}

/** An entry's input shape, from its row (for partial updates). */
export function rowToInput(row: KbEntryRow): KbEntryInput {
  return {
    slug: row.slug,
    kind: row.kind,
    title: row.title,
    body: row.body,
    issueAreas: JSON.parse(row.issue_areas) as string[],
    tags: JSON.parse(row.tags) as string[],
    url: row.url,
    status: row.status,
  };
}
