import type { SolutionEvent } from '../../shared/api/deflection.ts';
import type { Context } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import { caseAccess } from '../policies/cases.ts';

/**
 * Records what the case form's recommended-solutions panel showed (`shown`) or what the user opened
 * (`opened`), under the form's session id (issue 4, deflection). The first event makes the session;
 * a session belongs to the user who made it and another user's events for it are refused.
 */
export async function recordSolutionEvent(ctx: Context, actor: Actor, event: SolutionEvent): Promise<void> {
  const access = caseAccess(actor);
  if (!access.allowed || actor.kind !== 'customer') {
    throw new AppError(403, 'forbidden', access.reason ?? 'Only customer admins use the case form.');
  }
  const now = ctx.now().toISOString();
  const entryIds = [...new Set(event.entryIds)];
  await ctx.database.transaction(async (trx) => {
    const known = await trx.selectFrom('kb_entries').select('id').where('id', 'in', entryIds).execute();
    if (known.length !== entryIds.length) {
      const found = new Set(known.map((k) => k.id));
      const missing = entryIds.filter((id) => !found.has(id));
      throw new AppError(422, 'validation_failed', 'Unknown knowledge base entries', {
        entryIds: `No such entry: ${missing.join(', ')}`,
      });
    }
    await ownFormSession(trx, event.formSession, actor.id, now);
    const counts =
      event.type === 'shown'
        ? { impressions: entryIds.length, clicks: 0 }
        : { impressions: 0, clicks: entryIds.length };
    await trx
      .updateTable('form_sessions')
      .set((eb) => ({
        last_event_at: now,
        impressions: eb('impressions', '+', counts.impressions),
        clicks: eb('clicks', '+', counts.clicks),
        ...(event.issueArea ? { issue_area: event.issueArea } : {}),
      }))
      .where('id', '=', event.formSession)
      .execute();
    if (event.type === 'opened') {
      await trx
        .insertInto('solution_clicks')
        .values(entryIds.map((entry_id) => ({ session_id: event.formSession, entry_id, at: now })))
        .onConflict((oc) => oc.columns(['session_id', 'entry_id']).doNothing())
        .execute();
    }
  });
}

/**
 * Within an open-case transaction: the form session ended in this case. A form that never showed a
 * suggestion has no session yet, and gets one here, so every case opened from the form is counted.
 */
export async function markFormSubmitted(
  trx: Executor,
  input: { formSession: string; userId: string; caseId: string; issueArea: string; now: string },
): Promise<void> {
  const taken = await ownFormSession(trx, input.formSession, input.userId, input.now, false);
  if (!taken) return; // another user's session id: the case stands, the measure ignores it
  await trx
    .updateTable('form_sessions')
    .set({
      case_id: input.caseId,
      submitted_at: input.now,
      last_event_at: input.now,
      issue_area: input.issueArea,
    })
    .where('id', '=', input.formSession)
    .where('case_id', 'is', null)
    .execute();
}

/** Makes the session if it is new; refuses (or answers false) when it belongs to another user. */
async function ownFormSession(
  trx: Executor,
  id: string,
  userId: string,
  now: string,
  refuse = true,
): Promise<boolean> {
  await trx
    .insertInto('form_sessions')
    .values({
      id,
      user_id: userId,
      started_at: now,
      last_event_at: now,
      issue_area: null,
      impressions: 0,
      clicks: 0,
      case_id: null,
      submitted_at: null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const owner = await trx
    .selectFrom('form_sessions')
    .select('user_id')
    .where('id', '=', id)
    .executeTakeFirst();
  if (owner?.user_id === userId) return true;
  if (refuse) throw new AppError(409, 'form_session_taken', 'This form session belongs to another user.');
  return false;
}
