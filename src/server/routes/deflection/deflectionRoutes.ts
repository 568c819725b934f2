import { z } from 'zod';
import { DeflectionReport, DeflectionReportQuery, SolutionEvent } from '../../../shared/api/deflection.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { recordSolutionEvent } from '../../commands/recordSolutionEvent.ts';
import type { Context } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { authenticate } from '../../http/authenticate.ts';
import type { App } from '../../http/types.ts';
import { canSeeReports } from '../../policies/reports.ts';
import { deflectionReport } from '../../queries/deflectionReport.ts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 409: ApiError, 422: ApiError };

/** Deflection (issue 4): the case form's suggestion events in, the staff report out. */
export async function deflectionRoutes(app: App, ctx: Context) {
  app.post(
    '/solutions/events',
    {
      onRequest: [authenticate(ctx)],
      schema: {
        tags: ['knowledge base'],
        summary: "Record what the case form's recommended solutions showed, or which entry the user opened",
        body: SolutionEvent,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await recordSolutionEvent(ctx, request.actor, request.body);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/reports/deflection',
    {
      onRequest: [authenticate(ctx)],
      schema: {
        tags: ['reports'],
        summary: 'Deflection rate per day (UTC) and per issue area; support managers and administrators',
        querystring: DeflectionReportQuery,
        response: { 200: DeflectionReport, ...errors },
      },
    },
    async (request) => {
      if (!canSeeReports(request.actor)) {
        throw new AppError(403, 'forbidden', 'Reports are for support managers and administrators.');
      }
      return deflectionReport(ctx.database, request.query, ctx.now());
    },
  );
}
