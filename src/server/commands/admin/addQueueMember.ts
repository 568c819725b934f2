import type { Context } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { recordAdminAudit, requireAdministrator } from './administration.ts';

/**
 * Adds an active staff user to a queue (engineers then see and work its cases). Idempotent; each real
 * change is audit-logged, as membership decides what an engineer may see.
 */
export async function addQueueMember(
  ctx: Context,
  actor: Actor,
  queueKey: string,
  userId: string,
): Promise<{ changed: boolean }> {
  const admin = requireAdministrator(actor);
  return ctx.database.transaction(async (trx) => {
    const queue = await trx.selectFrom('queues').select('key').where('key', '=', queueKey).executeTakeFirst();
    if (!queue) throw notFound('Queue');
    const user = await trx
      .selectFrom('users')
      .select(['id', 'kind', 'active'])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user) throw notFound('User');
    if (user.kind !== 'staff') {
      throw new AppError(422, 'not_staff', 'Only vendor support staff can be queue members', {
        userId: 'Only vendor support staff can be queue members',
      });
    }
    if (user.active !== 1) {
      throw new AppError(422, 'user_inactive', 'This staff user is deactivated', {
        userId: 'This staff user is deactivated',
      });
    }
    const member = await trx
      .selectFrom('queue_members')
      .select('user_id')
      .where('queue_key', '=', queueKey)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (member) return { changed: false };
    const now = ctx.now();
    await trx
      .insertInto('queue_members')
      .values({ queue_key: queueKey, user_id: userId, added_at: now.toISOString() })
      .execute();
    await recordAdminAudit(trx, now, admin, {
      action: 'queue_member_added',
      targetUserId: userId,
      detail: { from: false, to: true, queue: queueKey },
    });
    return { changed: true };
  });
}
