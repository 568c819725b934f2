import type { Executor } from '../db/database.ts';
import { notFound } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import { type CaseFacts, canSeeCase } from '../policies/cases.ts';

/**
 * Loads a case by number for an actor, or answers 404 — the same 404 whether the case does not
 * exist or exists but is not visible (SPEC §11). Every case route starts here.
 */
export async function findVisibleCase(db: Executor, actor: Actor, number: string) {
  const row = await db.selectFrom('cases').selectAll().where('number', '=', number).executeTakeFirst();
  if (!row) throw notFound();
  const team = await db.selectFrom('case_team').select('user_id').where('case_id', '=', row.id).execute();
  const facts: CaseFacts = {
    accountId: row.account_id,
    openerId: row.opener_id,
    teamUserIds: team.map((t) => t.user_id),
    queueKey: row.queue_key,
    ownerId: row.owner_id,
  };
  if (!canSeeCase(actor, facts)) throw notFound();
  return { row, facts };
}

export type VisibleCase = Awaited<ReturnType<typeof findVisibleCase>>;
