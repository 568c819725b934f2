import type { FastifyRequest } from 'fastify';
import { AccountPermissions, AuditLog, AuditLogQuery, UserIdParams } from '../../../shared/api/accounts.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { assignEsc } from '../../commands/assignEsc.ts';
import { grantCaseAdmin } from '../../commands/grantCaseAdmin.ts';
import { requirePermissionManager } from '../../commands/permissionChange.ts';
import { removeEsc } from '../../commands/removeEsc.ts';
import { revokeCaseAdmin } from '../../commands/revokeCaseAdmin.ts';
import type { Context } from '../../context.ts';
import { authenticate } from '../../http/authenticate.ts';
import type { App } from '../../http/types.ts';
import type { Actor } from '../../policies/actor.ts';
import { accountAuditLog } from '../../queries/accountAuditLog.ts';
import { accountPermissions } from '../../queries/accountPermissions.ts';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 422: ApiError };

/** Account permissions are for the account's super admins (SPEC §1). */
async function requireSuperAdmin(request: FastifyRequest): Promise<void> {
  requirePermissionManager(request.actor);
}

type PermissionCommand = (ctx: Context, actor: Actor, userId: string) => Promise<{ changed: boolean }>;

export async function accountRoutes(app: App, ctx: Context) {
  const guard = [authenticate(ctx), requireSuperAdmin];

  app.get(
    '/account/permissions',
    {
      onRequest: guard,
      schema: {
        tags: ['account'],
        summary: 'Case Admin and Elevated Support Contact of every admin of my account (super admins)',
        response: { 200: AccountPermissions, ...errors },
      },
    },
    async (request) => accountPermissions(ctx.database.db, requirePermissionManager(request.actor).accountId),
  );

  const change = (method: 'PUT' | 'DELETE', path: string, summary: string, command: PermissionCommand) =>
    app.route({
      method,
      url: `/account/admins/:userId/${path}`,
      onRequest: guard,
      schema: {
        tags: ['account'],
        summary,
        params: UserIdParams,
        response: { 200: AccountPermissions, ...errors },
      },
      handler: async (request) => {
        const manager = requirePermissionManager(request.actor);
        await command(ctx, manager, request.params.userId);
        return accountPermissions(ctx.database.db, manager.accountId);
      },
    });

  change('PUT', 'case-admin', 'Grant Case Admin (super admins; idempotent)', grantCaseAdmin);
  change(
    'DELETE',
    'case-admin',
    'Revoke Case Admin, and with it Elevated Support Contact (super admins; not from a super admin)',
    revokeCaseAdmin,
  );
  change(
    'PUT',
    'esc',
    'Assign an Elevated Support Contact seat (super admins; needs Case Admin and a free seat)',
    assignEsc,
  );
  change('DELETE', 'esc', 'Remove an Elevated Support Contact seat (super admins)', removeEsc);

  app.get(
    '/account/audit-log',
    {
      onRequest: guard,
      schema: {
        tags: ['account'],
        summary: "My account's permission changes, newest first (super admins)",
        querystring: AuditLogQuery,
        response: { 200: AuditLog, ...errors },
      },
    },
    async (request) =>
      accountAuditLog(ctx.database.db, requirePermissionManager(request.actor).accountId, request.query),
  );
}
