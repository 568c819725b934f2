import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { KbEntry, SolutionList } from '../../../shared/api/kb.ts';
import { api } from '../../api/client.ts';

export type SolutionListView = z.infer<typeof SolutionList>;
export type SolutionView = SolutionListView['items'][number];
export type KbEntryView = z.infer<typeof KbEntry>;

/** How many entries the knowledge base page shows for one search (the server's maximum). */
export const KB_SEARCH_LIMIT = 20;

/**
 * GET /solutions: published entries matching q, best first. `issueArea` ranks entries of that area
 * first; it does not hide the others.
 */
export function findSolutions(q: string, issueArea?: string, limit = 5): Promise<SolutionListView> {
  const params = new URLSearchParams({ q, limit: String(limit) });
  if (issueArea) params.set('issueArea', issueArea);
  return api<SolutionListView>('GET', `/solutions?${params.toString()}`);
}

export const kbSearchQuery = (q: string, issueArea: string | undefined) =>
  queryOptions({
    queryKey: ['kb', 'search', q, issueArea ?? '', KB_SEARCH_LIMIT],
    queryFn: () => findSolutions(q, issueArea, KB_SEARCH_LIMIT),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

export const kbEntryQuery = (id: string) =>
  queryOptions({
    queryKey: ['kb', 'entry', id],
    queryFn: () => api<KbEntryView>('GET', `/kb/${encodeURIComponent(id)}`),
    staleTime: 5 * 60_000,
  });

/** The original of an entry is offered as a link only when it is an http(s) address. */
export function isWebAddress(url: string): boolean {
  return /^https?:\/\/\S+$/i.test(url);
}
