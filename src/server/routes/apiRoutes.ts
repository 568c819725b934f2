import type { Context } from '../context.ts';
import type { App } from '../http/types.ts';
import { accountRoutes } from './accounts/accountRoutes.ts';
import { adminRoutes } from './admin/adminRoutes.ts';
import { attachmentRoutes } from './cases/attachmentRoutes.ts';
import { caseRoutes } from './cases/caseRoutes.ts';
import { caseUpdateRoutes } from './cases/caseUpdateRoutes.ts';
import { escalationRoutes } from './cases/escalationRoutes.ts';
import { teamRoutes } from './cases/teamRoutes.ts';
import { consoleRoutes } from './console/consoleRoutes.ts';
import { workspaceRoutes } from './console/workspaceRoutes.ts';
import { deflectionRoutes } from './deflection/deflectionRoutes.ts';
import { escalationHandlingRoutes } from './escalations/escalationHandlingRoutes.ts';
import { kbRoutes } from './kb/kbRoutes.ts';
import { mailRoutes } from './mail/mailRoutes.ts';
import { orgRoutes } from './orgs/orgRoutes.ts';
import { dashboardRoutes } from './reports/dashboardRoutes.ts';
import { sessionRoutes } from './session/sessionRoutes.ts';

/** Every route under /api/v1, one registration per resource. */
export async function apiRoutes(api: App, ctx: Context) {
  await sessionRoutes(api, ctx);
  await orgRoutes(api, ctx);
  await accountRoutes(api, ctx);
  await caseRoutes(api, ctx);
  await caseUpdateRoutes(api, ctx);
  await teamRoutes(api, ctx);
  await escalationRoutes(api, ctx);
  await consoleRoutes(api, ctx);
  await workspaceRoutes(api, ctx);
  await escalationHandlingRoutes(api, ctx);
  await attachmentRoutes(api, ctx);
  await kbRoutes(api, ctx);
  await deflectionRoutes(api, ctx);
  await dashboardRoutes(api, ctx);
  await mailRoutes(api, ctx);
  await adminRoutes(api, ctx);
}
