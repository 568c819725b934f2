import { Dashboard, DashboardQuery } from '../../../shared/api/dashboard.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import type { Context } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { authenticate } from '../../http/authenticate.ts';
import type { App } from '../../http/types.ts';
import { canSeeReports } from '../../policies/reports.ts';
import { supportDashboard } from '../../queries/supportDashboard.ts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 422: ApiError };

/** The support dashboard (issue 6): managers and administrators, as the deflection report. */
export async function dashboardRoutes(app: App, ctx: Context) {
  app.get(
    '/reports/dashboard',
    {
      onRequest: [authenticate(ctx)],
      schema: {
        tags: ['reports'],
        summary:
          'Open cases by priority, age and queue; first-response SLA attainment by plan over time; escalations; deflection rate. Support managers and administrators',
        querystring: DashboardQuery,
        response: { 200: Dashboard, ...errors },
      },
    },
    async (request) => {
      if (!canSeeReports(request.actor)) {
        throw new AppError(403, 'forbidden', 'Reports are for support managers and administrators.');
      }
      return supportDashboard(ctx.database, request.query, ctx.now());
    },
  );
}
