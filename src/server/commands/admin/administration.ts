import type { AdminAuditAction } from '../../../shared/api/admin.ts';
import { OPEN_STATUSES } from '../../../shared/enums.ts';
import type { Executor } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import { AppError } from '../../errors.ts';
import type { Actor, StaffActor } from '../../policies/actor.ts';
import { canAdminister, canManageCannedResponses } from '../../policies/administration.ts';
import { recomputeCaseSla } from '../../sla/caseSla.ts';

/** Shared steps of the administration commands: who may run them, the audit log, SLA recomputation. */

export const NOT_ADMINISTRATOR_MESSAGE = 'Administration is for vendor support administrators.';

export function requireAdministrator(actor: Actor): StaffActor {
  if (actor.kind !== 'staff' || !canAdminister(actor)) {
    throw new AppError(403, 'forbidden', NOT_ADMINISTRATOR_MESSAGE);
  }
  return actor;
}

export function requireCannedResponseManager(actor: Actor): StaffActor {
  if (actor.kind !== 'staff' || !canManageCannedResponses(actor)) {
    throw new AppError(403, 'forbidden', 'Canned responses are kept by support managers and administrators.');
  }
  return actor;
}

/** 409 with the field that clashes. */
export const duplicate = (field: string, message: string) =>
  new AppError(409, 'conflict', message, { [field]: message });

/** One audit_log row: who changed whose role or permission, from what to what. */
export async function recordAdminAudit(
  trx: Executor,
  now: Date,
  actor: StaffActor,
  entry: {
    action: AdminAuditAction;
    targetUserId: string;
    accountId?: string | null;
    detail: Record<string, unknown>;
  },
): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      id: newId(now.getTime()),
      actor_id: actor.id,
      account_id: entry.accountId ?? null,
      action: entry.action,
      target_user_id: entry.targetUserId,
      detail: JSON.stringify(entry.detail),
      created_at: now.toISOString(),
    })
    .execute();
}

/**
 * Recomputes the first-response due time of the open cases not answered yet that match `where`
 * (an account, or plans × priorities), in the caller's transaction. Answers how many were recomputed.
 */
export async function recomputeOpenCases(
  trx: Executor,
  now: Date,
  where: { accountId: string } | { plan: string; priorities?: string[] },
): Promise<number> {
  let q = trx
    .selectFrom('cases')
    .innerJoin('accounts', 'accounts.id', 'cases.account_id')
    .select('cases.id')
    .where('cases.status', 'in', [...OPEN_STATUSES])
    .where('cases.first_responded_at', 'is', null);
  if ('accountId' in where) q = q.where('cases.account_id', '=', where.accountId);
  else {
    q = q.where('accounts.plan', '=', where.plan as never);
    if (where.priorities) q = q.where('cases.priority', 'in', where.priorities as never[]);
  }
  const rows = await q.orderBy('cases.id').execute();
  for (const row of rows) await recomputeCaseSla(trx, row.id, now);
  return rows.length;
}

/** A unique or primary key violation on either database (a concurrent insert of the same key). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Runs `fn`; a unique violation (two administrators creating the same key at once) becomes the 409. */
export async function orConflict<T>(fn: () => Promise<T>, conflict: () => Error): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict();
    throw error;
  }
}
