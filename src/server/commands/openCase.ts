import type { NewCaseParsed } from '../../shared/api/cases.ts';
import type { Plan } from '../../shared/enums.ts';
import { hitRateLimit } from '../auth/rateLimit.ts';
import type { Context } from '../context.ts';
import { nextCaseNumber } from '../db/caseNumbers.ts';
import type { Executor } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { preparedInsert, preparedQuery } from '../db/preparedQuery.ts';
import type { Flag } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { newReplyToken } from '../mail/inbound/replyAddress.ts';
import { enqueue } from '../outbox/enqueue.ts';
import type { Actor } from '../policies/actor.ts';
import { canOpenCaseOn, caseAccess } from '../policies/cases.ts';
import { routeToQueue } from '../queries/queueRouting.ts';
import { recomputeCaseSla } from '../sla/caseSla.ts';
import { recordHistory } from './caseHistory.ts';
import { markFormSubmitted } from './recordSolutionEvent.ts';

const orgBySlug = preparedQuery<[string], { id: string; slug: string; account_id: string; plan: Plan }>(
  (db, slug) =>
    db
      .selectFrom('orgs')
      .innerJoin('accounts', 'accounts.id', 'orgs.account_id')
      .select(['orgs.id', 'orgs.slug', 'orgs.account_id', 'accounts.plan'])
      .where('orgs.slug', '=', slug),
  1,
);

const issueAreaByKey = preparedQuery<[string], { key: string; queue_key: string | null; active: Flag }>(
  (db, key) => db.selectFrom('issue_areas').select(['key', 'queue_key', 'active']).where('key', '=', key),
  1,
);

const firstChildArea = preparedQuery<[string], { key: string }>(
  (db, key) => db.selectFrom('issue_areas').select('key').where('parent_key', '=', key).limit(1),
  1,
);

const insertCase = preparedInsert('cases');

/**
 * Opens a case (SPEC §2): checks the org, issue area and team contacts, takes the next case number,
 * computes the first-response due time (recomputeCaseSla), and writes the case, its team, its history and the
 * confirmation notification in one transaction.
 */
export async function openCase(
  ctx: Context,
  actor: Actor,
  input: NewCaseParsed,
): Promise<{ number: string; id: string }> {
  const access = caseAccess(actor);
  if (!access.allowed || actor.kind !== 'customer') {
    throw new AppError(
      403,
      access.code === 'ok' ? 'forbidden' : access.code,
      access.reason ?? 'Only customer admins open cases.',
    );
  }
  const db = ctx.database.db;
  const fields: Record<string, string> = {};

  const [org] = await orgBySlug(db, input.org);
  if (!org || !canOpenCaseOn(actor, org.id)) fields.org = 'Choose one of the orgs where you are an admin';

  const [area] = await issueAreaByKey(db, input.issueArea);
  const [hasChildren] = area ? await firstChildArea(db, area.key) : [];
  if (area?.active !== 1) fields.issueArea = 'Choose an issue area from the list';
  else if (hasChildren) fields.issueArea = 'Choose one of the specific areas under this group';

  if (input.priority === 'P1' && !input.p1Confirmed) {
    fields.p1Confirmed =
      'A P1 case needs you to confirm that you stay reachable around the clock until the issue is mitigated';
  }

  const teamEmails = [...new Set(input.teamContacts)];
  let teamUsers: { id: string; email: string }[] = [];
  if (org && teamEmails.length > 0) {
    teamUsers = await db
      .selectFrom('users')
      .innerJoin('org_admins', 'org_admins.user_id', 'users.id')
      .select(['users.id', 'users.email'])
      .where('org_admins.org_id', '=', org.id)
      .where('users.active', '=', 1)
      .where('users.email', 'in', teamEmails)
      .execute();
    const found = new Set(teamUsers.map((u) => u.email));
    const missing = teamEmails.filter((e) => !found.has(e));
    if (missing.length > 0) {
      fields.teamContacts = `Not an admin of ${org.slug}: ${missing.join(', ')}. Team contacts must be admins of the case's org.`;
    }
  }

  if (Object.keys(fields).length > 0 || !org || !area) {
    throw new AppError(422, 'validation_failed', 'Some fields need your attention', fields);
  }

  const now = ctx.now();
  const createdAt = now.toISOString();
  const id = newId(now.getTime());

  const countOpening = (db: Executor) =>
    hitRateLimit(
      ctx,
      `open-case:${actor.id}`,
      ctx.config.casesPerHourPerUser,
      3600,
      'You have opened many cases in the last hour.',
      db,
    );
  // On PostgreSQL the counter's row lock would be held until the case commits, so that one user's cases
  // opened at the same time would wait for each other: counted on its own, before the case.
  const countedWithCase = ctx.database.dialect === 'sqlite';
  if (!countedWithCase) await countOpening(ctx.database.db);

  const number = await ctx.database.transaction(async (trx) => {
    // On SQLite (one writer at a time anyway) counted with the case, saving a commit of its own.
    if (countedWithCase) await countOpening(trx);
    const number = await nextCaseNumber(trx, ctx.database.dialect);
    await insertCase(trx, {
      id,
      number,
      account_id: org.account_id,
      org_id: org.id,
      opener_id: actor.id,
      status: 'new',
      priority: input.priority,
      subject: input.subject,
      description: input.description,
      steps_to_reproduce: input.stepsToReproduce ?? null,
      issue_area_key: area.key,
      queue_key: await routeToQueue(trx, area.queue_key),
      scope: input.scope,
      business_impact: input.businessImpact ?? null,
      case_email: input.caseEmail,
      contact_phone: input.contactPhone,
      contact_timezone: input.contactTimezone,
      p1_confirmed: input.p1Confirmed ? 1 : 0,
      owner_id: null,
      escalation_state: null,
      reply_token: newReplyToken(),
      first_response_due_at: null,
      first_responded_at: null,
      solved_at: null,
      closed_at: null,
      sla_paused_at: null,
      sla_pauses: '[]',
      first_response_breached: 0,
      pending_since: null,
      reminder_sent_at: null,
      created_at: createdAt,
      updated_at: createdAt,
    });
    // the first-response due time, from the configured target and support hours of the plan
    await recomputeCaseSla(trx, id, now);
    const team = teamUsers.filter((u) => u.id !== actor.id);
    if (team.length > 0) {
      await trx
        .insertInto('case_team')
        .values(team.map((u) => ({ case_id: id, user_id: u.id, added_by: actor.id, added_at: createdAt })))
        .execute();
    }
    await recordHistory(trx, id, actor.id, now, [
      { action: 'case_opened', field: 'status', to: 'new' },
      ...team.map((u) => ({ action: 'team_contact_added', field: 'team', to: u.email })),
    ]);
    await enqueue(
      trx,
      'case.created',
      id,
      { number, recipients: [input.caseEmail, ...team.map((u) => u.email)] },
      now,
    );
    if (input.formSession) {
      await markFormSubmitted(trx, {
        formSession: input.formSession,
        userId: actor.id,
        caseId: id,
        issueArea: area.key,
        now: createdAt,
      });
    }
    return number;
  });
  return { number, id };
}
