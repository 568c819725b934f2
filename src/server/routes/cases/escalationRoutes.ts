import { CaseDetail, CaseNumberParams, EscalationRequest } from '../../../shared/api/cases.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { requestEscalation } from '../../commands/requestEscalation.ts';
import type { Context } from '../../context.ts';
import { authenticate, requireCaseAccess } from '../../http/authenticate.ts';
import type { App } from '../../http/types.ts';
import { caseDetail } from '../../queries/caseDetail.ts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError };

/** Escalation requests (SPEC §4): the customer asks, support managers handle it. */
export async function escalationRoutes(app: App, ctx: Context) {
  app.post(
    '/cases/:number/escalation',
    {
      onRequest: [authenticate(ctx), requireCaseAccess],
      schema: {
        tags: ['cases'],
        summary: 'Request an escalation of an open case, with a reason and the business justification',
        params: CaseNumberParams,
        body: EscalationRequest,
        response: { 201: CaseDetail, ...errors },
      },
    },
    async (request, reply) => {
      const { row } = await requestEscalation(ctx, request.actor, request.params.number, request.body);
      return reply.status(201).send(await caseDetail(ctx.database.db, row));
    },
  );
}
