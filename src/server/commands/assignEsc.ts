import type { Context } from '../context.ts';
import { AppError } from '../errors.ts';
import { canBecomeEsc } from '../policies/accounts.ts';
import type { Actor } from '../policies/actor.ts';
import {
  lockAccountAndLoadTarget,
  recordPermissionAudit,
  requireActiveAdmin,
  requirePermissionManager,
} from './permissionChange.ts';

/**
 * A super admin makes an admin of their account (or themselves) an Elevated Support Contact
 * (SPEC §1). The admin must hold Case Admin; the plan's seats (table `plans`) must not all be
 * taken. Seats are counted and taken in the same transaction, with the account row locked, so two
 * concurrent assignments cannot both take the last seat. Assigning an ESC again changes nothing.
 */
export async function assignEsc(ctx: Context, actor: Actor, userId: string): Promise<{ changed: boolean }> {
  const manager = requirePermissionManager(actor);
  const now = ctx.now();
  return ctx.database.transaction(async (trx) => {
    const { target, account } = await lockAccountAndLoadTarget(ctx, trx, manager, userId);
    requireActiveAdmin(target, 'the Elevated Support Contact role');
    if (!canBecomeEsc(target)) {
      throw new AppError(
        422,
        'case_admin_required',
        `${target.name} does not hold Case Admin. An Elevated Support Contact needs Case Admin first: grant it, then assign the seat.`,
      );
    }
    if (target.escGrant) return { changed: false };
    const { used } = await trx
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('used'))
      .where('account_id', '=', account.id)
      .where('esc', '=', 1)
      .where('active', '=', 1)
      .executeTakeFirstOrThrow();
    if (Number(used) >= account.escSeats) {
      throw new AppError(
        409,
        'esc_seats_full',
        account.escSeats === 1
          ? `The one Elevated Support Contact seat of the ${account.plan} plan is taken; remove that contact before adding another.`
          : `All ${account.escSeats} Elevated Support Contact seats of the ${account.plan} plan are taken; remove one before adding another.`,
      );
    }
    await trx
      .updateTable('users')
      .set({ esc: 1, updated_at: now.toISOString() })
      .where('id', '=', target.id)
      .execute();
    await recordPermissionAudit(trx, now, manager, target.id, [
      { action: 'esc_assigned', from: false, to: true },
    ]);
    return { changed: true };
  });
}
