import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AdminAccount,
  AdminIssueArea,
  AdminOrgAdmin,
  AdminPlan,
  AdminQueue,
  CannedResponse,
  QueueMember,
  StaffUser,
} from '../../../shared/api/admin.ts';
import { ApiRequestError, api } from '../../api/client.ts';

export type AccountView = z.output<typeof AdminAccount>;
export type OrgView = AccountView['orgs'][number];
export type OrgAdminView = z.output<typeof AdminOrgAdmin>;
export type PlanView = z.output<typeof AdminPlan>;
export type IssueAreaView = z.output<typeof AdminIssueArea>;
export type QueueView = z.output<typeof AdminQueue>;
export type QueueMemberView = z.output<typeof QueueMember>;
export type CannedResponseView = z.output<typeof CannedResponse>;
export type StaffUserView = z.output<typeof StaffUser>;

interface List<T> {
  items: T[];
  total: number;
}

export const adminKeys = {
  all: ['admin'] as const,
  accounts: ['admin', 'accounts'] as const,
  orgAdmins: (orgId: string) => ['admin', 'org-admins', orgId] as const,
  plans: ['admin', 'plans'] as const,
  issueAreas: ['admin', 'issue-areas'] as const,
  queues: ['admin', 'queues'] as const,
  staff: ['admin', 'staff'] as const,
  canned: ['canned-responses'] as const,
};

export const accountsQuery = queryOptions({
  queryKey: adminKeys.accounts,
  queryFn: () => api<List<AccountView>>('GET', '/admin/accounts'),
});
export const orgAdminsQuery = (orgId: string) =>
  queryOptions({
    queryKey: adminKeys.orgAdmins(orgId),
    queryFn: () => api<List<OrgAdminView>>('GET', `/admin/orgs/${encodeURIComponent(orgId)}/admins`),
  });
export const plansQuery = queryOptions({
  queryKey: adminKeys.plans,
  queryFn: () => api<List<PlanView>>('GET', '/admin/plans'),
});
export const adminIssueAreasQuery = queryOptions({
  queryKey: adminKeys.issueAreas,
  queryFn: () => api<List<IssueAreaView>>('GET', '/admin/issue-areas'),
});
export const adminQueuesQuery = queryOptions({
  queryKey: adminKeys.queues,
  queryFn: () => api<List<QueueView>>('GET', '/admin/queues'),
});
export const staffQuery = queryOptions({
  queryKey: adminKeys.staff,
  queryFn: () => api<List<StaffUserView>>('GET', '/admin/staff'),
});
export const cannedResponsesQuery = queryOptions({
  queryKey: adminKeys.canned,
  queryFn: () => api<List<CannedResponseView>>('GET', '/canned-responses'),
});

type Method = 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * A write of administration: on success every admin list (and the canned responses, and the issue areas
 * of the case form) is refreshed, as one change shows in several places (a member in a queue and in staff).
 */
export function useAdminWrite<T = unknown>() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ method, path, body }: { method: Method; path: string; body?: unknown }) =>
      api<T>(method, path, body),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: adminKeys.all }),
        queryClient.invalidateQueries({ queryKey: adminKeys.canned }),
        queryClient.invalidateQueries({ queryKey: ['issue-areas'] }),
      ]);
    },
  });
}

/** A readable message for any failure. */
export function errorText(e: unknown): string {
  if (e instanceof ApiRequestError) return e.message;
  return 'Something went wrong. Please try again.';
}

export const minutesLabel = (minutes: number): string => {
  if (minutes % 1440 === 0) return `${minutes / 1440} d`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  if (minutes > 60) return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  return `${minutes} min`;
};
