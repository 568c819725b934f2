import type { Context } from '../context.ts';
import { AppError } from '../errors.ts';
import { enqueue } from '../outbox/enqueue.ts';
import type { Actor } from '../policies/actor.ts';
import { findVisibleCase } from '../queries/findVisibleCase.ts';
import { recordHistory } from './caseHistory.ts';

/**
 * Adds a contact to the case team (SPEC §1, §3): only an active admin of the case's org, not the
 * opener (who already receives every email) and not someone already on the team. A closed case
 * takes no new contacts. The new contact is notified through the outbox.
 */
export async function addTeamContact(ctx: Context, actor: Actor, number: string, email: string) {
  const address = email.trim().toLowerCase();
  const now = ctx.now();
  return ctx.database.transaction(async (trx) => {
    const { row, facts } = await findVisibleCase(trx, actor, number);
    if (row.status === 'closed') {
      throw new AppError(
        409,
        'case_closed',
        `Case ${number} is closed. Open a new case and mention ${number} in it.`,
      );
    }
    const org = await trx
      .selectFrom('orgs')
      .select('slug')
      .where('id', '=', row.org_id)
      .executeTakeFirstOrThrow();
    const user = await trx
      .selectFrom('users')
      .innerJoin('org_admins', 'org_admins.user_id', 'users.id')
      .select(['users.id', 'users.email'])
      .where('org_admins.org_id', '=', row.org_id)
      .where('users.kind', '=', 'customer')
      .where('users.active', '=', 1)
      .where('users.email', '=', address)
      .executeTakeFirst();
    if (!user) {
      const message = `${address} is not an admin of ${org.slug}. Team contacts must be admins of the case's org.`;
      throw new AppError(422, 'validation_failed', message, { email: message });
    }
    if (user.id === row.opener_id) {
      const message = `${address} opened case ${number} and already receives every email as the opener.`;
      throw new AppError(409, 'already_opener', message, { email: message });
    }
    const alreadyOnTeam = () => {
      const message = `${address} is already on the case team.`;
      return new AppError(409, 'already_on_team', message, { email: message });
    };
    if (facts.teamUserIds.includes(user.id)) throw alreadyOnTeam();
    const inserted = await trx
      .insertInto('case_team')
      .values({ case_id: row.id, user_id: user.id, added_by: actor.id, added_at: now.toISOString() })
      .onConflict((oc) => oc.columns(['case_id', 'user_id']).doNothing())
      .returning('user_id')
      .executeTakeFirst();
    if (!inserted) throw alreadyOnTeam();
    await trx.updateTable('cases').set({ updated_at: now.toISOString() }).where('id', '=', row.id).execute();
    await recordHistory(trx, row.id, actor.id, now, [
      { action: 'team_contact_added', field: 'team', to: user.email },
    ]);
    await enqueue(
      trx,
      'case.team_added',
      row.id,
      { number, userId: user.id, email: user.email, addedBy: actor.id },
      now,
    );
    return trx.selectFrom('cases').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
  });
}
