import type { Context } from '../../context.ts';
import type { App } from '../../http/types.ts';
import { adminAccountRoutes } from './adminAccountRoutes.ts';
import { adminConfigRoutes } from './adminConfigRoutes.ts';
import { adminQueueRoutes } from './adminQueueRoutes.ts';
import { adminStaffRoutes } from './adminStaffRoutes.ts';
import { cannedResponseRoutes } from './cannedResponseRoutes.ts';

/** Administration (issue 6, point 6): everything under /admin, and the canned responses. */
export async function adminRoutes(app: App, ctx: Context) {
  await adminAccountRoutes(app, ctx);
  await adminConfigRoutes(app, ctx);
  await adminQueueRoutes(app, ctx);
  await adminStaffRoutes(app, ctx);
  await cannedResponseRoutes(app, ctx);
}
