import type { Context } from '../context.ts';
import type { Actor } from '../policies/actor.ts';
import {
  lockAccountAndLoadTarget,
  recordPermissionAudit,
  requirePermissionManager,
} from './permissionChange.ts';

/**
 * A super admin removes the Elevated Support Contact role from a user of their account, freeing
 * the seat (SPEC §1). Removing it from someone who does not hold it changes nothing.
 */
export async function removeEsc(ctx: Context, actor: Actor, userId: string): Promise<{ changed: boolean }> {
  const manager = requirePermissionManager(actor);
  const now = ctx.now();
  return ctx.database.transaction(async (trx) => {
    const { target } = await lockAccountAndLoadTarget(ctx, trx, manager, userId);
    if (!target.escGrant) return { changed: false };
    await trx
      .updateTable('users')
      .set({ esc: 0, updated_at: now.toISOString() })
      .where('id', '=', target.id)
      .execute();
    await recordPermissionAudit(trx, now, manager, target.id, [
      { action: 'esc_removed', from: true, to: false },
    ]);
    return { changed: true };
  });
}
