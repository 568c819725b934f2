import { REOPEN_WINDOW_DAYS } from '../../shared/enums.ts';
import type { Context } from '../context.ts';
import { AppError } from '../errors.ts';
import { enqueue } from '../outbox/enqueue.ts';
import type { Actor } from '../policies/actor.ts';
import { isCustomerOnCase } from '../policies/cases.ts';
import { findVisibleCase } from '../queries/findVisibleCase.ts';
import { recomputeCaseSla } from '../sla/caseSla.ts';
import { recordHistory } from './caseHistory.ts';

/**
 * The customer reopens a solved case (SPEC §3), within REOPEN_WINDOW_DAYS of when it was solved.
 * After that, or once closed, the answer tells them to open a new case that mentions this one.
 */
export async function reopenCase(ctx: Context, actor: Actor, number: string) {
  const now = ctx.now();
  return ctx.database.transaction(async (trx) => {
    const { row, facts } = await findVisibleCase(trx, actor, number);
    if (!isCustomerOnCase(actor, facts)) {
      throw new AppError(
        403,
        'customers_only',
        'Only the customer reopens a case here; support changes the status from the support side.',
      );
    }
    const newCaseAdvice = `Open a new case and mention ${number} in it.`;
    if (row.status === 'closed') {
      throw new AppError(
        409,
        'case_closed',
        `Case ${number} is closed and cannot be reopened. ${newCaseAdvice}`,
      );
    }
    if (row.status !== 'solved') {
      throw new AppError(409, 'not_solved', `Case ${number} is not solved: it is still open.`);
    }
    if (row.solved_at && now.getTime() > Date.parse(row.solved_at) + REOPEN_WINDOW_DAYS * 86_400_000) {
      throw new AppError(
        409,
        'reopen_window_passed',
        `Case ${number} was solved more than ${REOPEN_WINDOW_DAYS} days ago and can no longer be reopened. ${newCaseAdvice}`,
      );
    }
    const updated = await trx
      .updateTable('cases')
      .set({ status: 'open', solved_at: null, updated_at: now.toISOString() })
      .where('id', '=', row.id)
      .where('status', '=', 'solved')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      throw new AppError(409, 'case_changed', `Case ${number} changed meanwhile. Reload it and try again.`);
    }
    await recomputeCaseSla(trx, row.id, now);
    await recordHistory(trx, row.id, actor.id, now, [
      { action: 'status_changed', field: 'status', from: 'solved', to: 'open' },
    ]);
    await enqueue(
      trx,
      'case.status_changed',
      row.id,
      { number, from: 'solved', to: 'open', by: actor.id },
      now,
    );
    return trx.selectFrom('cases').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
  });
}
