import type { z } from 'zod';
import type { PlanUpdate } from '../../../shared/api/admin.ts';
import type { Plan } from '../../../shared/enums.ts';
import type { Context } from '../../context.ts';
import { notFound } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { recomputeOpenCases, requireAdministrator } from './administration.ts';

/**
 * A plan's name, Elevated Support Contact seats and support hours. Fewer seats than an account uses
 * keeps the seats it has (no one loses access) but no seat can be added until it is under the cap.
 * New support hours move the due time of the plan's open cases not answered yet.
 */
export async function updatePlan(
  ctx: Context,
  actor: Actor,
  key: Plan,
  body: z.output<typeof PlanUpdate>,
): Promise<{ recomputedCases: number }> {
  requireAdministrator(actor);
  return ctx.database.transaction(async (trx) => {
    const plan = await trx.selectFrom('plans').selectAll().where('key', '=', key).executeTakeFirst();
    if (!plan) throw notFound('Plan');
    const next = {
      name: body.name ?? plan.name,
      esc_seats: body.escSeats ?? plan.esc_seats,
      support_hours: body.supportHours ?? plan.support_hours,
    };
    await trx.updateTable('plans').set(next).where('key', '=', key).execute();
    const recomputedCases =
      next.support_hours === plan.support_hours ? 0 : await recomputeOpenCases(trx, ctx.now(), { plan: key });
    return { recomputedCases };
  });
}
