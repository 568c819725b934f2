import type { Priority } from '../../shared/enums.ts';
import type { Context } from '../context.ts';
import { AppError } from '../errors.ts';
import { enqueue } from '../outbox/enqueue.ts';
import type { Actor } from '../policies/actor.ts';
import { findWorkableCase } from '../queries/findWorkableCase.ts';
import { recomputeCaseSla } from '../sla/caseSla.ts';
import { recordHistory } from './caseHistory.ts';

export interface PriorityChangeInput {
  priority: Priority;
  /** required; the customer sees it in the history and the mail (SPEC §5) */
  reason: string;
}

/**
 * Support changes a case's priority with a reason the customer sees. The first-response target follows
 * the new priority (recomputed from the case's creation). A closed case keeps its priority.
 */
export async function changeCasePriority(
  ctx: Context,
  actor: Actor,
  number: string,
  input: PriorityChangeInput,
) {
  const reason = input.reason.trim();
  if (!reason) {
    throw new AppError(422, 'validation_failed', 'A priority change needs a reason the customer sees', {
      reason: 'Reason is required',
    });
  }
  const now = ctx.now();
  return ctx.database.transaction(async (trx) => {
    const { row } = await findWorkableCase(trx, actor, number);
    if (row.status === 'closed') {
      throw new AppError(409, 'case_closed', `Case ${number} is closed; its priority no longer changes.`);
    }
    if (row.priority === input.priority) {
      throw new AppError(409, 'priority_unchanged', `Case ${number} is already ${input.priority}.`, {
        priority: 'Choose a different priority',
      });
    }
    const updated = await trx
      .updateTable('cases')
      .set({ priority: input.priority, updated_at: now.toISOString() })
      .where('id', '=', row.id)
      .where('priority', '=', row.priority)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      throw new AppError(409, 'case_changed', `Case ${number} changed meanwhile. Reload it and try again.`);
    }
    await recordHistory(trx, row.id, actor.id, now, [
      { action: 'priority_changed', field: 'priority', from: row.priority, to: input.priority },
      { action: 'priority_change_reason', field: 'reason', to: reason },
    ]);
    await enqueue(
      trx,
      'case.priority_changed',
      row.id,
      { number, from: row.priority, to: input.priority, by: actor.id, reason },
      now,
    );
    await recomputeCaseSla(trx, row.id, now);
    return trx.selectFrom('cases').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
  });
}
