import type { z } from 'zod';
import type { SlaTargetsUpdate } from '../../../shared/api/admin.ts';
import type { Plan, Priority } from '../../../shared/enums.ts';
import type { Context } from '../../context.ts';
import type { Actor } from '../../policies/actor.ts';
import { recomputeOpenCases, requireAdministrator } from './administration.ts';

/**
 * Changes cells of the plan × priority first-response matrix, then recomputes the due time of the
 * open cases not answered yet of the plans and priorities that changed. Answered and closed cases keep
 * the target they were measured against.
 */
export async function updateSlaTargets(
  ctx: Context,
  actor: Actor,
  body: z.output<typeof SlaTargetsUpdate>,
): Promise<{ recomputedCases: number }> {
  requireAdministrator(actor);
  return ctx.database.transaction(async (trx) => {
    const changed = new Map<Plan, Set<Priority>>();
    for (const t of body.targets) {
      const current = await trx
        .selectFrom('sla_targets')
        .select('minutes')
        .where('plan', '=', t.plan)
        .where('priority', '=', t.priority)
        .executeTakeFirst();
      if (current?.minutes === t.minutes) continue;
      if (current) {
        await trx
          .updateTable('sla_targets')
          .set({ minutes: t.minutes })
          .where('plan', '=', t.plan)
          .where('priority', '=', t.priority)
          .execute();
      } else {
        await trx.insertInto('sla_targets').values(t).execute();
      }
      const set = changed.get(t.plan) ?? new Set<Priority>();
      set.add(t.priority);
      changed.set(t.plan, set);
    }
    let recomputedCases = 0;
    for (const [plan, priorities] of changed) {
      recomputedCases += await recomputeOpenCases(trx, ctx.now(), { plan, priorities: [...priorities] });
    }
    return { recomputedCases };
  });
}
