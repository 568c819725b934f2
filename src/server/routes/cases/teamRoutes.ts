import { CaseDetail, CaseNumberParams, TeamChange, TeamChangeQuery } from '../../../shared/api/cases.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { addTeamContact } from '../../commands/addTeamContact.ts';
import { removeTeamContact } from '../../commands/removeTeamContact.ts';
import type { Context } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { authenticate, requireCaseAccess } from '../../http/authenticate.ts';
import type { App } from '../../http/types.ts';
import { caseDetail } from '../../queries/caseDetail.ts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 422: ApiError };

/** The case team (SPEC §1, §3): admins of the case's org who receive every case email. */
export async function teamRoutes(app: App, ctx: Context) {
  const guard = [authenticate(ctx), requireCaseAccess];

  app.post(
    '/cases/:number/team',
    {
      onRequest: guard,
      schema: {
        tags: ['cases'],
        summary: "Add a contact to the case team (an admin of the case's org)",
        params: CaseNumberParams,
        body: TeamChange,
        response: { 201: CaseDetail, ...errors },
      },
    },
    async (request, reply) => {
      const row = await addTeamContact(ctx, request.actor, request.params.number, request.body.email);
      return reply.status(201).send(await caseDetail(ctx.database.db, row));
    },
  );

  app.delete(
    '/cases/:number/team',
    {
      onRequest: guard,
      schema: {
        tags: ['cases'],
        summary:
          'Remove a contact from the case team; the email goes in the JSON body or as ?email=. ' +
          'Removing yourself ends your access unless you opened the case or are an Elevated Support Contact.',
        params: CaseNumberParams,
        querystring: TeamChangeQuery,
        body: TeamChange.nullish(),
        response: { 200: CaseDetail, ...errors },
      },
    },
    async (request) => {
      const fromBody = request.body?.email;
      const fromQuery = request.query.email;
      if (fromBody && fromQuery && fromBody !== fromQuery) {
        throw new AppError(400, 'validation_failed', 'Name one team contact, in the body or as ?email=', {
          email: 'The body and ?email= name different contacts',
        });
      }
      const email = fromBody ?? fromQuery;
      if (!email) {
        throw new AppError(400, 'validation_failed', 'Name the team contact to remove', {
          email: 'Email is required (JSON body or ?email=)',
        });
      }
      // The answer is the case as of the removal, even when the caller removed themselves and
      // so cannot load it again.
      const row = await removeTeamContact(ctx, request.actor, request.params.number, email);
      return caseDetail(ctx.database.db, row);
    },
  );
}
