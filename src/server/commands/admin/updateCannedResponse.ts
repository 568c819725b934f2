import type { z } from 'zod';
import type { CannedResponseUpdate } from '../../../shared/api/admin.ts';
import type { Context } from '../../context.ts';
import { notFound } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { requireCannedResponseManager } from './administration.ts';
import { checkCannedResponse } from './cannedResponseRules.ts';

export async function updateCannedResponse(
  ctx: Context,
  actor: Actor,
  id: string,
  body: z.output<typeof CannedResponseUpdate>,
): Promise<void> {
  requireCannedResponseManager(actor);
  await ctx.database.transaction(async (trx) => {
    const row = await trx.selectFrom('canned_responses').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Canned response');
    const next = {
      title: body.title ?? row.title,
      body: body.body ?? row.body,
      queue: body.queue === undefined ? row.queue_key : body.queue,
    };
    if (next.title !== row.title || next.queue !== row.queue_key) await checkCannedResponse(trx, next, id);
    await trx
      .updateTable('canned_responses')
      .set({ title: next.title, body: next.body, queue_key: next.queue, updated_at: ctx.now().toISOString() })
      .where('id', '=', id)
      .execute();
  });
}
