import {
  ConsoleCaseList,
  ConsoleCaseQuery,
  QueueKeyParams,
  QueueList,
  QueueMemberList,
  StaffList,
} from '../../../shared/api/console.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import type { Context } from '../../context.ts';
import { authenticate } from '../../http/authenticate.ts';
import type { App } from '../../http/types.ts';
import { queueCases } from '../../queries/queueCases.ts';
import { queueList, queueMembers, staffList } from '../../queries/queueList.ts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError };

/** The support console's lists (issue 6): queues, their members, staff, and the staff case list. Staff only. */
export async function consoleRoutes(app: App, ctx: Context) {
  const guard = [authenticate(ctx)];

  app.get(
    '/queues',
    {
      onRequest: guard,
      schema: {
        tags: ['console'],
        summary: 'Queues with counts of open, unassigned and overdue cases (staff)',
        response: { 200: QueueList, ...errors },
      },
    },
    async (request) => queueList(ctx.database.db, request.actor, ctx.now()),
  );

  app.get(
    '/queues/:key/members',
    {
      onRequest: guard,
      schema: {
        tags: ['console'],
        summary: 'Active members of a queue: the assignee picker (staff)',
        params: QueueKeyParams,
        response: { 200: QueueMemberList, ...errors },
      },
    },
    async (request) => queueMembers(ctx.database.db, request.actor, request.params.key),
  );

  app.get(
    '/staff',
    {
      onRequest: guard,
      schema: {
        tags: ['console'],
        summary: 'Active support staff with their queues (staff)',
        response: { 200: StaffList, ...errors },
      },
    },
    async (request) => staffList(ctx.database.db, request.actor),
  );

  app.get(
    '/console/cases',
    {
      onRequest: guard,
      schema: {
        tags: ['console'],
        summary:
          'The staff case list: by queue, assignee, status, priority, plan, breach; sorted by time to breach',
        querystring: ConsoleCaseQuery,
        response: { 200: ConsoleCaseList, ...errors },
      },
    },
    async (request) => queueCases(ctx.database, request.actor, request.query, ctx.now()),
  );
}
