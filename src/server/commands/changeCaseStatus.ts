import type { CaseStatus } from '../../shared/enums.ts';
import type { Context } from '../context.ts';
import { AppError } from '../errors.ts';
import { enqueue } from '../outbox/enqueue.ts';
import type { Actor } from '../policies/actor.ts';
import { findWorkableCase } from '../queries/findWorkableCase.ts';
import { recomputeCaseSla } from '../sla/caseSla.ts';
import { recordHistory } from './caseHistory.ts';

/**
 * The statuses support may move a case to, from each status (SPEC §4: new → open ⇄ pending_customer →
 * solved → closed). `new` is only where a case starts; a closed case stays closed (the customer opens a
 * new one); a solved case may be reopened by support or closed early.
 */
export const STAFF_TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  new: ['open', 'pending_customer', 'solved'],
  open: ['pending_customer', 'solved'],
  pending_customer: ['open', 'solved'],
  solved: ['open', 'closed'],
  closed: [],
};

export interface StatusChangeInput {
  status: CaseStatus;
  /** shown to the customer: in the status mail and the case history */
  reason?: string | undefined;
}

/** Support changes a case's status, optionally with a reason the customer sees. */
export async function changeCaseStatus(ctx: Context, actor: Actor, number: string, input: StatusChangeInput) {
  const now = ctx.now();
  const iso = now.toISOString();
  return ctx.database.transaction(async (trx) => {
    const { row } = await findWorkableCase(trx, actor, number);
    const from = row.status;
    if (from === input.status) {
      throw new AppError(409, 'status_unchanged', `Case ${number} is already ${input.status}.`, {
        status: 'Choose a different status',
      });
    }
    if (!STAFF_TRANSITIONS[from].includes(input.status)) {
      const allowed = STAFF_TRANSITIONS[from];
      throw new AppError(
        409,
        'transition_not_allowed',
        from === 'closed'
          ? `Case ${number} is closed and stays closed; the customer opens a new case that mentions it.`
          : `A ${from} case can move to ${allowed.join(' or ')}, not to ${input.status}.`,
        { status: `Not allowed from ${from}` },
      );
    }
    const patch: {
      status: CaseStatus;
      updated_at: string;
      solved_at?: string | null;
      closed_at?: string | null;
    } = { status: input.status, updated_at: iso };
    if (input.status === 'solved') patch.solved_at = iso;
    if (input.status === 'closed') patch.closed_at = iso;
    if (from === 'solved' && input.status === 'open') patch.solved_at = null;
    // The conditional update guards against a concurrent change of the same case.
    const updated = await trx
      .updateTable('cases')
      .set(patch)
      .where('id', '=', row.id)
      .where('status', '=', from)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      throw new AppError(409, 'case_changed', `Case ${number} changed meanwhile. Reload it and try again.`);
    }
    await recordHistory(trx, row.id, actor.id, now, [
      { action: 'status_changed', field: 'status', from, to: input.status },
      ...(input.reason ? [{ action: 'status_change_reason', field: 'reason', to: input.reason }] : []),
    ]);
    await enqueue(
      trx,
      'case.status_changed',
      row.id,
      { number, from, to: input.status, by: actor.id, ...(input.reason ? { note: input.reason } : {}) },
      now,
    );
    await recomputeCaseSla(trx, row.id, now);
    return trx.selectFrom('cases').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
  });
}
