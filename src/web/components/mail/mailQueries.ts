import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { MailMessage, MailMessageList, OutboxList } from '../../../shared/api/mail.ts';
import { api } from '../../api/client.ts';

export type MailMessageListView = z.infer<typeof MailMessageList>;
export type MailSummaryView = MailMessageListView['items'][number];
export type MailMessageView = z.infer<typeof MailMessage>;
export type OutboxListView = z.infer<typeof OutboxList>;
export type OutboxItemView = OutboxListView['items'][number];
export type MailDirection = 'out' | 'in';
export type OutboxState = 'failing' | 'given_up';

/** Messages per page of the mail list. */
export const MAIL_PAGE_SIZE = 25;

/** The mail pages poll, so a message appears moments after the worker delivered it. */
export const MAIL_POLL_MS = 5_000;

export interface MailFilter {
  direction?: MailDirection | undefined;
  /** a case number of up to 8 digits */
  caseNumber?: string | undefined;
  page: number;
  pageSize?: number;
}

export const mailKeys = {
  all: ['mail'] as const,
  messages: (f: MailFilter) => ['mail', 'messages', f] as const,
  message: (id: string) => ['mail', 'message', id] as const,
  outboxAll: ['mail', 'outbox'] as const,
  outbox: (state: OutboxState) => ['mail', 'outbox', state] as const,
};

function messagesPath(f: MailFilter): string {
  const q = new URLSearchParams({ page: String(f.page), pageSize: String(f.pageSize ?? MAIL_PAGE_SIZE) });
  if (f.direction) q.set('direction', f.direction);
  if (f.caseNumber) q.set('case', f.caseNumber);
  return `/mail/messages?${q.toString()}`;
}

/** GET /mail/messages: newest first, polled. */
export const mailMessagesQuery = (f: MailFilter) =>
  queryOptions({
    queryKey: mailKeys.messages(f),
    queryFn: () => api<MailMessageListView>('GET', messagesPath(f)),
    placeholderData: keepPreviousData,
    refetchInterval: MAIL_POLL_MS,
  });

/** The newest outgoing message: its transport says whether this is the dev mailbox or the mail log. */
export const newestOutgoingQuery = mailMessagesQuery({ direction: 'out', page: 1, pageSize: 1 });

/** One message with its bodies; a message never changes once recorded. */
export const mailMessageQuery = (id: string) =>
  queryOptions({
    queryKey: mailKeys.message(id),
    queryFn: () => api<MailMessageView>('GET', `/mail/messages/${encodeURIComponent(id)}`),
    staleTime: Number.POSITIVE_INFINITY,
  });

/** GET /mail/outbox: notifications being retried (failing) or given up; polled. */
export const outboxQuery = (state: OutboxState) =>
  queryOptions({
    queryKey: mailKeys.outbox(state),
    queryFn: () => api<OutboxListView>('GET', `/mail/outbox?state=${state}`),
    refetchInterval: MAIL_POLL_MS,
  });

/** POST /mail/outbox/{id}/retry: a given-up notification is tried again now (managers, administrators). */
export function retryDelivery(id: string): Promise<void> {
  return api<void>('POST', `/mail/outbox/${encodeURIComponent(id)}/retry`);
}

/** What a notification's topic is, in words. */
const TOPIC_LABELS: Record<string, string> = {
  'case.created': 'Case opened',
  'case.comment_added': 'New comment',
  'case.status_changed': 'Status changed',
  'case.team_added': 'Added to the case team',
  'case.escalation_requested': 'Escalation requested',
  'case.escalation_updated': 'Escalation updated',
  'case.attachment_added': 'Attachment added',
  'case.priority_changed': 'Priority changed',
  'case.pending_reminder': 'Reminder: waiting for a reply',
  'mail.bounce': 'Bounce to a sender',
};

export function topicLabel(topic: string): string {
  return TOPIC_LABELS[topic] ?? topic;
}

const STATUS_LABELS: Record<string, string> = {
  sent: 'Sent',
  posted: 'Posted to the case',
  duplicate: 'Duplicate, ignored',
  ignored_automated: 'Automated mail, ignored',
  bounced: 'Bounced',
  refused: 'Refused',
};

/** A message's status in words; "sent" to the dev mailbox means kept here, not sent anywhere. */
export function mailStatusLabel(status: string, transport: string): string {
  if (status === 'sent' && transport === 'dev_mailbox') return 'Kept, not sent';
  return STATUS_LABELS[status] ?? status;
}
