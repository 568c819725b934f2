import type { z } from 'zod';
import type { NewAccount } from '../../../shared/api/admin.ts';
import type { Context } from '../../context.ts';
import { newId } from '../../db/ids.ts';
import type { Actor } from '../../policies/actor.ts';
import { duplicate, requireAdministrator } from './administration.ts';
import { accountNameTaken } from './updateAccount.ts';

/** A new customer account with its support plan; orgs and the first super admin come next. */
export async function createAccount(
  ctx: Context,
  actor: Actor,
  body: z.output<typeof NewAccount>,
): Promise<{ id: string }> {
  requireAdministrator(actor);
  return ctx.database.transaction(async (trx) => {
    if (await accountNameTaken(trx, body.name)) {
      throw duplicate('name', 'Another account has this name');
    }
    const now = ctx.now().toISOString();
    const id = newId(ctx.now().getTime());
    await trx
      .insertInto('accounts')
      .values({ id, name: body.name, plan: body.plan, created_at: now, updated_at: now })
      .execute();
    return { id };
  });
}
