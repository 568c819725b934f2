import { oneOf, positiveInt, type Raw, str } from '../../searchParams.ts';

/**
 * The console's list state, all in the URL (reload, deep links and Back work). Hand-written readers, no
 * zod: the router is in the first page load.
 */
export type ConsoleSortKey = 'due' | 'priority' | 'created' | 'updated';
const SORTS: readonly ConsoleSortKey[] = ['due', 'priority', 'created', 'updated'];

export interface ConsoleSearch {
  /** `mine` (my queues), `all`, or a queue key; undefined = my queues when I belong to any, else all */
  queue?: string | undefined;
  /** `any`, `me`, `unassigned` */
  assignee: 'any' | 'me' | 'unassigned';
  /** `open` (new, open, pending customer), `all`, or one status */
  status: string;
  priority?: string | undefined;
  plan?: string | undefined;
  breach?: 'about_to_breach' | 'breached' | 'at_risk' | undefined;
  q?: string | undefined;
  sort: ConsoleSortKey;
  order?: 'asc' | 'desc' | undefined;
  page: number;
}

/** The order a column sorts in when first clicked: soonest due, highest priority, oldest, newest update. */
export const FIRST_ORDER: Record<ConsoleSortKey, 'asc' | 'desc'> = {
  due: 'asc',
  priority: 'asc',
  created: 'asc',
  updated: 'desc',
};

export function readConsoleSearch(raw: Raw): ConsoleSearch {
  const order = str(raw, 'order');
  const breach = str(raw, 'breach');
  return {
    queue: str(raw, 'queue'),
    assignee: oneOf(raw, 'assignee', ['any', 'me', 'unassigned'], 'any'),
    status: str(raw, 'status') ?? 'open',
    priority: str(raw, 'priority'),
    plan: str(raw, 'plan'),
    breach:
      breach === 'about_to_breach' || breach === 'breached' || breach === 'at_risk' ? breach : undefined,
    q: str(raw, 'q'),
    sort: oneOf(raw, 'sort', SORTS, 'due'),
    order: order === 'asc' || order === 'desc' ? order : undefined,
    page: positiveInt(raw, 'page', 1),
  };
}

export interface EscalationsSearch {
  state: 'active' | 'all' | 'requested' | 'acknowledged' | 'resolved';
  page: number;
}

export function readEscalationsSearch(raw: Raw): EscalationsSearch {
  return {
    state: oneOf(raw, 'state', ['active', 'all', 'requested', 'acknowledged', 'resolved'], 'active'),
    page: positiveInt(raw, 'page', 1),
  };
}
