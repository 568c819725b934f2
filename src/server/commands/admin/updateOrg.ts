import type { z } from 'zod';
import type { OrgUpdate } from '../../../shared/api/admin.ts';
import type { Context } from '../../context.ts';
import { notFound } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { requireAdministrator } from './administration.ts';

/** Renames an org (its display name, e.g. the tenant's domain); the slug stays, as cases and links use it. */
export async function updateOrg(
  ctx: Context,
  actor: Actor,
  orgId: string,
  body: z.output<typeof OrgUpdate>,
): Promise<{ accountId: string }> {
  requireAdministrator(actor);
  return ctx.database.transaction(async (trx) => {
    const org = await trx
      .selectFrom('orgs')
      .select(['id', 'account_id'])
      .where('id', '=', orgId)
      .executeTakeFirst();
    if (!org) throw notFound('Org');
    if (body.name !== undefined) {
      await trx.updateTable('orgs').set({ name: body.name }).where('id', '=', orgId).execute();
    }
    return { accountId: org.account_id };
  });
}
