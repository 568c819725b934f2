import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ConsoleCaseList, EscalationList } from '../../../shared/api/console.ts';
import { api } from '../../api/client.ts';

export type ConsoleCaseListView = z.infer<typeof ConsoleCaseList>;
export type ConsoleCaseView = ConsoleCaseListView['items'][number];
export type EscalationListView = z.infer<typeof EscalationList>;
export type EscalationItemView = EscalationListView['items'][number];

/** How often the console lists poll; they also refetch when the window regains focus. */
export const POLL_MS = 10_000;

export interface ConsoleCaseParams {
  queue: string;
  assignee: string;
  status: string;
  priority?: string | undefined;
  plan?: string | undefined;
  breach?: string | undefined;
  q?: string | undefined;
  sort: string;
  order?: string | undefined;
  page: number;
  pageSize: number;
}

function toQueryString(params: object): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const consoleCasesQuery = (params: ConsoleCaseParams) =>
  queryOptions({
    queryKey: ['console', 'cases', params],
    queryFn: () => api<ConsoleCaseListView>('GET', `/console/cases${toQueryString(params)}`),
    placeholderData: keepPreviousData,
    refetchInterval: POLL_MS,
    refetchOnWindowFocus: true,
  });

export const escalationsQuery = (params: { state: string; page: number; pageSize: number }) =>
  queryOptions({
    queryKey: ['console', 'escalations', params],
    queryFn: () => api<EscalationListView>('GET', `/escalations${toQueryString(params)}`),
    placeholderData: keepPreviousData,
    refetchInterval: POLL_MS,
    refetchOnWindowFocus: true,
  });
