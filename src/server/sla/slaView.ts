import type { z } from 'zod';
import type { CaseSla } from '../../shared/api/cases.ts';
import type { CaseStatus, Plan, Priority } from '../../shared/enums.ts';
import {
  DEFAULT_RESPONSE_TARGETS,
  DEFAULT_SUPPORT_HOURS,
  type ResponseTargets,
  type SlaPause,
  type SlaStatus,
  type SupportHours,
  slaAt,
} from '../../shared/sla.ts';
import type { Executor } from '../db/database.ts';
import { preparedQuery } from '../db/preparedQuery.ts';
import type { CasesTable, PlansTable, SlaTargetsTable } from '../db/schema.ts';

/** The columns of `cases` the SLA of a case is computed from: `.select([...SLA_CASE_COLUMNS])`. */
export const SLA_CASE_COLUMNS = [
  'cases.id',
  'cases.account_id',
  'cases.status',
  'cases.priority',
  'cases.created_at',
  'cases.contact_timezone',
  'cases.first_responded_at',
  'cases.sla_paused_at',
  'cases.sla_pauses',
] as const;

export type SlaCaseRow = Pick<
  CasesTable,
  | 'id'
  | 'account_id'
  | 'status'
  | 'priority'
  | 'created_at'
  | 'contact_timezone'
  | 'first_responded_at'
  | 'sla_paused_at'
  | 'sla_pauses'
>;

/** The configured targets (minutes of support time, plan × priority) and support hours per plan. */
export interface SlaSettings {
  targets: ResponseTargets;
  hours: Record<Plan, SupportHours>;
}

const slaTargetRows = preparedQuery<[], Pick<SlaTargetsTable, 'plan' | 'priority' | 'minutes'>>(
  (db) => db.selectFrom('sla_targets').select(['plan', 'priority', 'minutes']),
  0,
);

const planHourRows = preparedQuery<[], Pick<PlansTable, 'key' | 'support_hours'>>(
  (db) => db.selectFrom('plans').select(['key', 'support_hours']),
  0,
);

/** Reads the SLA configuration (tables `sla_targets` and `plans`); SPEC §4 fills anything missing. */
export async function loadSlaSettings(db: Executor): Promise<SlaSettings> {
  const [targetRows, planRows] = await Promise.all([slaTargetRows(db), planHourRows(db)]);
  // a copy per call (callers may keep it); plain spreads, as structuredClone costs ~20 µs here
  const targets = Object.fromEntries(
    Object.entries(DEFAULT_RESPONSE_TARGETS).map(([plan, byPriority]) => [plan, { ...byPriority }]),
  ) as ResponseTargets;
  for (const t of targetRows) if (targets[t.plan]) targets[t.plan][t.priority] = Number(t.minutes);
  const hours = { ...DEFAULT_SUPPORT_HOURS };
  for (const p of planRows) if (p.key in hours) hours[p.key] = p.support_hours;
  return { targets, hours };
}

/** The stored pauses of a case's first-response clock, the open one (if any) last. */
export function pausesOf(row: Pick<CasesTable, 'sla_pauses' | 'sla_paused_at'>): SlaPause[] {
  let pauses: SlaPause[] = [];
  try {
    const parsed: unknown = JSON.parse(row.sla_pauses || '[]');
    if (Array.isArray(parsed)) {
      pauses = parsed.filter(
        (p): p is SlaPause => typeof p?.from === 'string' && (typeof p.to === 'string' || p.to === null),
      );
    }
  } catch {
    pauses = [];
  }
  return row.sla_paused_at ? [...pauses, { from: row.sla_paused_at, to: null }] : pauses;
}

/** The engine's answer for a case at `now`, from its stored clock and the configuration. */
export function caseSlaStatus(
  row: SlaCaseRow,
  plan: Plan,
  settings: SlaSettings,
  now: Date,
): SlaStatus & { targetMinutes: number } {
  const targetMinutes = settings.targets[plan][row.priority as Priority];
  const status = slaAt(
    {
      createdAt: row.created_at,
      targetMinutes,
      hours: settings.hours[plan],
      timeZone: row.contact_timezone,
      pauses: pausesOf(row),
      respondedAt: row.first_responded_at,
    },
    now.getTime(),
  );
  return { ...status, targetMinutes };
}

const STOPPED: readonly CaseStatus[] = ['solved', 'closed'];

/**
 * The `sla` object of the case JSON (staff only). A case solved or closed before any public reply
 * counts as met unless it was already late (as in Zendesk, solving fulfils the target).
 */
export function slaView(
  row: SlaCaseRow,
  plan: Plan,
  settings: SlaSettings,
  now: Date,
): z.infer<typeof CaseSla> {
  const s = caseSlaStatus(row, plan, settings, now);
  const state = s.state === 'paused' && STOPPED.includes(row.status) ? 'met' : s.state;
  return {
    state,
    dueAt: s.dueAt,
    breached: s.breached,
    aboutToBreach: s.aboutToBreach,
    remainingMinutes:
      state === 'running' || state === 'paused'
        ? Math.max(0, Math.floor((s.remainingMs ?? 0) / 60_000))
        : null,
  };
}

/**
 * The `sla` objects of several cases at `now` (a list page): two small reads for the configuration and
 * the accounts' plans. Keyed by case id.
 */
export async function slaViews(
  db: Executor,
  rows: readonly SlaCaseRow[],
  now: Date,
): Promise<Map<string, z.infer<typeof CaseSla>>> {
  const result = new Map<string, z.infer<typeof CaseSla>>();
  if (rows.length === 0) return result;
  const accountIds = [...new Set(rows.map((r) => r.account_id))];
  const [settings, accounts] = await Promise.all([
    loadSlaSettings(db),
    db.selectFrom('accounts').select(['id', 'plan']).where('id', 'in', accountIds).execute(),
  ]);
  const planOf = new Map(accounts.map((a) => [a.id, a.plan]));
  for (const row of rows) {
    const plan = planOf.get(row.account_id);
    if (plan) result.set(row.id, slaView(row, plan, settings, now));
  }
  return result;
}
