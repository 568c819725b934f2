import { Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { formatDateTime } from '../format.ts';
import { AnchorLink } from '../links.tsx';
import { DirectionBadge } from './MailBadges.tsx';
import { type MailSummaryView, mailStatusLabel } from './mailQueries.ts';

function Party({ m }: { m: MailSummaryView }) {
  const to = [...m.to, ...m.cc].join(', ');
  return (
    <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
      {m.direction === 'out' ? `To ${to || '—'}` : `From ${m.from}`}
    </Text>
  );
}

/**
 * The mail list, newest first: direction, subject (selects the message; its id goes into the URL),
 * to or from, case, status and time. The message shown is marked (its link is the current page's
 * address, so the router gives it aria-current="page").
 */
export function MailMessageList({
  items,
  selectedId,
  labelledBy,
  refreshing,
  onSelect,
}: {
  items: MailSummaryView[] | null;
  selectedId: string | undefined;
  labelledBy: string;
  refreshing: boolean;
  onSelect: () => void;
}) {
  if (!items) {
    return (
      <Stack gap="xs" aria-hidden="true">
        <Skeleton height={84} radius="md" />
        <Skeleton height={84} radius="md" />
        <Skeleton height={84} radius="md" />
      </Stack>
    );
  }
  return (
    <Paper withBorder radius="md" style={{ opacity: refreshing ? 0.6 : 1 }}>
      <Stack component="ul" gap={0} m={0} p={0} style={{ listStyle: 'none' }} aria-labelledby={labelledBy}>
        {items.map((m, i) => {
          const selected = m.id === selectedId;
          return (
            <li
              key={m.id}
              style={{
                padding: 'var(--mantine-spacing-sm) var(--mantine-spacing-md)',
                borderTop: i === 0 ? undefined : '1px solid var(--mantine-color-default-border)',
                borderLeft: `4px solid ${selected ? 'var(--mantine-primary-color-filled)' : 'transparent'}`,
              }}
            >
              <Group justify="space-between" gap="xs" wrap="wrap">
                <Group gap="xs" wrap="wrap">
                  <DirectionBadge direction={m.direction} />
                  <Text size="xs" c="dimmed" title={m.detail ?? undefined}>
                    {mailStatusLabel(m.status, m.transport)}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed" component="time" dateTime={m.createdAt}>
                  {formatDateTime(m.createdAt)}
                </Text>
              </Group>
              <Text fw={600} size="sm" mt={4} style={{ overflowWrap: 'anywhere' }}>
                <AnchorLink
                  from="/dev/mail"
                  to="/dev/mail"
                  search={(prev) => ({ ...prev, message: m.id })}
                  onClick={onSelect}
                  c="inherit"
                >
                  {m.subject || '(no subject)'}
                </AnchorLink>
              </Text>
              <Group justify="space-between" gap="xs" wrap="wrap" mt={2}>
                <Party m={m} />
                {m.caseNumber && (
                  <Text size="sm">
                    <AnchorLink to="/cases/$number" params={{ number: m.caseNumber }} underline="always">
                      Case {m.caseNumber}
                    </AnchorLink>
                  </Text>
                )}
              </Group>
            </li>
          );
        })}
      </Stack>
    </Paper>
  );
}
