import type { Context } from '../context.ts';
import { AppError } from '../errors.ts';
import { enqueue } from '../outbox/enqueue.ts';
import type { Actor } from '../policies/actor.ts';
import { canHandleEscalations } from '../policies/staff.ts';
import { findWorkableCase } from '../queries/findWorkableCase.ts';
import { recordHistory } from './caseHistory.ts';

/**
 * A support manager (or administrator) resolves an active escalation (requested or acknowledged — a
 * manager may resolve at once) with a note the customer sees; the customer may request a new one later.
 */
export async function resolveEscalation(ctx: Context, actor: Actor, number: string, input: { note: string }) {
  const now = ctx.now();
  const iso = now.toISOString();
  return ctx.database.transaction(async (trx) => {
    const { row } = await findWorkableCase(trx, actor, number);
    if (!canHandleEscalations(actor)) {
      throw new AppError(403, 'managers_only', 'Escalations are handled by support managers.');
    }
    const esc = await trx
      .selectFrom('escalations')
      .selectAll()
      .where('case_id', '=', row.id)
      .where('state', 'in', ['requested', 'acknowledged'])
      .orderBy('requested_at', 'desc')
      .executeTakeFirst();
    if (!esc) throw new AppError(409, 'no_active_escalation', `Case ${number} has no escalation to resolve.`);
    const updated = await trx
      .updateTable('escalations')
      .set({ state: 'resolved', resolved_by: actor.id, resolved_at: iso, resolution_note: input.note })
      .where('id', '=', esc.id)
      .where('state', '=', esc.state)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      throw new AppError(
        409,
        'case_changed',
        `The escalation of case ${number} changed meanwhile. Reload it.`,
      );
    }
    await trx
      .updateTable('cases')
      .set({ escalation_state: 'resolved', updated_at: iso })
      .where('id', '=', row.id)
      .execute();
    await recordHistory(trx, row.id, actor.id, now, [
      { action: 'escalation_resolved', field: 'escalation', from: esc.state, to: 'resolved' },
    ]);
    await enqueue(
      trx,
      'case.escalation_updated',
      row.id,
      { number, escalationId: esc.id, by: actor.id, state: 'resolved', note: input.note },
      now,
    );
    return trx.selectFrom('cases').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
  });
}
