import { type Plan, REOPEN_WINDOW_DAYS } from '../../shared/enums.ts';
import type { Executor } from '../db/database.ts';
import { preparedQuery } from '../db/preparedQuery.ts';
import type { CasesTable, EscalationsTable } from '../db/schema.ts';
import type { Actor } from '../policies/actor.ts';
import { loadSlaSettings, slaView } from '../sla/slaView.ts';
import { type CaseTeamMember, caseTeam } from './findVisibleCase.ts';

interface CaseLookups {
  org_slug: string;
  issue_area_name: string;
  account_name: string;
  plan: Plan;
  opener_name: string | null;
  opener_email: string | null;
  owner_name: string | null;
  owner_email: string | null;
  queue_name: string | null;
  merged_into_number: string | null;
}

/**
 * What the case JSON shows of the rows a case points to, in one read: its org, issue area and account
 * (each must exist, as before: no row otherwise), and its opener, owner, queue and merged-into case
 * (each may be absent). Compiled once; the parameters are the case row's own keys.
 */
const lookupsOf = preparedQuery<
  [string, string, string, string, string | null, string, string | null],
  CaseLookups
>(
  (db, orgId, issueAreaKey, accountId, openerId, ownerId, queueKey, mergedIntoId) =>
    db
      .selectFrom(['orgs', 'issue_areas', 'accounts'])
      .leftJoin('users as opener', (join) => join.on('opener.id', '=', openerId))
      .leftJoin('users as owner', (join) => join.on('owner.id', '=', ownerId))
      .leftJoin('queues', (join) => join.on('queues.key', '=', queueKey))
      .leftJoin('cases as merged', (join) => join.on('merged.id', '=', mergedIntoId))
      .select([
        'orgs.slug as org_slug',
        'issue_areas.name as issue_area_name',
        'accounts.name as account_name',
        'accounts.plan',
        'opener.name as opener_name',
        'opener.email as opener_email',
        'owner.name as owner_name',
        'owner.email as owner_email',
        'queues.name as queue_name',
        'merged.number as merged_into_number',
      ])
      .where('orgs.id', '=', orgId)
      .where('issue_areas.key', '=', issueAreaKey)
      .where('accounts.id', '=', accountId),
  7,
);

type EscalationWithRequester = EscalationsTable & {
  requester_name: string | null;
  requester_email: string | null;
};

const escalationsOf = preparedQuery<[string], EscalationWithRequester>(
  (db, caseId) =>
    db
      .selectFrom('escalations')
      .leftJoin('users as requester', 'requester.id', 'escalations.requested_by')
      .selectAll('escalations')
      .select(['requester.name as requester_name', 'requester.email as requester_email'])
      .where('escalations.case_id', '=', caseId)
      .orderBy('escalations.requested_at'),
  1,
);

const person = (id: string | null, name: string | null, email: string | null) =>
  id && name !== null && email !== null ? { id, name, email } : null;

/**
 * The case object of the API (SPEC §11), for a case the caller may see. `viewer` decides the staff-only
 * parts (the queue); without it the answer is the customer's. `team`: the case's team as
 * `findVisibleCase` already read it (read here when not given).
 */
export async function caseDetail(
  db: Executor,
  row: CasesTable,
  viewer?: Actor,
  now: Date = new Date(),
  team?: readonly CaseTeamMember[],
) {
  const isStaff = viewer?.kind === 'staff';
  const [lookups, members, escalations] = await Promise.all([
    lookupsOf(
      db,
      row.org_id,
      row.issue_area_key,
      row.account_id,
      row.opener_id,
      row.owner_id,
      row.queue_key,
      row.merged_into_id,
    ),
    team ?? caseTeam(db, row.id),
    // A case has escalations only once one was requested, which sets its escalation state in the same
    // transaction (commands/requestEscalation.ts); none are ever deleted.
    row.escalation_state !== null ? escalationsOf(db, row.id) : [],
  ]);
  const info = lookups[0];
  if (!info) throw new Error(`case ${row.number}: its org, issue area or account is missing`);
  const reopenableUntil =
    row.status === 'solved' && row.solved_at
      ? new Date(Date.parse(row.solved_at) + REOPEN_WINDOW_DAYS * 86_400_000).toISOString()
      : null;
  return {
    number: row.number,
    status: row.status,
    priority: row.priority,
    subject: row.subject,
    org: info.org_slug,
    issueArea: row.issue_area_key,
    issueAreaName: info.issue_area_name,
    openedBy: person(row.opener_id, info.opener_name, info.opener_email),
    escalation: row.escalation_state,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    firstResponseDueAt: row.first_responded_at ? null : row.first_response_due_at,
    sla: isStaff ? slaView(row, info.plan, await loadSlaSettings(db), now) : null,
    description: row.description,
    stepsToReproduce: row.steps_to_reproduce,
    businessImpact: row.business_impact,
    scope: row.scope,
    plan: info.plan,
    account: info.account_name,
    owner: person(row.owner_id, info.owner_name, info.owner_email),
    caseEmail: row.case_email,
    contactPhone: row.contact_phone,
    contactTimezone: row.contact_timezone,
    p1Confirmed: row.p1_confirmed === 1,
    solvedAt: row.solved_at,
    closedAt: row.closed_at,
    reopenableUntil,
    team: members.map((t) => ({ id: t.id, name: t.name, email: t.email, addedAt: t.added_at })),
    escalations: escalations.map((e) => ({
      id: e.id,
      state: e.state,
      reason: e.reason,
      justification: e.justification,
      requestedBy: person(e.requested_by, e.requester_name, e.requester_email),
      requestedAt: e.requested_at,
      acknowledgedAt: e.acknowledged_at,
      resolvedAt: e.resolved_at,
      resolutionNote: e.resolution_note,
      acknowledgementNote: e.acknowledgement_note,
    })),
    queue: isStaff ? { key: row.queue_key, name: info.queue_name ?? row.queue_key } : null,
    mergedInto: info.merged_into_number,
  };
}
