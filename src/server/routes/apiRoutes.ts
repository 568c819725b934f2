import type { Context } from '../context.ts';
import type { App } from '../http/types.ts';
import { caseRoutes } from './cases/caseRoutes.ts';
import { orgRoutes } from './orgs/orgRoutes.ts';
import { sessionRoutes } from './session/sessionRoutes.ts';

/** Every route under /api/v1, one registration per resource. */
export async function apiRoutes(api: App, ctx: Context) {
  await sessionRoutes(api, ctx);
  await orgRoutes(api, ctx);
  await caseRoutes(api, ctx);
}
