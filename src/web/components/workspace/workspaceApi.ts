import { queryOptions, useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AssignmentChange,
  ConsoleSla,
  EscalationNote,
  MergeRequest,
  PriorityChange,
  QueueChange,
  QueueList,
  QueueMemberList,
  QueueRef,
  StaffList,
  StatusChange,
} from '../../../shared/api/console.ts';
import type { CaseView } from '../../api/cases.ts';
import { ApiRequestError, api } from '../../api/client.ts';
import { useRefreshCase } from '../casePage/caseActions.ts';

export type QueueListView = z.infer<typeof QueueList>;
export type QueueView = QueueListView['items'][number];
export type QueueMembersView = z.infer<typeof QueueMemberList>;
export type StaffListView = z.infer<typeof StaffList>;
export type SlaView = z.infer<typeof ConsoleSla>;
export type QueueRefView = z.infer<typeof QueueRef>;

interface Items<T> {
  items: T[];
  total: number;
}

export const queuesQuery = queryOptions({
  queryKey: ['console', 'queues'],
  queryFn: () => api<QueueListView>('GET', '/queues'),
  staleTime: 10_000,
});

export const queueMembersQuery = (key: string) =>
  queryOptions({
    queryKey: ['console', 'queues', key, 'members'],
    queryFn: () => api<QueueMembersView>('GET', `/queues/${encodeURIComponent(key)}/members`),
    staleTime: 60_000,
  });

export const staffQuery = queryOptions({
  queryKey: ['console', 'staff'],
  queryFn: () => api<StaffListView>('GET', '/staff'),
  staleTime: 60_000,
});

/** A canned response as the administration API gives it (only the fields the picker needs). */
export interface CannedResponseView {
  id: string;
  title: string;
  body: string;
}

/**
 * Canned responses for a case of `queue` (those of the queue and the global ones). A server without
 * the endpoint (404/501) answers an empty list: the picker then says there are none.
 */
export const cannedResponsesQuery = (queue: string | null) =>
  queryOptions({
    queryKey: ['console', 'canned-responses', queue ?? ''],
    queryFn: async (): Promise<Items<CannedResponseView>> => {
      try {
        return await api<Items<CannedResponseView>>(
          'GET',
          `/canned-responses${queue ? `?queue=${encodeURIComponent(queue)}` : ''}`,
        );
      } catch (e) {
        if (e instanceof ApiRequestError && (e.status === 404 || e.status === 501))
          return { items: [], total: 0 };
        throw e;
      }
    },
    staleTime: 60_000,
  });

export type CaseCommand =
  | { path: 'status'; body: StatusChange }
  | { path: 'priority'; body: PriorityChange }
  | { path: 'assignment'; body: AssignmentChange }
  | { path: 'queue'; body: QueueChange }
  | { path: 'merge'; body: MergeRequest }
  | { path: 'escalation/acknowledge'; body: EscalationNote }
  | { path: 'escalation/resolve'; body: EscalationNote };

/**
 * One of the workspace's commands on a case (POST /cases/{number}/<path>); afterwards everything shown
 * about the case, the console lists, the queue counts and the escalations are refreshed.
 */
export function useCaseCommand(number: string) {
  const refresh = useRefreshCase(number);
  return useMutation({
    mutationKey: ['case-command', number],
    mutationFn: (cmd: CaseCommand) => api<CaseView>('POST', `/cases/${number}/${cmd.path}`, cmd.body),
    onSuccess: async (_data, _vars, _ctx, { client }) => {
      await Promise.all([refresh(), client.invalidateQueries({ queryKey: ['console'] })]);
    },
  });
}
