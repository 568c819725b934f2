import type { z } from 'zod';
import { type AuditEntry, type AuditLogQuery, PERMISSION_AUDIT_ACTIONS } from '../../shared/api/accounts.ts';
import type { Executor } from '../db/database.ts';
import { peopleById } from './people.ts';

type Query = z.output<typeof AuditLogQuery>;
type Detail = z.output<typeof AuditEntry>['detail'];

function parseDetail(raw: string): Detail {
  const d = JSON.parse(raw) as { from?: unknown; to?: unknown; cause?: unknown };
  const detail: Detail = { from: d.from === true, to: d.to === true };
  if (typeof d.cause === 'string') detail.cause = d.cause;
  return detail;
}

/** An account's permission changes (Case Admin, Elevated Support Contact), newest first, paginated. */
export async function accountAuditLog(db: Executor, accountId: string, query: Query) {
  const base = db
    .selectFrom('audit_log')
    .where('account_id', '=', accountId)
    .where('action', 'in', [...PERMISSION_AUDIT_ACTIONS]);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const people = await peopleById(
    db,
    rows.flatMap((r) => [r.actor_id, r.target_user_id]),
  );
  const items: z.output<typeof AuditEntry>[] = rows.map((r) => ({
    id: r.id,
    action: r.action as z.output<typeof AuditEntry>['action'],
    actor: (r.actor_id && people.get(r.actor_id)) || null,
    target: (r.target_user_id && people.get(r.target_user_id)) || null,
    detail: parseDetail(r.detail),
    createdAt: r.created_at,
  }));
  return { items, total: Number(total), page: query.page, pageSize: query.pageSize };
}
