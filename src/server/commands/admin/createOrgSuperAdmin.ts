import type { z } from 'zod';
import type { NewOrgSuperAdmin } from '../../../shared/api/admin.ts';
import type { Context } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { duplicate, orConflict, recordAdminAudit, requireAdministrator } from './administration.ts';
import { generateInitialPassword, hashInitialPassword, insertUser } from './newUser.ts';

const emailTaken = () =>
  duplicate('email', 'This email belongs to a user of another account or to vendor staff');

/**
 * A customer's first super admin on an org (from there the customer manages their own admins).
 * A new user gets a one-time initial password, answered once and stored only as its hash. A user of
 * the same account who exists already is made super admin of the org instead (no password then).
 * Audit-logged as `super_admin_created` on the account.
 */
export async function createOrgSuperAdmin(
  ctx: Context,
  actor: Actor,
  orgId: string,
  body: z.output<typeof NewOrgSuperAdmin>,
): Promise<{ userId: string; org: { id: string; slug: string }; initialPassword: string | null }> {
  const admin = requireAdministrator(actor);
  const password = generateInitialPassword();
  const passwordHash = await hashInitialPassword(password, ctx.config.argon2);
  return orConflict(
    () =>
      ctx.database.transaction(async (trx) => {
        const org = await trx
          .selectFrom('orgs')
          .select(['id', 'slug', 'account_id'])
          .where('id', '=', orgId)
          .executeTakeFirst();
        if (!org) throw notFound('Org');
        const now = ctx.now();
        const existing = await trx
          .selectFrom('users')
          .select(['id', 'kind', 'account_id', 'active'])
          .where('email', '=', body.email)
          .executeTakeFirst();
        let userId: string;
        let initialPassword: string | null = null;
        if (existing) {
          if (existing.kind !== 'customer' || existing.account_id !== org.account_id) throw emailTaken();
          if (existing.active !== 1) {
            throw new AppError(409, 'user_inactive', 'This user is deactivated', {
              email: 'This user is deactivated',
            });
          }
          const role = await trx
            .selectFrom('org_admins')
            .select('role')
            .where('org_id', '=', org.id)
            .where('user_id', '=', existing.id)
            .executeTakeFirst();
          if (role?.role === 'super_admin') {
            throw duplicate('email', 'This user is a super admin of the org already');
          }
          if (role) {
            await trx
              .updateTable('org_admins')
              .set({ role: 'super_admin' })
              .where('org_id', '=', org.id)
              .where('user_id', '=', existing.id)
              .execute();
          } else {
            await trx
              .insertInto('org_admins')
              .values({
                org_id: org.id,
                user_id: existing.id,
                role: 'super_admin',
                created_at: now.toISOString(),
              })
              .execute();
          }
          userId = existing.id;
        } else {
          userId = await insertUser(
            trx,
            {
              kind: 'customer',
              email: body.email,
              name: body.name,
              passwordHash,
              accountId: org.account_id,
              caseAdmin: true,
            },
            now,
          );
          await trx
            .insertInto('org_admins')
            .values({ org_id: org.id, user_id: userId, role: 'super_admin', created_at: now.toISOString() })
            .execute();
          initialPassword = password;
        }
        await recordAdminAudit(trx, now, admin, {
          action: 'super_admin_created',
          targetUserId: userId,
          accountId: org.account_id,
          detail: { from: false, to: true, org: org.slug, newUser: initialPassword !== null },
        });
        return { userId, org: { id: org.id, slug: org.slug }, initialPassword };
      }),
    emailTaken,
  );
}
