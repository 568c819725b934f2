import type { PermissionAuditAction } from '../../shared/api/accounts.ts';
import type { Context } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { AppError, notFound } from '../errors.ts';
import { canManageCasePermissions } from '../policies/accounts.ts';
import type { Actor, CustomerActor } from '../policies/actor.ts';
import { loadActor } from '../queries/loadActor.ts';

/**
 * Shared steps of the four permission commands (grant/revoke Case Admin, assign/remove ESC):
 * who may change permissions, the locked account and target user, and the audit log rows.
 */

export const NOT_SUPER_ADMIN_MESSAGE =
  'Only a super admin of your account manages Case Admin and Elevated Support Contact seats.';

/** The actor must be a super admin; they manage their own account only. */
export function requirePermissionManager(actor: Actor): CustomerActor {
  if (actor.kind !== 'customer' || !canManageCasePermissions(actor, actor.accountId)) {
    throw new AppError(403, 'not_super_admin', NOT_SUPER_ADMIN_MESSAGE);
  }
  return actor;
}

export interface PermissionTarget {
  /** the target as loaded inside the transaction */
  target: CustomerActor;
  isSuperAdminRole: boolean;
  account: { id: string; plan: string; escSeats: number };
}

/**
 * Inside the transaction: locks the account row (PostgreSQL; SQLite's BEGIN IMMEDIATE already
 * serializes writers) so permission changes of one account run one after another, then loads the
 * target. A user of another account, a staff user or an unknown id is 404, never revealed.
 */
export async function lockAccountAndLoadTarget(
  ctx: Context,
  trx: Executor,
  manager: CustomerActor,
  userId: string,
): Promise<PermissionTarget> {
  let lock = trx
    .selectFrom('accounts')
    .innerJoin('plans', 'plans.key', 'accounts.plan')
    .select(['accounts.id', 'accounts.plan', 'plans.esc_seats'])
    .where('accounts.id', '=', manager.accountId);
  if (ctx.database.dialect === 'postgres') lock = lock.forUpdate('accounts');
  const account = await lock.executeTakeFirst();
  if (!account) throw notFound('User');
  const target = await loadActor(trx, userId);
  if (target?.kind !== 'customer' || target.accountId !== manager.accountId) throw notFound('User');
  return {
    target,
    isSuperAdminRole: target.orgs.some((o) => o.role === 'super_admin'),
    account: { id: account.id, plan: account.plan, escSeats: account.esc_seats },
  };
}

/** Granting needs an active admin with an admin role left on an org of the account. */
export function requireActiveAdmin(target: CustomerActor, what: string): void {
  if (!target.active) {
    throw new AppError(422, 'user_inactive', `${target.name} is deactivated and cannot receive ${what}.`);
  }
  if (target.orgs.length === 0) {
    throw new AppError(
      422,
      'no_admin_role',
      `${target.name} holds no admin role on any org of the account and cannot receive ${what}.`,
    );
  }
}

export interface AuditChange {
  action: PermissionAuditAction;
  from: boolean;
  to: boolean;
  cause?: PermissionAuditAction;
}

/** One audit_log row per change, in order, with who, for whom and when. */
export async function recordPermissionAudit(
  trx: Executor,
  now: Date,
  actor: CustomerActor,
  targetUserId: string,
  changes: AuditChange[],
): Promise<void> {
  if (changes.length === 0) return;
  await trx
    .insertInto('audit_log')
    .values(
      changes.map((c, i) => ({
        id: newId(now.getTime() + i),
        actor_id: actor.id,
        account_id: actor.accountId,
        action: c.action,
        target_user_id: targetUserId,
        detail: JSON.stringify(
          c.cause ? { from: c.from, to: c.to, cause: c.cause } : { from: c.from, to: c.to },
        ),
        created_at: now.toISOString(),
      })),
    )
    .execute();
}
