import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Dashboard } from '../../../shared/api/dashboard.ts';
import { api } from '../../api/client.ts';

export type DashboardView = Dashboard;

export interface DashboardFilter {
  from: string;
  to: string;
  plan?: string | undefined;
  queue?: string | undefined;
}

/** The dashboard refreshes itself every minute while open (and on focus), keeping the last figures on screen meanwhile. */
export const DASHBOARD_POLL_MS = 60_000;

export function dashboardQuery(f: DashboardFilter) {
  const q = new URLSearchParams({ from: f.from, to: f.to });
  if (f.plan) q.set('plan', f.plan);
  if (f.queue) q.set('queue', f.queue);
  return queryOptions({
    queryKey: ['reports', 'dashboard', f] as const,
    queryFn: () => api<Dashboard>('GET', `/reports/dashboard?${q.toString()}`),
    placeholderData: keepPreviousData,
    refetchInterval: DASHBOARD_POLL_MS,
  });
}
