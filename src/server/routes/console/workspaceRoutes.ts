import { CaseDetail, CaseNumberParams } from '../../../shared/api/cases.ts';
import {
  AssignmentChange,
  MergeRequest,
  PriorityChange,
  QueueChange,
  StatusChange,
} from '../../../shared/api/console.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { assignCase } from '../../commands/assignCase.ts';
import { changeCasePriority } from '../../commands/changeCasePriority.ts';
import { changeCaseQueue } from '../../commands/changeCaseQueue.ts';
import { changeCaseStatus } from '../../commands/changeCaseStatus.ts';
import { mergeCase } from '../../commands/mergeCase.ts';
import type { Context } from '../../context.ts';
import { authenticate, requireCaseAccess } from '../../http/authenticate.ts';
import type { App } from '../../http/types.ts';
import { caseDetail } from '../../queries/caseDetail.ts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 422: ApiError };

/** The case workspace's commands (issue 6): status, priority, assignment, queue, merge. Staff only. */
export async function workspaceRoutes(app: App, ctx: Context) {
  const guard = [authenticate(ctx), requireCaseAccess];

  app.post(
    '/cases/:number/status',
    {
      onRequest: guard,
      schema: {
        tags: ['console'],
        summary: 'Change the status of a case, with an optional reason the customer sees (staff)',
        params: CaseNumberParams,
        body: StatusChange,
        response: { 200: CaseDetail, ...errors },
      },
    },
    async (request) => {
      const row = await changeCaseStatus(ctx, request.actor, request.params.number, request.body);
      return caseDetail(ctx.database.db, row, request.actor);
    },
  );

  app.post(
    '/cases/:number/priority',
    {
      onRequest: guard,
      schema: {
        tags: ['console'],
        summary: 'Change the priority of a case; the reason is required and the customer sees it (staff)',
        params: CaseNumberParams,
        body: PriorityChange,
        response: { 200: CaseDetail, ...errors },
      },
    },
    async (request) => {
      const row = await changeCasePriority(ctx, request.actor, request.params.number, request.body);
      return caseDetail(ctx.database.db, row, request.actor);
    },
  );

  app.post(
    '/cases/:number/assignment',
    {
      onRequest: guard,
      schema: {
        tags: ['console'],
        summary: 'Take, assign, round-robin or unassign a case (staff)',
        params: CaseNumberParams,
        body: AssignmentChange,
        response: { 200: CaseDetail, ...errors },
      },
    },
    async (request) => {
      const b = request.body;
      const input =
        b.action === 'assign' ? { action: 'assign' as const, userId: b.userId ?? '' } : { action: b.action };
      const row = await assignCase(ctx, request.actor, request.params.number, input);
      return caseDetail(ctx.database.db, row, request.actor);
    },
  );

  app.post(
    '/cases/:number/queue',
    {
      onRequest: guard,
      schema: {
        tags: ['console'],
        summary: 'Move a case to another queue (staff)',
        params: CaseNumberParams,
        body: QueueChange,
        response: { 200: CaseDetail, ...errors },
      },
    },
    async (request) => {
      const row = await changeCaseQueue(ctx, request.actor, request.params.number, request.body);
      return caseDetail(ctx.database.db, row, request.actor);
    },
  );

  app.post(
    '/cases/:number/merge',
    {
      onRequest: guard,
      schema: {
        tags: ['console'],
        summary: 'Merge this case (a duplicate) into another case of the same account (staff)',
        params: CaseNumberParams,
        body: MergeRequest,
        response: { 200: CaseDetail, ...errors },
      },
    },
    async (request) => {
      const { row } = await mergeCase(ctx, request.actor, request.params.number, request.body);
      return caseDetail(ctx.database.db, row, request.actor);
    },
  );
}
