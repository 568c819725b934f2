import { CaseDetail, CaseNumberParams, CaseUpdate } from '../../../shared/api/cases.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { reopenCase } from '../../commands/reopenCase.ts';
import { solveCase } from '../../commands/solveCase.ts';
import { updateCaseContact } from '../../commands/updateCaseContact.ts';
import type { Context } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { authenticate, requireCaseAccess } from '../../http/authenticate.ts';
import type { App } from '../../http/types.ts';
import { caseDetail } from '../../queries/caseDetail.ts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError };

export async function caseUpdateRoutes(app: App, ctx: Context) {
  app.patch(
    '/cases/:number',
    {
      onRequest: [authenticate(ctx), requireCaseAccess],
      schema: {
        tags: ['cases'],
        summary:
          'Change contact data, mark the case solved (status: solved) or reopen it within 14 days (status: open)',
        params: CaseNumberParams,
        body: CaseUpdate,
        response: { 200: CaseDetail, ...errors },
      },
    },
    async (request) => {
      const { status, ...contact } = request.body;
      const changesContact = Object.values(contact).some((v) => v !== undefined);
      if (!status && !changesContact) {
        throw new AppError(400, 'validation_failed', 'Nothing to change', { body: 'Nothing to change' });
      }
      const { number } = request.params;
      // Status first: it is the change that may be refused; contact data cannot fail once it went through.
      let row = status === 'solved' ? await solveCase(ctx, request.actor, number) : undefined;
      if (status === 'open') row = await reopenCase(ctx, request.actor, number);
      if (changesContact) row = await updateCaseContact(ctx, request.actor, number, contact);
      return caseDetail(ctx.database.db, row!);
    },
  );
}
