import { sql } from 'kysely';
import type { z } from 'zod';
import type { AccountUpdate } from '../../../shared/api/admin.ts';
import type { Context } from '../../context.ts';
import type { Executor } from '../../db/database.ts';
import { notFound } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { duplicate, recomputeOpenCases, requireAdministrator } from './administration.ts';

/** Account names are unique, ignoring case: two "Acme Corp" accounts would be a mistake. */
export async function accountNameTaken(trx: Executor, name: string, exceptId?: string): Promise<boolean> {
  let q = trx.selectFrom('accounts').select('id').where(sql<string>`lower(name)`, '=', name.toLowerCase());
  if (exceptId) q = q.where('id', '<>', exceptId);
  return !!(await q.executeTakeFirst());
}

/**
 * Renames an account or changes its plan. A plan change moves the first-response due time of the
 * account's open cases not answered yet to the new plan's targets and support hours.
 */
export async function updateAccount(
  ctx: Context,
  actor: Actor,
  accountId: string,
  body: z.output<typeof AccountUpdate>,
): Promise<{ recomputedCases: number }> {
  requireAdministrator(actor);
  return ctx.database.transaction(async (trx) => {
    const account = await trx
      .selectFrom('accounts')
      .select(['id', 'name', 'plan'])
      .where('id', '=', accountId)
      .executeTakeFirst();
    if (!account) throw notFound('Account');
    const name = body.name ?? account.name;
    const plan = body.plan ?? account.plan;
    if (name === account.name && plan === account.plan) return { recomputedCases: 0 };
    if (name !== account.name && (await accountNameTaken(trx, name, accountId))) {
      throw duplicate('name', 'Another account has this name');
    }
    const now = ctx.now();
    await trx
      .updateTable('accounts')
      .set({ name, plan, updated_at: now.toISOString() })
      .where('id', '=', accountId)
      .execute();
    const recomputedCases = plan === account.plan ? 0 : await recomputeOpenCases(trx, now, { accountId });
    return { recomputedCases };
  });
}
