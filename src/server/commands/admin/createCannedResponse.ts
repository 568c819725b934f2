import type { z } from 'zod';
import type { NewCannedResponse } from '../../../shared/api/admin.ts';
import type { Context } from '../../context.ts';
import { newId } from '../../db/ids.ts';
import type { Actor } from '../../policies/actor.ts';
import { requireCannedResponseManager } from './administration.ts';
import { checkCannedResponse } from './cannedResponseRules.ts';

/** A canned response: a title and a Markdown body, for one queue's cases or (queue null) every queue's. */
export async function createCannedResponse(
  ctx: Context,
  actor: Actor,
  body: z.output<typeof NewCannedResponse>,
): Promise<{ id: string }> {
  const staff = requireCannedResponseManager(actor);
  return ctx.database.transaction(async (trx) => {
    await checkCannedResponse(trx, { title: body.title, queue: body.queue });
    const id = newId(ctx.now().getTime());
    const now = ctx.now().toISOString();
    await trx
      .insertInto('canned_responses')
      .values({
        id,
        title: body.title,
        body: body.body,
        queue_key: body.queue,
        created_by: staff.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return { id };
  });
}
