import { Alert, Card, Stack, Text, Timeline, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type CaseStatus, PRIORITY_DEFINITIONS, type Priority } from '../../../shared/enums.ts';
import { type HistoryView, historyQuery } from '../../api/cases.ts';
import { STATUS_LABELS } from '../CaseBadges.tsx';
import { formatDateTime } from '../format.ts';
import { formatPhone } from './ContactDataCard.tsx';
import { errorMessage } from './caseActions.ts';

const FIELD_LABELS: Record<string, string> = {
  caseEmail: 'case email',
  contactPhone: 'preferred contact number',
  contactTimezone: 'preferred contact timezone',
  status: 'status',
  priority: 'priority',
  owner: 'owner',
};

const ESCALATION_LABELS: Record<string, string> = {
  requested: 'requested',
  acknowledged: 'acknowledged',
  resolved: 'resolved',
};

/** A history value as people read it: status and priority labels, phone numbers formatted. */
function valueText(field: string | null, value: string | null): string {
  if (value === null || value === '') return 'none';
  if (field === 'status') return STATUS_LABELS[value as CaseStatus] ?? value;
  if (field === 'priority') return PRIORITY_DEFINITIONS[value as Priority]?.label ?? value;
  if (field === 'contactPhone') return formatPhone(value);
  if (field === 'escalation') return ESCALATION_LABELS[value] ?? value;
  return value;
}

/** What happened, in words: "Status changed from Open to Solved". */
export function describeHistory(e: HistoryView): string {
  const from = valueText(e.field, e.from);
  const to = valueText(e.field, e.to);
  switch (e.action) {
    case 'case_opened':
      return 'Opened the case';
    case 'comment_added':
      return 'Added a comment';
    case 'internal_note_added':
      return 'Added an internal note';
    case 'status_changed':
      return e.from ? `Status changed from ${from} to ${to}` : `Status set to ${to}`;
    case 'priority_changed':
      return e.from ? `Priority changed from ${from} to ${to}` : `Priority set to ${to}`;
    case 'team_contact_added':
      return `Added ${to} to the case team`;
    case 'team_contact_removed':
      return `Removed ${from} from the case team`;
    case 'contact_changed':
      return `Changed the ${FIELD_LABELS[e.field ?? ''] ?? e.field ?? 'contact data'} from ${from} to ${to}`;
    case 'attachment_added':
      return `Attached ${to}`;
    case 'attachment_deleted':
      return `Deleted the attachment ${from}`;
    case 'pending_reminder_sent':
      return 'Reminded the case contacts that the case is waiting for their reply';
    case 'escalation_requested':
      return 'Requested an escalation';
    case 'escalation_acknowledged':
      return 'Acknowledged the escalation';
    case 'escalation_resolved':
      return 'Resolved the escalation';
    case 'priority_change_reason':
      return `Reason for the priority change: ${e.to ?? ''}`;
    case 'status_change_reason':
      return `Reason for the status change: ${e.to ?? ''}`;
    case 'merged_into':
      return `Merged into case ${e.to ?? ''} as a duplicate`;
    case 'case_merged_in':
      return `Case ${e.to ?? ''} was merged into this case`;
    case 'queue_changed':
      return `Moved from queue ${from} to ${to}`;
    case 'owner_changed':
      return e.to ? `Owner changed${e.from ? ` from ${from}` : ''} to ${to}` : 'Owner removed';
    default: {
      const words = e.action.replaceAll('_', ' ');
      const sentence = words.charAt(0).toUpperCase() + words.slice(1);
      if (e.field && (e.from || e.to)) return `${sentence}: ${e.field} from ${from} to ${to}`;
      return sentence;
    }
  }
}

/** Every change to the case, oldest first: who, when, what. */
export function CaseHistory({ number }: { number: string }) {
  const history = useQuery(historyQuery(number));
  const items = history.data?.items ?? [];
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="history-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="history-title">
          History
        </Title>
        {history.isPending && <Text c="dimmed">Loading the history…</Text>}
        {history.isError && (
          <Alert color="red" role="alert" title="The history could not be loaded">
            {errorMessage(history.error)}
          </Alert>
        )}
        {items.length > 0 && (
          <Timeline bulletSize={14} lineWidth={2} active={items.length - 1}>
            {items.map((e) => (
              <Timeline.Item
                key={e.id}
                title={
                  <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {describeHistory(e)}
                  </Text>
                }
              >
                <Text size="xs" c="dimmed">
                  {e.actor?.name ?? 'Casebook (automatic)'} ·{' '}
                  <time dateTime={e.createdAt}>{formatDateTime(e.createdAt)}</time>
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </Stack>
    </Card>
  );
}
