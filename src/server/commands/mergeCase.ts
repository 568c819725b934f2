import type { Context } from '../context.ts';
import { newId } from '../db/ids.ts';
import { AppError } from '../errors.ts';
import { enqueue } from '../outbox/enqueue.ts';
import type { Actor } from '../policies/actor.ts';
import { findVisibleCase } from '../queries/findVisibleCase.ts';
import { findWorkableCase } from '../queries/findWorkableCase.ts';
import { recomputeCaseSla } from '../sla/caseSla.ts';
import { recordHistory } from './caseHistory.ts';

/**
 * Merges a duplicate case into another case of the same account (SPEC §5), as Zendesk does: the
 * duplicate gets a public comment pointing to the target and is closed (so it cannot be reopened; the
 * conversation goes on in the target), with `merged_into_id` set; the target gets an internal note; both
 * histories say so. The duplicate's opener joins the target's case team when they are an admin of the
 * target's org, so they keep following the issue. Refused: into itself, across accounts, into a merged or
 * closed case, or a duplicate already merged or closed.
 */
export async function mergeCase(ctx: Context, actor: Actor, number: string, input: { into: string }) {
  const now = ctx.now();
  const iso = now.toISOString();
  return ctx.database.transaction(async (trx) => {
    const { row: dup } = await findWorkableCase(trx, actor, number);
    if (input.into === number) {
      throw new AppError(422, 'validation_failed', 'A case cannot be merged into itself', {
        into: 'Choose another case',
      });
    }
    const target = await findVisibleCase(trx, actor, input.into)
      .then((c) => c.row)
      .catch((error: unknown) => {
        if (error instanceof AppError && error.status === 404) return null;
        throw error;
      });
    if (!target) {
      throw new AppError(422, 'validation_failed', `No case ${input.into} that you can work`, {
        into: `No case ${input.into} that you can work`,
      });
    }
    if (target.account_id !== dup.account_id) {
      throw new AppError(422, 'validation_failed', 'Only cases of the same account can be merged', {
        into: `Case ${input.into} belongs to another account`,
      });
    }
    if (dup.merged_into_id) {
      throw new AppError(409, 'already_merged', `Case ${number} was already merged into another case.`);
    }
    if (dup.status === 'closed') {
      throw new AppError(409, 'case_closed', `Case ${number} is closed and cannot be merged.`);
    }
    if (target.merged_into_id) {
      throw new AppError(
        409,
        'target_merged',
        `Case ${input.into} was itself merged into another case; merge into that one.`,
        {
          into: `Case ${input.into} is a merged duplicate`,
        },
      );
    }
    if (target.status === 'closed') {
      throw new AppError(409, 'target_closed', `Case ${input.into} is closed; merge into an open case.`, {
        into: `Case ${input.into} is closed`,
      });
    }

    const updated = await trx
      .updateTable('cases')
      .set({
        status: 'closed',
        closed_at: iso,
        solved_at: dup.solved_at ?? iso,
        merged_into_id: target.id,
        updated_at: iso,
      })
      .where('id', '=', dup.id)
      .where('status', '=', dup.status)
      .where('merged_into_id', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      throw new AppError(409, 'case_changed', `Case ${number} changed meanwhile. Reload it and try again.`);
    }
    await trx.updateTable('cases').set({ updated_at: iso }).where('id', '=', target.id).execute();

    const link = `${ctx.config.publicUrl}/cases/${target.number}`;
    const publicNote =
      `This case was merged into case ${target.number} ("${target.subject}"), which covers the same issue. ` +
      `Support continues there: ${link}`;
    await trx
      .insertInto('comments')
      .values({
        id: newId(now.getTime()),
        case_id: dup.id,
        author_id: actor.id,
        body: publicNote,
        internal: 0,
        via: 'web',
        created_at: iso,
      })
      .execute();
    await trx
      .insertInto('comments')
      .values({
        id: newId(now.getTime() + 1),
        case_id: target.id,
        author_id: actor.id,
        body: `Case ${dup.number} ("${dup.subject}") was merged into this case as a duplicate. Its conversation stays on case ${dup.number}.`,
        internal: 1,
        via: 'web',
        created_at: iso,
      })
      .execute();

    // The duplicate's opener keeps following the issue on the target, when they may be on its team.
    const teamChanges: { action: string; field: string; to: string }[] = [];
    if (dup.opener_id !== target.opener_id) {
      const opener = await trx
        .selectFrom('users')
        .innerJoin('org_admins', 'org_admins.user_id', 'users.id')
        .select(['users.id', 'users.email'])
        .where('users.id', '=', dup.opener_id)
        .where('users.active', '=', 1)
        .where('org_admins.org_id', '=', target.org_id)
        .executeTakeFirst();
      const onTeam = opener
        ? await trx
            .selectFrom('case_team')
            .select('user_id')
            .where('case_id', '=', target.id)
            .where('user_id', '=', opener.id)
            .executeTakeFirst()
        : undefined;
      if (opener && !onTeam) {
        await trx
          .insertInto('case_team')
          .values({ case_id: target.id, user_id: opener.id, added_by: actor.id, added_at: iso })
          .execute();
        teamChanges.push({ action: 'team_contact_added', field: 'team', to: opener.email });
        await enqueue(
          trx,
          'case.team_added',
          target.id,
          { number: target.number, userId: opener.id, addedBy: actor.id },
          now,
        );
      }
    }

    await recordHistory(trx, dup.id, actor.id, now, [
      { action: 'comment_added' },
      { action: 'merged_into', field: 'case', to: target.number },
      { action: 'status_changed', field: 'status', from: dup.status, to: 'closed' },
    ]);
    await recordHistory(trx, target.id, actor.id, now, [
      { action: 'internal_note_added' },
      { action: 'case_merged_in', field: 'case', to: dup.number },
      ...teamChanges,
    ]);
    await enqueue(
      trx,
      'case.status_changed',
      dup.id,
      { number, from: dup.status, to: 'closed', by: actor.id, note: publicNote },
      now,
    );
    await recomputeCaseSla(trx, dup.id, now);
    const fresh = await trx
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', dup.id)
      .executeTakeFirstOrThrow();
    return { row: fresh, target };
  });
}
