import { oneOf, type Raw, str } from '../../searchParams.ts';

/** The dashboard's state in the URL: a range of the last 7, 30 or 90 days, and the plan and queue filters. */
export interface DashboardSearch {
  /** the last 7, 30 or 90 days (not bare numbers: the router would write those as JSON, `range=%2290%22`) */
  range: '7d' | '30d' | '90d';
  plan?: 'basic' | 'silver' | 'gold' | undefined;
  queue?: string | undefined;
}

export const RANGES = ['7d', '30d', '90d'] as const;

export function readDashboardSearch(raw: Raw): DashboardSearch {
  const plan = str(raw, 'plan');
  return {
    range: oneOf(raw, 'range', RANGES, '30d'),
    plan: plan === 'basic' || plan === 'silver' || plan === 'gold' ? plan : undefined,
    queue: str(raw, 'queue'),
  };
}

const DAY_MS = 86_400_000;

/** The UTC dates of the last `range` days, today included (the server counts days in UTC). */
export function rangeDates(range: DashboardSearch['range'], now = new Date()): { from: string; to: string } {
  const to = now.toISOString().slice(0, 10);
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - (Number.parseInt(range, 10) - 1) * DAY_MS)
    .toISOString()
    .slice(0, 10);
  return { from, to };
}
