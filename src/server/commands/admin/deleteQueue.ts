import { OPEN_STATUSES } from '../../../shared/enums.ts';
import type { Context } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { requireAdministrator } from './administration.ts';
import { TRIAGE_REQUIRED_MESSAGE } from './updateQueue.ts';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Deletes a queue nothing depends on: not the triage queue, no issue area routed to it (active or
 * not, as a reactivated area would route there), no open case in it, no canned response for it.
 * Its members go with it; closed cases keep the queue key as history.
 */
export async function deleteQueue(ctx: Context, actor: Actor, key: string): Promise<void> {
  requireAdministrator(actor);
  await ctx.database.transaction(async (trx) => {
    const queue = await trx
      .selectFrom('queues')
      .select(['key', 'triage'])
      .where('key', '=', key)
      .executeTakeFirst();
    if (!queue) throw notFound('Queue');
    if (queue.triage === 1) throw new AppError(409, 'triage_required', TRIAGE_REQUIRED_MESSAGE);
    const count = async (q: Promise<{ n: number | string | bigint } | undefined>) =>
      Number((await q)?.n ?? 0);
    const areas = await count(
      trx
        .selectFrom('issue_areas')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('queue_key', '=', key)
        .executeTakeFirst(),
    );
    const openCases = await count(
      trx
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('queue_key', '=', key)
        .where('status', 'in', [...OPEN_STATUSES])
        .executeTakeFirst(),
    );
    const canned = await count(
      trx
        .selectFrom('canned_responses')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('queue_key', '=', key)
        .executeTakeFirst(),
    );
    const blockers = [
      areas ? `${plural(areas, 'issue area routes', 'issue areas route')} to it` : '',
      openCases ? `${plural(openCases, 'open case is', 'open cases are')} in it` : '',
      canned ? `${plural(canned, 'canned response belongs', 'canned responses belong')} to it` : '',
    ].filter(Boolean);
    if (blockers.length > 0) {
      throw new AppError(
        409,
        'queue_in_use',
        `This queue cannot be deleted: ${blockers.join(', ')}. Route, move or delete those first.`,
      );
    }
    await trx.deleteFrom('queue_members').where('queue_key', '=', key).execute();
    await trx.deleteFrom('queues').where('key', '=', key).execute();
  });
}
