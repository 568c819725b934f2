import type { z } from 'zod';
import type { StaffUserUpdate } from '../../../shared/api/admin.ts';
import type { StaffRole } from '../../../shared/enums.ts';
import type { Context } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { wouldRemoveAdministrator } from '../../policies/administration.ts';
import { recordAdminAudit, requireAdministrator } from './administration.ts';

/**
 * Renames a staff user, changes their role, or deactivates / reactivates them. An administrator does
 * not change their own role or deactivate themselves (another administrator does), and the last active
 * administrator stays one. A deactivated user is signed out on their next request; their queue
 * memberships and assigned cases stay as they were. Role and activation changes are audit-logged.
 */
export async function updateStaffUser(
  ctx: Context,
  actor: Actor,
  userId: string,
  body: z.output<typeof StaffUserUpdate>,
): Promise<void> {
  const admin = requireAdministrator(actor);
  await ctx.database.transaction(async (trx) => {
    const user = await trx
      .selectFrom('users')
      .select(['id', 'kind', 'staff_role', 'active', 'name'])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (user?.kind !== 'staff' || !user.staff_role) throw notFound('User');
    const current = { role: user.staff_role, active: user.active === 1 };
    const next = { role: (body.role ?? current.role) as StaffRole, active: body.active ?? current.active };

    if (userId === admin.id && next.active !== current.active) {
      throw new AppError(
        409,
        'cannot_deactivate_self',
        'You cannot deactivate yourself: ask another administrator',
        {
          active: 'You cannot deactivate yourself: ask another administrator',
        },
      );
    }
    if (userId === admin.id && next.role !== current.role) {
      throw new AppError(
        409,
        'cannot_change_own_role',
        'You cannot change your own role: ask another administrator',
        {
          role: 'You cannot change your own role: ask another administrator',
        },
      );
    }
    if (wouldRemoveAdministrator(current, next)) {
      // Lock the active administrators (PostgreSQL; SQLite's BEGIN IMMEDIATE already serializes writers)
      // so two administrators demoting each other at once cannot leave none.
      let q = trx
        .selectFrom('users')
        .select('id')
        .where('kind', '=', 'staff')
        .where('staff_role', '=', 'administrator')
        .where('active', '=', 1);
      if (ctx.database.dialect === 'postgres') q = q.forUpdate();
      const admins = await q.execute();
      if (admins.filter((a) => a.id !== userId).length === 0) {
        const message = 'This is the last active administrator: make someone else an administrator first';
        throw new AppError(409, 'last_administrator', message, {
          [body.active === false ? 'active' : 'role']: message,
        });
      }
    }

    const now = ctx.now();
    await trx
      .updateTable('users')
      .set({
        name: body.name ?? user.name,
        staff_role: next.role,
        active: next.active ? 1 : 0,
        updated_at: now.toISOString(),
      })
      .where('id', '=', userId)
      .execute();
    if (next.role !== current.role) {
      await recordAdminAudit(trx, now, admin, {
        action: 'staff_role_changed',
        targetUserId: userId,
        detail: { from: current.role, to: next.role },
      });
    }
    if (next.active !== current.active) {
      await recordAdminAudit(trx, new Date(now.getTime() + 1), admin, {
        action: next.active ? 'staff_reactivated' : 'staff_deactivated',
        targetUserId: userId,
        detail: { from: current.active, to: next.active },
      });
    }
  });
}
