import type { z } from 'zod';
import type { KbEntryUpdate, NewKbEntry } from '../../shared/api/kb.ts';
import type { Context } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import { canEditKnowledgeBase } from './kbPolicy.ts';
import {
  deleteKbEntry,
  findKbEntry,
  insertKbEntry,
  type KbEntryInput,
  type KbEntryRow,
  rowToInput,
  slugify,
  updateKbEntry,
} from './kbStore.ts';
import { knowledgeBaseWritten } from './kbVersion.ts';

/** The staff use cases of the knowledge base editor (issue 4), each one transaction. */

function requireStaff(actor: Actor): void {
  if (!canEditKnowledgeBase(actor)) {
    throw new AppError(403, 'forbidden', 'Only vendor support staff edit the knowledge base.');
  }
}

async function taken(
  trx: Executor,
  column: 'slug' | 'url',
  value: string,
  exceptId?: string,
): Promise<boolean> {
  let q = trx.selectFrom('kb_entries').select('id').where(column, '=', value);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return !!(await q.executeTakeFirst());
}

/** A free slug: the given one (409 when taken), or one derived from the title with -2, -3… */
async function freeSlug(trx: Executor, title: string, given: string | undefined, exceptId?: string) {
  if (given) {
    if (await taken(trx, 'slug', given, exceptId)) {
      throw new AppError(409, 'conflict', `The slug ${given} is used by another entry`, {
        slug: 'This slug is used by another entry',
      });
    }
    return given;
  }
  const base = slugify(title);
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await taken(trx, 'slug', slug, exceptId))) return slug;
  }
}

async function checkUrl(trx: Executor, url: string, exceptId?: string): Promise<void> {
  if (await taken(trx, 'url', url, exceptId)) {
    throw new AppError(409, 'conflict', 'Another entry has this url', { url: 'Another entry has this url' });
  }
}

export async function createKbEntryCommand(
  ctx: Context,
  actor: Actor,
  body: z.output<typeof NewKbEntry>,
): Promise<KbEntryRow> {
  requireStaff(actor);
  const row = await ctx.database.transaction(async (trx) => {
    const slug = await freeSlug(trx, body.title, body.slug);
    const url = body.url ?? `/kb/${slug}`;
    await checkUrl(trx, url);
    const input: KbEntryInput = {
      slug,
      kind: body.kind,
      title: body.title,
      body: body.body,
      issueAreas: body.issueAreas,
      tags: body.tags,
      url,
      status: body.status,
    };
    return insertKbEntry(trx, input, ctx.now().toISOString());
  });
  knowledgeBaseWritten();
  return row;
}

async function load(trx: Executor, id: string): Promise<KbEntryRow> {
  const row = await findKbEntry(trx, id);
  if (!row) throw notFound('Entry');
  return row;
}

export async function updateKbEntryCommand(
  ctx: Context,
  actor: Actor,
  id: string,
  body: z.output<typeof KbEntryUpdate>,
): Promise<KbEntryRow> {
  requireStaff(actor);
  const row = await ctx.database.transaction(async (trx) => {
    const before = await load(trx, id);
    const current = rowToInput(before);
    const next: KbEntryInput = {
      slug: body.slug && body.slug !== before.slug ? await freeSlug(trx, '', body.slug, id) : current.slug,
      kind: body.kind ?? current.kind,
      title: body.title ?? current.title,
      body: body.body ?? current.body,
      issueAreas: body.issueAreas ?? current.issueAreas,
      tags: body.tags ?? current.tags,
      url: body.url ?? current.url,
      status: body.status ?? current.status,
    };
    if (next.url !== before.url) await checkUrl(trx, next.url, id);
    return updateKbEntry(trx, before, next, ctx.now().toISOString());
  });
  knowledgeBaseWritten();
  return row;
}

export async function publishKbEntryCommand(ctx: Context, actor: Actor, id: string): Promise<KbEntryRow> {
  requireStaff(actor);
  const row = await ctx.database.transaction(async (trx) => {
    const before = await load(trx, id);
    if (before.status === 'published') return before;
    return updateKbEntry(
      trx,
      before,
      { ...rowToInput(before), status: 'published' },
      ctx.now().toISOString(),
    );
  });
  knowledgeBaseWritten();
  return row;
}

export async function deleteKbEntryCommand(ctx: Context, actor: Actor, id: string): Promise<void> {
  requireStaff(actor);
  await ctx.database.transaction(async (trx) => {
    await deleteKbEntry(trx, await load(trx, id));
  });
  knowledgeBaseWritten();
}
