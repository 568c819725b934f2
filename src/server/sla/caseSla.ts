import { firstResponseDue, type SupportHours } from '../../shared/sla.ts';
import type { Executor } from '../db/database.ts';

/**
 * Recomputes a case's first-response due time (and, with issue 6's SLA engine, its pause and breach
 * state) from the case as stored and the configured targets and support hours, in the caller's
 * transaction. Every command that changes what the SLA depends on — status, priority, the first public
 * support reply, plan — calls this after writing its change.
 *
 * The signature is a seam shared by several parts of issue 6: keep it.
 */
export async function recomputeCaseSla(trx: Executor, caseId: string, _now: Date): Promise<void> {
  const row = await trx
    .selectFrom('cases')
    .innerJoin('accounts', 'accounts.id', 'cases.account_id')
    .innerJoin('plans', 'plans.key', 'accounts.plan')
    .select([
      'cases.created_at',
      'cases.priority',
      'cases.contact_timezone',
      'cases.first_responded_at',
      'accounts.plan',
      'plans.support_hours',
    ])
    .where('cases.id', '=', caseId)
    .executeTakeFirst();
  if (!row) return;
  const target = await trx
    .selectFrom('sla_targets')
    .select('minutes')
    .where('plan', '=', row.plan)
    .where('priority', '=', row.priority)
    .executeTakeFirst();
  const dueAt = firstResponseDue({
    createdAt: row.created_at,
    plan: row.plan,
    priority: row.priority,
    contactTimezone: row.contact_timezone,
    ...(target
      ? {
          targets: { [row.plan]: { [row.priority]: target.minutes } } as never,
          hours: { [row.plan]: row.support_hours as SupportHours } as never,
        }
      : {}),
  });
  await trx.updateTable('cases').set({ first_response_due_at: dueAt }).where('id', '=', caseId).execute();
}
