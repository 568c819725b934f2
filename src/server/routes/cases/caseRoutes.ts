import { z } from 'zod';
import {
  CaseDetail,
  CaseList,
  CaseListQuery,
  CaseNumberParams,
  Comment,
  HistoryEntry,
  NewCase,
  NewComment,
} from '../../../shared/api/cases.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { addComment } from '../../commands/addComment.ts';
import { openCase } from '../../commands/openCase.ts';
import type { Context } from '../../context.ts';
import { authenticate, requireCaseAccess } from '../../http/authenticate.ts';
import type { App } from '../../http/types.ts';
import { caseComments, caseHistory } from '../../queries/caseConversation.ts';
import { caseDetail } from '../../queries/caseDetail.ts';
import { findVisibleCase } from '../../queries/findVisibleCase.ts';
import { listCases } from '../../queries/listCases.ts';

const errors = {
  400: ApiError,
  401: ApiError,
  403: ApiError,
  404: ApiError,
  409: ApiError,
  422: ApiError,
  429: ApiError,
};

export async function caseRoutes(app: App, ctx: Context) {
  const guard = [authenticate(ctx), requireCaseAccess];

  app.post(
    '/cases',
    {
      onRequest: guard,
      schema: {
        tags: ['cases'],
        summary: 'Open a case',
        body: NewCase,
        response: { 201: CaseDetail, ...errors },
      },
    },
    async (request, reply) => {
      const { number } = await openCase(ctx, request.actor, request.body);
      const { row, team } = await findVisibleCase(ctx.database.db, request.actor, number);
      return reply
        .status(201)
        .header('location', `/api/v1/cases/${number}`)
        .send(await caseDetail(ctx.database.db, row, request.actor, ctx.now(), team));
    },
  );

  app.get(
    '/cases',
    {
      onRequest: guard,
      schema: {
        tags: ['cases'],
        summary: 'My cases (view=mine) or All account cases (view=account, Elevated Support Contacts)',
        querystring: CaseListQuery,
        response: { 200: CaseList, ...errors },
      },
    },
    async (request) => listCases(ctx.database, request.actor, request.query, ctx.now()),
  );

  app.get(
    '/cases/:number',
    {
      onRequest: guard,
      schema: {
        tags: ['cases'],
        summary: 'A case with its team and escalations',
        params: CaseNumberParams,
        response: { 200: CaseDetail, ...errors },
      },
    },
    async (request) => {
      const { row, team } = await findVisibleCase(ctx.database.db, request.actor, request.params.number);
      return caseDetail(ctx.database.db, row, request.actor, ctx.now(), team);
    },
  );

  app.get(
    '/cases/:number/comments',
    {
      onRequest: guard,
      schema: {
        tags: ['cases'],
        summary: 'The conversation, oldest first (internal notes only for support staff)',
        params: CaseNumberParams,
        response: { 200: z.object({ items: z.array(Comment), total: z.number() }), ...errors },
      },
    },
    async (request) => {
      const { row } = await findVisibleCase(ctx.database.db, request.actor, request.params.number);
      const items = await caseComments(ctx.database.db, request.actor, row.id);
      return { items, total: items.length };
    },
  );

  app.post(
    '/cases/:number/comments',
    {
      onRequest: guard,
      schema: {
        tags: ['cases'],
        summary: 'Add a comment (internal: true is for support staff only)',
        params: CaseNumberParams,
        body: NewComment,
        response: { 201: Comment, ...errors },
      },
    },
    async (request, reply) => {
      const { id, caseId } = await addComment(ctx, request.actor, request.params.number, {
        ...request.body,
        via: 'web',
      });
      const [comment] = await caseComments(ctx.database.db, request.actor, caseId, id);
      return reply.status(201).send(comment!);
    },
  );

  app.get(
    '/cases/:number/history',
    {
      onRequest: guard,
      schema: {
        tags: ['cases'],
        summary: 'Every change to the case: who, when, what',
        params: CaseNumberParams,
        response: { 200: z.object({ items: z.array(HistoryEntry), total: z.number() }), ...errors },
      },
    },
    async (request) => {
      const { row } = await findVisibleCase(ctx.database.db, request.actor, request.params.number);
      const items = await caseHistory(ctx.database.db, request.actor, row.id);
      return { items, total: items.length };
    },
  );
}
