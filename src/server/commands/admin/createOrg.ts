import type { z } from 'zod';
import type { NewOrg } from '../../../shared/api/admin.ts';
import type { Context } from '../../context.ts';
import { newId } from '../../db/ids.ts';
import { notFound } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { duplicate, orConflict, requireAdministrator } from './administration.ts';

const slugTaken = () => duplicate('slug', 'Another org has this slug');

/** A new org (a tenant of the vendor's product) under an account; its slug is unique and never changes. */
export async function createOrg(
  ctx: Context,
  actor: Actor,
  accountId: string,
  body: z.output<typeof NewOrg>,
): Promise<{ id: string }> {
  requireAdministrator(actor);
  return orConflict(
    () =>
      ctx.database.transaction(async (trx) => {
        const account = await trx
          .selectFrom('accounts')
          .select('id')
          .where('id', '=', accountId)
          .executeTakeFirst();
        if (!account) throw notFound('Account');
        const taken = await trx
          .selectFrom('orgs')
          .select('id')
          .where('slug', '=', body.slug)
          .executeTakeFirst();
        if (taken) throw slugTaken();
        const id = newId(ctx.now().getTime());
        await trx
          .insertInto('orgs')
          .values({
            id,
            account_id: accountId,
            slug: body.slug,
            name: body.name,
            created_at: ctx.now().toISOString(),
          })
          .execute();
        return { id };
      }),
    slugTaken,
  );
}
