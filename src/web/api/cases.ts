import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AccountPermissions, IssueArea, OrgAdmin, OrgSummary } from '../../shared/api/accounts.ts';
import type {
  Attachment,
  CaseDetail,
  CaseList,
  CaseListQuery,
  Comment,
  HistoryEntry,
} from '../../shared/api/cases.ts';
import { api } from './client.ts';

export type CaseView = z.infer<typeof CaseDetail>;
export type CaseListView = z.infer<typeof CaseList>;
export type CaseListParams = Partial<z.input<typeof CaseListQuery>>;
export type CommentView = z.infer<typeof Comment>;
export type AttachmentView = z.infer<typeof Attachment>;
export type HistoryView = z.infer<typeof HistoryEntry>;
export type OrgView = z.infer<typeof OrgSummary>;
export type OrgAdminView = z.infer<typeof OrgAdmin>;
export type IssueAreaView = z.infer<typeof IssueArea>;
export type AccountPermissionsView = z.infer<typeof AccountPermissions>;

interface Items<T> {
  items: T[];
  total: number;
}

function toQueryString(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const caseKeys = {
  all: ['cases'] as const,
  list: (params: CaseListParams) => ['cases', 'list', params] as const,
  detail: (number: string) => ['cases', 'detail', number] as const,
  comments: (number: string) => ['cases', 'detail', number, 'comments'] as const,
  attachments: (number: string) => ['cases', 'detail', number, 'attachments'] as const,
  history: (number: string) => ['cases', 'detail', number, 'history'] as const,
};

export const caseListQuery = (params: CaseListParams) =>
  queryOptions({
    queryKey: caseKeys.list(params),
    queryFn: () =>
      api<CaseListView>(
        'GET',
        `/cases${toQueryString(params as Record<string, string | number | undefined>)}`,
      ),
    placeholderData: keepPreviousData,
  });

export const caseQuery = (number: string) =>
  queryOptions({
    queryKey: caseKeys.detail(number),
    queryFn: () => api<CaseView>('GET', `/cases/${number}`),
  });

export const commentsQuery = (number: string) =>
  queryOptions({
    queryKey: caseKeys.comments(number),
    queryFn: () => api<Items<CommentView>>('GET', `/cases/${number}/comments`),
  });

export const attachmentsQuery = (number: string) =>
  queryOptions({
    queryKey: caseKeys.attachments(number),
    queryFn: () => api<Items<AttachmentView>>('GET', `/cases/${number}/attachments`),
  });

export const historyQuery = (number: string) =>
  queryOptions({
    queryKey: caseKeys.history(number),
    queryFn: () => api<Items<HistoryView>>('GET', `/cases/${number}/history`),
  });

export const orgsQuery = queryOptions({
  queryKey: ['orgs'],
  queryFn: () => api<Items<OrgView>>('GET', '/orgs'),
  staleTime: 5 * 60_000,
});

export const issueAreasQuery = queryOptions({
  queryKey: ['issue-areas'],
  queryFn: () => api<Items<IssueAreaView>>('GET', '/issue-areas'),
  staleTime: 10 * 60_000,
});

export const orgAdminsQuery = (org: string) =>
  queryOptions({
    queryKey: ['orgs', org, 'admins'],
    queryFn: () => api<Items<OrgAdminView>>('GET', `/orgs/${encodeURIComponent(org)}/admins`),
    staleTime: 60_000,
  });

export const accountPermissionsQuery = queryOptions({
  queryKey: ['account', 'permissions'],
  queryFn: () => api<AccountPermissionsView>('GET', '/account/permissions'),
});

export function useCaseList(params: CaseListParams) {
  return useQuery(caseListQuery(params));
}
