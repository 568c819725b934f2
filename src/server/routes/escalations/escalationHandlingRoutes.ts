import { CaseDetail, CaseNumberParams } from '../../../shared/api/cases.ts';
import { EscalationList, EscalationListQuery, EscalationNote } from '../../../shared/api/console.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { acknowledgeEscalation } from '../../commands/acknowledgeEscalation.ts';
import { resolveEscalation } from '../../commands/resolveEscalation.ts';
import type { Context } from '../../context.ts';
import { authenticate, requireCaseAccess } from '../../http/authenticate.ts';
import type { App } from '../../http/types.ts';
import { caseDetail } from '../../queries/caseDetail.ts';
import { escalationList } from '../../queries/escalationList.ts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 422: ApiError };

/** The managers' side of escalations (SPEC §4, issue 6): the view, acknowledge and resolve with a note. */
export async function escalationHandlingRoutes(app: App, ctx: Context) {
  app.get(
    '/escalations',
    {
      onRequest: [authenticate(ctx)],
      schema: {
        tags: ['console'],
        summary: 'Escalations by state, with case and account (support managers and administrators)',
        querystring: EscalationListQuery,
        response: { 200: EscalationList, ...errors },
      },
    },
    async (request) => escalationList(ctx.database.db, request.actor, request.query),
  );

  for (const [step, run] of [
    ['acknowledge', acknowledgeEscalation],
    ['resolve', resolveEscalation],
  ] as const) {
    app.post(
      `/cases/:number/escalation/${step}`,
      {
        onRequest: [authenticate(ctx), requireCaseAccess],
        schema: {
          tags: ['console'],
          summary: `${step === 'acknowledge' ? 'Acknowledge' : 'Resolve'} the escalation of a case with a note the customer sees (support managers)`,
          params: CaseNumberParams,
          body: EscalationNote,
          response: { 200: CaseDetail, ...errors },
        },
      },
      async (request) => {
        const row = await run(ctx, request.actor, request.params.number, request.body);
        return caseDetail(ctx.database.db, row, request.actor);
      },
    );
  }
}
