import { OPEN_STATUSES } from '../../shared/enums.ts';
import type { Context } from '../context.ts';
import { newId } from '../db/ids.ts';
import { AppError } from '../errors.ts';
import { enqueue } from '../outbox/enqueue.ts';
import type { Actor } from '../policies/actor.ts';
import { isCustomerOnCase } from '../policies/cases.ts';
import { findVisibleCase } from '../queries/findVisibleCase.ts';
import { recordHistory } from './caseHistory.ts';

export interface EscalationInput {
  reason: string;
  justification: string;
}

/**
 * The customer requests an escalation of an open case (SPEC §4) with a reason and the business
 * justification. One active (requested or acknowledged) escalation per case at a time; the request
 * notifies the support managers through the outbox and shows in the escalations view.
 */
export async function requestEscalation(ctx: Context, actor: Actor, number: string, input: EscalationInput) {
  const now = ctx.now();
  return ctx.database.transaction(async (trx) => {
    const { row, facts } = await findVisibleCase(trx, actor, number);
    if (!isCustomerOnCase(actor, facts)) {
      throw new AppError(
        403,
        'customers_only',
        'Escalations are requested by the customer; support managers handle them in the escalations view.',
      );
    }
    if (row.status === 'closed') {
      throw new AppError(
        409,
        'case_not_open',
        `Case ${number} is closed and cannot be escalated. Open a new case and mention ${number} in it.`,
      );
    }
    if (row.status === 'solved') {
      throw new AppError(
        409,
        'case_not_open',
        `Case ${number} is solved. Reopen it first if the problem is back, then request an escalation.`,
      );
    }
    const active = await trx
      .selectFrom('escalations')
      .select('state')
      .where('case_id', '=', row.id)
      .where('state', 'in', ['requested', 'acknowledged'])
      .executeTakeFirst();
    const alreadyActive = (state: string) =>
      new AppError(
        409,
        'escalation_active',
        `Case ${number} already has an escalation (${state}). Support managers are on it; add a comment to give them more detail.`,
      );
    if (active) throw alreadyActive(active.state);
    // The conditional update is the guard against two concurrent requests on PostgreSQL.
    const updated = await trx
      .updateTable('cases')
      .set({ escalation_state: 'requested', updated_at: now.toISOString() })
      .where('id', '=', row.id)
      .where('status', 'in', [...OPEN_STATUSES])
      .where((eb) => eb.or([eb('escalation_state', 'is', null), eb('escalation_state', '=', 'resolved')]))
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw alreadyActive(row.escalation_state ?? 'requested');
    const id = newId(now.getTime());
    await trx
      .insertInto('escalations')
      .values({
        id,
        case_id: row.id,
        state: 'requested',
        reason: input.reason,
        justification: input.justification,
        requested_by: actor.id,
        requested_at: now.toISOString(),
        acknowledged_by: null,
        acknowledged_at: null,
        resolved_by: null,
        resolved_at: null,
        resolution_note: null,
      })
      .execute();
    await recordHistory(trx, row.id, actor.id, now, [
      { action: 'escalation_requested', field: 'escalation', from: row.escalation_state, to: 'requested' },
    ]);
    await enqueue(
      trx,
      'case.escalation_requested',
      row.id,
      { number, escalationId: id, requestedBy: actor.id, priority: row.priority },
      now,
    );
    const fresh = await trx
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    return { escalationId: id, row: fresh };
  });
}
