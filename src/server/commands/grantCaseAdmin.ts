import type { Context } from '../context.ts';
import type { Actor } from '../policies/actor.ts';
import {
  lockAccountAndLoadTarget,
  recordPermissionAudit,
  requireActiveAdmin,
  requirePermissionManager,
} from './permissionChange.ts';

/**
 * A super admin grants Case Admin to an admin of their account (SPEC §1). Granting it again, or to a
 * super admin (who always holds it), changes nothing and writes no audit row.
 */
export async function grantCaseAdmin(
  ctx: Context,
  actor: Actor,
  userId: string,
): Promise<{ changed: boolean }> {
  const manager = requirePermissionManager(actor);
  const now = ctx.now();
  return ctx.database.transaction(async (trx) => {
    const { target, isSuperAdminRole } = await lockAccountAndLoadTarget(ctx, trx, manager, userId);
    requireActiveAdmin(target, 'Case Admin');
    if (target.caseAdminGrant || isSuperAdminRole) return { changed: false };
    await trx
      .updateTable('users')
      .set({ case_admin: 1, updated_at: now.toISOString() })
      .where('id', '=', target.id)
      .execute();
    await recordPermissionAudit(trx, now, manager, target.id, [
      { action: 'case_admin_granted', from: false, to: true },
    ]);
    return { changed: true };
  });
}
