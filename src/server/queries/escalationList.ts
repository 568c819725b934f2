import type { z } from 'zod';
import type { EscalationListQuery } from '../../shared/api/console.ts';
import type { EscalationState } from '../../shared/enums.ts';
import type { Executor } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import { canHandleEscalations } from '../policies/staff.ts';
import { peopleById } from './people.ts';

type Query = z.output<typeof EscalationListQuery>;

/**
 * The managers' escalations view (SPEC §4, issue 6): escalations with their case, account and every step
 * (requested, acknowledged, resolved: by whom, when, notes). Active ones oldest first (the longest
 * waiting on top); resolved ones newest first.
 */
export async function escalationList(db: Executor, actor: Actor, query: Query) {
  if (!canHandleEscalations(actor)) {
    throw new AppError(
      403,
      'managers_only',
      'The escalations view is for support managers and administrators.',
    );
  }
  let base = db
    .selectFrom('escalations')
    .innerJoin('cases', 'cases.id', 'escalations.case_id')
    .innerJoin('accounts', 'accounts.id', 'cases.account_id')
    .innerJoin('orgs', 'orgs.id', 'cases.org_id')
    .leftJoin('queues', 'queues.key', 'cases.queue_key');
  if (query.state === 'active') base = base.where('escalations.state', 'in', ['requested', 'acknowledged']);
  else if (query.state !== 'all') base = base.where('escalations.state', '=', query.state as EscalationState);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll('escalations')
    .select([
      'cases.number',
      'cases.subject',
      'cases.status',
      'cases.priority',
      'cases.queue_key',
      'cases.owner_id',
      'accounts.name as account_name',
      'accounts.plan',
      'orgs.slug as org_slug',
      'queues.name as queue_name',
    ])
    .orderBy('escalations.requested_at', query.state === 'resolved' || query.state === 'all' ? 'desc' : 'asc')
    .orderBy('escalations.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const people = await peopleById(
    db,
    rows.flatMap((r) => [r.requested_by, r.acknowledged_by, r.resolved_by, r.owner_id]),
  );
  const person = (id: string | null) => (id ? (people.get(id) ?? null) : null);
  return {
    items: rows.map((r) => ({
      id: r.id,
      state: r.state,
      reason: r.reason,
      justification: r.justification,
      requestedBy: person(r.requested_by),
      requestedAt: r.requested_at,
      acknowledgedBy: person(r.acknowledged_by),
      acknowledgedAt: r.acknowledged_at,
      acknowledgementNote: r.acknowledgement_note,
      resolvedBy: person(r.resolved_by),
      resolvedAt: r.resolved_at,
      resolutionNote: r.resolution_note,
      case: {
        number: r.number,
        subject: r.subject,
        status: r.status,
        priority: r.priority,
        plan: r.plan,
        account: r.account_name,
        org: r.org_slug,
        queue: { key: r.queue_key, name: r.queue_name ?? r.queue_key },
        assignee: person(r.owner_id),
      },
    })),
    total: Number(total),
    page: query.page,
    pageSize: query.pageSize,
  };
}
