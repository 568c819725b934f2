import { z } from 'zod';
import { CaseNumberParams } from '../../../shared/api/cases.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import {
  KbEntry,
  KbEntryList,
  KbEntryUpdate,
  KbIdParams,
  KbListQuery,
  NewKbEntry,
  RelatedArticlesQuery,
  SolutionList,
  SolutionsQuery,
} from '../../../shared/api/kb.ts';
import type { Context } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { authenticate, requireCaseAccess } from '../../http/authenticate.ts';
import type { App } from '../../http/types.ts';
import {
  createKbEntryCommand,
  deleteKbEntryCommand,
  publishKbEntryCommand,
  updateKbEntryCommand,
} from '../../kb/kbCommands.ts';
import { canEditKnowledgeBase, canReadKbEntry } from '../../kb/kbPolicy.ts';
import { findKbEntry, KB_COLUMNS, type KbEntryRow } from '../../kb/kbStore.ts';
import { findVisibleCase } from '../../queries/findVisibleCase.ts';
import type { KbSearchHit } from '../../search/searchKnowledgeBase.ts';
import { SolutionsCache } from '../../search/solutionsCache.ts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 422: ApiError };

function toEntry(row: KbEntryRow): z.infer<typeof KbEntry> {
  return {
    id: row.id,
    slug: row.slug,
    kind: row.kind,
    title: row.title,
    body: row.body,
    issueAreas: JSON.parse(row.issue_areas) as string[],
    tags: JSON.parse(row.tags) as string[],
    url: row.url,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const toSolution = (h: KbSearchHit) => ({
  id: h.id,
  slug: h.slug,
  kind: h.kind,
  title: h.title,
  url: h.url,
  snippet: h.snippet,
});

const JSON_UTF8 = 'application/json; charset=utf-8';

/**
 * The panel's answer as JSON, made once per cached result: checked against the response schema and
 * serialized as Fastify's serializer would, then kept with the result (the cache hands out the same
 * array until it drops it). A string sent as JSON skips Fastify's serializer: most of what a repeated
 * search cost once the search itself was cached.
 */
const serializedSolutions = new WeakMap<KbSearchHit[], string>();
function solutionListJson(hits: KbSearchHit[]): string {
  let json = serializedSolutions.get(hits);
  if (json === undefined) {
    json = JSON.stringify(SolutionList.parse({ items: hits.map(toSolution), total: hits.length }));
    serializedSolutions.set(hits, json);
  }
  return json;
}

/** The knowledge base (issue 4): the solutions panel, reading an entry, related articles of a case,
 * and the staff editor. */
export async function kbRoutes(app: App, ctx: Context) {
  // The as-you-type panel asks the same searches again and again: answer them from memory (exact:
  // dropped on every knowledge base write, see solutionsCache.ts).
  const solutions = new SolutionsCache(ctx.database);
  app.addHook('onClose', async () => solutions.close());
  const signedIn = [authenticate(ctx)];
  const staffOnly = [
    authenticate(ctx),
    async (request: { actor: Parameters<typeof canEditKnowledgeBase>[0] }) => {
      if (!canEditKnowledgeBase(request.actor)) {
        throw new AppError(403, 'forbidden', 'Only vendor support staff manage the knowledge base.');
      }
    },
  ];

  app.get(
    '/solutions',
    {
      onRequest: signedIn,
      schema: {
        tags: ['knowledge base'],
        summary: 'Recommended solutions as the user types: published entries matching q, best first',
        querystring: SolutionsQuery,
        response: { 200: SolutionList, ...errors },
      },
    },
    async (request, reply) => {
      const { q, issueArea, limit } = request.query;
      if (!q.trim()) return { items: [], total: 0 };
      const hits = await solutions.search({ q, issueArea, limit });
      // already JSON of the response schema (the type provider knows only objects)
      return reply.type(JSON_UTF8).send(solutionListJson(hits) as never);
    },
  );

  app.get(
    '/kb/:id',
    {
      onRequest: signedIn,
      schema: {
        tags: ['knowledge base'],
        summary: 'One knowledge base entry (customers read published entries only)',
        params: KbIdParams,
        response: { 200: KbEntry, ...errors },
      },
    },
    async (request) => {
      const row = await findKbEntry(ctx.database.db, request.params.id);
      if (!row || !canReadKbEntry(request.actor, row.status)) throw notFound('Entry');
      return toEntry(row);
    },
  );

  app.get(
    '/cases/:number/related-articles',
    {
      onRequest: [authenticate(ctx), requireCaseAccess],
      schema: {
        tags: ['knowledge base'],
        summary: 'Published entries related to a case, from its subject and description',
        params: CaseNumberParams,
        querystring: RelatedArticlesQuery,
        response: { 200: SolutionList, ...errors },
      },
    },
    async (request) => {
      const { row } = await findVisibleCase(ctx.database.db, request.actor, request.params.number);
      // The subject says most; the description's first words add context without drowning it.
      const q = `${row.subject} ${row.description.slice(0, 300)} `;
      const limit = request.query.limit;
      let hits = await solutions.search({
        q: `${row.subject} `,
        issueArea: row.issue_area_key,
        limit,
      });
      if (hits.length < limit) {
        const more = await solutions.search({ q, issueArea: row.issue_area_key, limit });
        const seen = new Set(hits.map((h) => h.id));
        hits = [...hits, ...more.filter((h) => !seen.has(h.id))].slice(0, limit);
      }
      return { items: hits.map(toSolution), total: hits.length };
    },
  );

  app.get(
    '/kb',
    {
      onRequest: staffOnly,
      schema: {
        tags: ['knowledge base'],
        summary: 'All entries, drafts included, most recently updated first (staff)',
        querystring: KbListQuery,
        response: { 200: KbEntryList, ...errors },
      },
    },
    async (request) => {
      const { status, kind, page, pageSize } = request.query;
      let base = ctx.database.db.selectFrom('kb_entries');
      if (status) base = base.where('status', '=', status);
      if (kind) base = base.where('kind', '=', kind);
      const { total } = await base
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .executeTakeFirstOrThrow();
      const rows = await base
        .select(KB_COLUMNS)
        .orderBy('updated_at', 'desc')
        .orderBy('id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      return { items: rows.map(toEntry), total: Number(total), page, pageSize };
    },
  );

  app.post(
    '/kb',
    {
      onRequest: staffOnly,
      schema: {
        tags: ['knowledge base'],
        summary: 'Create an entry (a draft unless status is published) (staff)',
        body: NewKbEntry,
        response: { 201: KbEntry, ...errors },
      },
    },
    async (request, reply) => {
      const row = await createKbEntryCommand(ctx, request.actor, request.body);
      return reply.status(201).send(toEntry(row));
    },
  );

  app.patch(
    '/kb/:id',
    {
      onRequest: staffOnly,
      schema: {
        tags: ['knowledge base'],
        summary: 'Edit an entry (staff)',
        params: KbIdParams,
        body: KbEntryUpdate,
        response: { 200: KbEntry, ...errors },
      },
    },
    async (request) =>
      toEntry(await updateKbEntryCommand(ctx, request.actor, request.params.id, request.body)),
  );

  app.post(
    '/kb/:id/publish',
    {
      onRequest: staffOnly,
      schema: {
        tags: ['knowledge base'],
        summary: 'Publish an entry (staff)',
        params: KbIdParams,
        response: { 200: KbEntry, ...errors },
      },
    },
    async (request) => toEntry(await publishKbEntryCommand(ctx, request.actor, request.params.id)),
  );

  app.delete(
    '/kb/:id',
    {
      onRequest: staffOnly,
      schema: {
        tags: ['knowledge base'],
        summary: 'Delete an entry (staff)',
        params: KbIdParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteKbEntryCommand(ctx, request.actor, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
