import { OPEN_STATUSES } from '../../shared/enums.ts';
import type { Context } from '../context.ts';
import { AppError } from '../errors.ts';
import { enqueue } from '../outbox/enqueue.ts';
import type { Actor } from '../policies/actor.ts';
import { isCustomerOnCase } from '../policies/cases.ts';
import { findVisibleCase } from '../queries/findVisibleCase.ts';
import { recomputeCaseSla } from '../sla/caseSla.ts';
import { recordHistory } from './caseHistory.ts';

/**
 * The customer marks a case solved (SPEC §3) from `new`, `open` or `pending_customer`. It can then
 * be reopened for REOPEN_WINDOW_DAYS. Support changes status from the support side, not here.
 */
export async function solveCase(ctx: Context, actor: Actor, number: string) {
  const now = ctx.now();
  return ctx.database.transaction(async (trx) => {
    const { row, facts } = await findVisibleCase(trx, actor, number);
    if (!isCustomerOnCase(actor, facts)) {
      throw new AppError(
        403,
        'customers_only',
        'Only the customer marks a case solved here; support changes the status from the support side.',
      );
    }
    if (row.status === 'solved') {
      throw new AppError(409, 'already_solved', `Case ${number} is already solved.`);
    }
    if (row.status === 'closed') {
      throw new AppError(
        409,
        'case_closed',
        `Case ${number} is closed. Open a new case and mention ${number} in it.`,
      );
    }
    const updated = await trx
      .updateTable('cases')
      .set({ status: 'solved', solved_at: now.toISOString(), updated_at: now.toISOString() })
      .where('id', '=', row.id)
      .where('status', 'in', [...OPEN_STATUSES])
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      throw new AppError(409, 'case_changed', `Case ${number} changed meanwhile. Reload it and try again.`);
    }
    await recomputeCaseSla(trx, row.id, now);
    await recordHistory(trx, row.id, actor.id, now, [
      { action: 'status_changed', field: 'status', from: row.status, to: 'solved' },
    ]);
    await enqueue(
      trx,
      'case.status_changed',
      row.id,
      { number, from: row.status, to: 'solved', by: actor.id },
      now,
    );
    return trx.selectFrom('cases').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
  });
}
