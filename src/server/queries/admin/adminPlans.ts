import type { z } from 'zod';
import type { AdminPlan, SlaTarget } from '../../../shared/api/admin.ts';
import { PLANS, PRIORITIES } from '../../../shared/enums.ts';
import type { Executor } from '../../db/database.ts';

/** The plan × priority first-response matrix, in plan and priority order. */
export async function slaTargets(db: Executor): Promise<z.output<typeof SlaTarget>[]> {
  const rows = await db.selectFrom('sla_targets').select(['plan', 'priority', 'minutes']).execute();
  const order = (r: { plan: string; priority: string }) =>
    PLANS.indexOf(r.plan as never) * 10 + PRIORITIES.indexOf(r.priority as never);
  return rows.sort((a, b) => order(a) - order(b));
}

/** Plans with their seats, support hours, targets and how many accounts are on each. */
export async function adminPlans(db: Executor): Promise<z.output<typeof AdminPlan>[]> {
  const rows = await db
    .selectFrom('plans')
    .select(['key', 'name', 'esc_seats', 'support_hours'])
    .select((eb) =>
      eb
        .selectFrom('accounts')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('accounts.plan', '=', 'plans.key')
        .as('accounts'),
    )
    .execute();
  const targets = await slaTargets(db);
  return rows
    .sort((a, b) => PLANS.indexOf(a.key) - PLANS.indexOf(b.key))
    .map((r) => {
      const mine = (p: (typeof PRIORITIES)[number]) =>
        targets.find((t) => t.plan === r.key && t.priority === p)?.minutes ?? 0;
      return {
        key: r.key,
        name: r.name,
        escSeats: r.esc_seats,
        supportHours: r.support_hours,
        targets: { P1: mine('P1'), P2: mine('P2'), P3: mine('P3'), P4: mine('P4') },
        accounts: Number(r.accounts ?? 0),
      };
    });
}
