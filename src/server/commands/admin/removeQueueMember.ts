import type { Context } from '../../context.ts';
import { notFound } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { recordAdminAudit, requireAdministrator } from './administration.ts';

/** Takes a staff user off a queue. Idempotent; each real change is audit-logged. Their assigned cases stay theirs. */
export async function removeQueueMember(
  ctx: Context,
  actor: Actor,
  queueKey: string,
  userId: string,
): Promise<{ changed: boolean }> {
  const admin = requireAdministrator(actor);
  return ctx.database.transaction(async (trx) => {
    const queue = await trx.selectFrom('queues').select('key').where('key', '=', queueKey).executeTakeFirst();
    if (!queue) throw notFound('Queue');
    const user = await trx.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
    if (!user) throw notFound('User');
    const removed = await trx
      .deleteFrom('queue_members')
      .where('queue_key', '=', queueKey)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) return { changed: false };
    const now = ctx.now();
    await recordAdminAudit(trx, now, admin, {
      action: 'queue_member_removed',
      targetUserId: userId,
      detail: { from: true, to: false, queue: queueKey },
    });
    return { changed: true };
  });
}
