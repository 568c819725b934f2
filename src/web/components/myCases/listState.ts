import {
  CASE_STATUSES,
  type CaseSort,
  type CaseStatus,
  OPEN_STATUSES,
  PRIORITIES,
  type Priority,
} from '../../../shared/enums.ts';
import type { CasesSearch } from '../../router.tsx';

/** The search params of /cases, as the router hands them to the page (defaults applied). */
export type { CasesSearch };
export type CasesView = CasesSearch['view'];

/** Cases per page of My cases. */
export const PAGE_SIZE = 25;

/**
 * The status param is `open`, `all`, or a comma-separated list of statuses. The page shows it as
 * a scope (open cases / all cases) and, optionally, the chosen statuses within that scope.
 */
export interface StatusFilter {
  scope: 'open' | 'all';
  statuses: CaseStatus[];
}

export function parseStatus(status: string): StatusFilter {
  if (status === 'all') return { scope: 'all', statuses: [] };
  if (status === 'open') return { scope: 'open', statuses: [] };
  const statuses = status
    .split(',')
    .filter((s): s is CaseStatus => (CASE_STATUSES as readonly string[]).includes(s));
  if (statuses.length === 0) return { scope: 'open', statuses: [] };
  return { scope: statuses.every((s) => OPEN_STATUSES.includes(s)) ? 'open' : 'all', statuses };
}

export function formatStatus(filter: StatusFilter): string {
  return filter.statuses.length ? filter.statuses.join(',') : filter.scope;
}

export function parsePriorities(priority: string | undefined): Priority[] {
  return (priority ?? '')
    .split(',')
    .filter((p): p is Priority => (PRIORITIES as readonly string[]).includes(p));
}

/** The order a column sorts in on its first click: newest, highest priority, or A–Z first. */
export const FIRST_ORDER: Record<CaseSort, 'asc' | 'desc'> = {
  updated: 'desc',
  created: 'desc',
  number: 'desc',
  priority: 'asc',
  status: 'asc',
};

/** Whether anything narrows the list beyond "open cases" (used to choose the empty state). */
export function isFiltered(search: CasesSearch): boolean {
  const { statuses } = parseStatus(search.status);
  return statuses.length > 0 || !!search.priority || !!search.org || !!search.q;
}

/** The heading above the list, e.g. "My open cases" or "All account cases". */
export function listTitle(view: CasesView, status: string): string {
  const { scope, statuses } = parseStatus(status);
  if (view === 'account') {
    if (statuses.length) return 'Account cases';
    return scope === 'open' ? 'Open account cases' : 'All account cases';
  }
  if (statuses.length) return 'My cases';
  return scope === 'open' ? 'My open cases' : 'All my cases';
}
