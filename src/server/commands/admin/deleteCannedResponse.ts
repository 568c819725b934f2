import type { Context } from '../../context.ts';
import { notFound } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { requireCannedResponseManager } from './administration.ts';

/** Deletes a canned response; replies already sent with it are comments and stay. */
export async function deleteCannedResponse(ctx: Context, actor: Actor, id: string): Promise<void> {
  requireCannedResponseManager(actor);
  await ctx.database.transaction(async (trx) => {
    const result = await trx.deleteFrom('canned_responses').where('id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw notFound('Canned response');
  });
}
