import type { Context } from '../context.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import { findVisibleCase } from '../queries/findVisibleCase.ts';
import { recordHistory } from './caseHistory.ts';

/**
 * Removes a contact from the case team (SPEC §3). Anyone who may manage the case may remove any
 * team contact, themselves included; a removed contact then sees the case only if they opened it
 * or are an Elevated Support Contact. A closed case is read-only.
 */
export async function removeTeamContact(ctx: Context, actor: Actor, number: string, email: string) {
  const address = email.trim().toLowerCase();
  const now = ctx.now();
  return ctx.database.transaction(async (trx) => {
    const { row } = await findVisibleCase(trx, actor, number);
    if (row.status === 'closed') {
      throw new AppError(
        409,
        'case_closed',
        `Case ${number} is closed. Open a new case and mention ${number} in it.`,
      );
    }
    const member = await trx
      .selectFrom('case_team')
      .innerJoin('users', 'users.id', 'case_team.user_id')
      .select(['users.id', 'users.email'])
      .where('case_team.case_id', '=', row.id)
      .where('users.email', '=', address)
      .executeTakeFirst();
    const notOnTeam = () => {
      const message = `${address} is not on the team of case ${number}.`;
      return new AppError(404, 'not_on_team', message, { email: message });
    };
    if (!member) throw notOnTeam();
    const deleted = await trx
      .deleteFrom('case_team')
      .where('case_id', '=', row.id)
      .where('user_id', '=', member.id)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) throw notOnTeam();
    await trx.updateTable('cases').set({ updated_at: now.toISOString() }).where('id', '=', row.id).execute();
    await recordHistory(trx, row.id, actor.id, now, [
      { action: 'team_contact_removed', field: 'team', from: member.email },
    ]);
    return trx.selectFrom('cases').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
  });
}
