import type { z } from 'zod';
import type { NewStaffUser } from '../../../shared/api/admin.ts';
import type { Context } from '../../context.ts';
import type { Actor } from '../../policies/actor.ts';
import { duplicate, orConflict, recordAdminAudit, requireAdministrator } from './administration.ts';
import { emailTaken, generateInitialPassword, hashInitialPassword, insertUser } from './newUser.ts';

const taken = () => duplicate('email', 'A user with this email exists already');

/**
 * A vendor staff user (engineer, manager or administrator) with an initial password: the one given,
 * or a generated one answered once. Audit-logged as `staff_created` with the role.
 */
export async function createStaffUser(
  ctx: Context,
  actor: Actor,
  body: z.output<typeof NewStaffUser>,
): Promise<{ id: string; initialPassword: string | null }> {
  const admin = requireAdministrator(actor);
  const generated = body.password === undefined ? generateInitialPassword() : null;
  const passwordHash = await hashInitialPassword(body.password ?? (generated as string), ctx.config.argon2);
  return orConflict(
    () =>
      ctx.database.transaction(async (trx) => {
        if (await emailTaken(trx, body.email)) throw taken();
        const now = ctx.now();
        const id = await insertUser(
          trx,
          { kind: 'staff', email: body.email, name: body.name, passwordHash, staffRole: body.role },
          now,
        );
        await recordAdminAudit(trx, now, admin, {
          action: 'staff_created',
          targetUserId: id,
          detail: { from: null, to: body.role },
        });
        return { id, initialPassword: generated };
      }),
    taken,
  );
}
