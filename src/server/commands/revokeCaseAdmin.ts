import type { Context } from '../context.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import {
  type AuditChange,
  lockAccountAndLoadTarget,
  recordPermissionAudit,
  requirePermissionManager,
} from './permissionChange.ts';

/**
 * A super admin revokes Case Admin from an admin of their account (SPEC §1); it takes effect on the
 * user's next request. An Elevated Support Contact loses the ESC seat with it (both audit-logged).
 * Super admins always hold Case Admin: revoking it from one is a 409. Revoking what is not held
 * changes nothing.
 */
export async function revokeCaseAdmin(
  ctx: Context,
  actor: Actor,
  userId: string,
): Promise<{ changed: boolean }> {
  const manager = requirePermissionManager(actor);
  const now = ctx.now();
  return ctx.database.transaction(async (trx) => {
    const { target, isSuperAdminRole } = await lockAccountAndLoadTarget(ctx, trx, manager, userId);
    if (isSuperAdminRole) {
      throw new AppError(
        409,
        'super_admin_holds_case_admin',
        `${target.name} is a super admin, and super admins always hold Case Admin.`,
      );
    }
    const changes: AuditChange[] = [];
    if (target.caseAdminGrant) changes.push({ action: 'case_admin_revoked', from: true, to: false });
    if (target.escGrant) {
      changes.push({ action: 'esc_removed', from: true, to: false, cause: 'case_admin_revoked' });
    }
    if (changes.length === 0) return { changed: false };
    await trx
      .updateTable('users')
      .set({ case_admin: 0, esc: 0, updated_at: now.toISOString() })
      .where('id', '=', target.id)
      .execute();
    await recordPermissionAudit(trx, now, manager, target.id, changes);
    return { changed: true };
  });
}
