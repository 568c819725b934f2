import { REOPEN_WINDOW_DAYS } from '../../shared/enums.ts';
import type { Executor } from '../db/database.ts';
import type { CasesTable } from '../db/schema.ts';
import type { Actor } from '../policies/actor.ts';
import { loadSlaSettings, slaView } from '../sla/slaView.ts';
import { peopleById } from './people.ts';

/**
 * The case object of the API (SPEC §11), for a case the caller may see. `viewer` decides the staff-only
 * parts (the queue); without it the answer is the customer's.
 */
export async function caseDetail(db: Executor, row: CasesTable, viewer?: Actor, now: Date = new Date()) {
  const isStaff = viewer?.kind === 'staff';
  const [org, area, account, team, escalations, queue, mergedInto] = await Promise.all([
    db.selectFrom('orgs').select(['slug']).where('id', '=', row.org_id).executeTakeFirstOrThrow(),
    db
      .selectFrom('issue_areas')
      .select(['name'])
      .where('key', '=', row.issue_area_key)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('accounts')
      .select(['name', 'plan'])
      .where('id', '=', row.account_id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('case_team')
      .innerJoin('users', 'users.id', 'case_team.user_id')
      .select(['users.id', 'users.name', 'users.email', 'case_team.added_at'])
      .where('case_team.case_id', '=', row.id)
      .orderBy('case_team.added_at')
      .execute(),
    db.selectFrom('escalations').selectAll().where('case_id', '=', row.id).orderBy('requested_at').execute(),
    isStaff
      ? db.selectFrom('queues').select(['key', 'name']).where('key', '=', row.queue_key).executeTakeFirst()
      : undefined,
    row.merged_into_id
      ? db.selectFrom('cases').select('number').where('id', '=', row.merged_into_id).executeTakeFirst()
      : undefined,
  ]);
  const people = await peopleById(db, [
    row.opener_id,
    row.owner_id,
    ...escalations.map((e) => e.requested_by),
  ]);
  const reopenableUntil =
    row.status === 'solved' && row.solved_at
      ? new Date(Date.parse(row.solved_at) + REOPEN_WINDOW_DAYS * 86_400_000).toISOString()
      : null;
  return {
    number: row.number,
    status: row.status,
    priority: row.priority,
    subject: row.subject,
    org: org.slug,
    issueArea: row.issue_area_key,
    issueAreaName: area.name,
    openedBy: people.get(row.opener_id) ?? null,
    escalation: row.escalation_state,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    firstResponseDueAt: row.first_responded_at ? null : row.first_response_due_at,
    sla: isStaff ? slaView(row, account.plan, await loadSlaSettings(db), now) : null,
    description: row.description,
    stepsToReproduce: row.steps_to_reproduce,
    businessImpact: row.business_impact,
    scope: row.scope,
    plan: account.plan,
    account: account.name,
    owner: row.owner_id ? (people.get(row.owner_id) ?? null) : null,
    caseEmail: row.case_email,
    contactPhone: row.contact_phone,
    contactTimezone: row.contact_timezone,
    p1Confirmed: row.p1_confirmed === 1,
    solvedAt: row.solved_at,
    closedAt: row.closed_at,
    reopenableUntil,
    team: team.map((t) => ({ id: t.id, name: t.name, email: t.email, addedAt: t.added_at })),
    escalations: escalations.map((e) => ({
      id: e.id,
      state: e.state,
      reason: e.reason,
      justification: e.justification,
      requestedBy: e.requested_by ? (people.get(e.requested_by) ?? null) : null,
      requestedAt: e.requested_at,
      acknowledgedAt: e.acknowledged_at,
      resolvedAt: e.resolved_at,
      resolutionNote: e.resolution_note,
      acknowledgementNote: e.acknowledgement_note,
    })),
    queue: isStaff ? (queue ?? { key: row.queue_key, name: row.queue_key }) : null,
    mergedInto: mergedInto?.number ?? null,
  };
}
