import { Alert, Button, Group, Paper, Skeleton, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ApiRequestError } from '../../api/client.ts';
import { InfoList } from '../casePage/InfoList.tsx';
import { formatDateTime } from '../format.ts';
import { AnchorLink } from '../links.tsx';
import { notify } from '../toasts.tsx';
import {
  mailKeys,
  type OutboxItemView,
  type OutboxState,
  outboxQuery,
  retryDelivery,
  topicLabel,
} from './mailQueries.ts';

const mono = { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 'var(--mantine-font-size-xs)' };

function describe(item: OutboxItemView): string {
  return `${topicLabel(item.topic)}${item.caseNumber ? ` of case ${item.caseNumber}` : ''}`;
}

/** Tries a given-up notification again; the row then leaves "Given up" and waits for the worker. */
function RetryButton({ item }: { item: OutboxItemView }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const retry = useMutation({
    mutationFn: () => retryDelivery(item.id),
    onSuccess: () => {
      setError(null);
      notify({ message: `${describe(item)}: queued again; the mail worker sends it shortly.` });
    },
    onError: (e) => {
      if (e instanceof ApiRequestError && (e.status === 409 || e.status === 404)) {
        notify({ message: `${describe(item)} was no longer given up; the list is refreshed.` });
      } else {
        setError(e.message);
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: mailKeys.outboxAll }),
  });
  return (
    <Stack gap={4} align="flex-start">
      <Button size="compact-sm" variant="light" loading={retry.isPending} onClick={() => retry.mutate()}>
        Retry<VisuallyHidden> {describe(item)}</VisuallyHidden>
      </Button>
      {error && (
        <Text size="sm" c="var(--mantine-color-error)" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}

function OutboxRow({ item, canRetry }: { item: OutboxItemView; canRetry: boolean }) {
  const givenUp = item.givenUpAt !== null;
  return (
    <Paper withBorder radius="md" p="md" component="li">
      <Group justify="space-between" align="flex-start" gap="xs" mb="xs">
        <Text fw={600} size="sm">
          {topicLabel(item.topic)}
          {item.caseNumber && (
            <>
              {' · '}
              <AnchorLink to="/cases/$number" params={{ number: item.caseNumber }} underline="always">
                Case {item.caseNumber}
              </AnchorLink>
            </>
          )}
        </Text>
        {givenUp && canRetry && <RetryButton item={item} />}
      </Group>
      <InfoList
        grid
        items={[
          { label: 'Attempts', value: item.attempts },
          { label: 'Queued', value: formatDateTime(item.createdAt) },
          givenUp
            ? { label: 'Given up', value: formatDateTime(item.givenUpAt) }
            : { label: 'Next attempt', value: formatDateTime(item.nextAttemptAt) },
          { label: 'Last error', value: <span style={mono}>{item.lastError ?? '—'}</span> },
        ]}
      />
    </Paper>
  );
}

function OutboxSection({
  state,
  title,
  intro,
  empty,
  canRetry,
}: {
  state: OutboxState;
  title: string;
  intro: string;
  empty: string;
  canRetry: boolean;
}) {
  const headingId = useId();
  const list = useQuery(outboxQuery(state));
  return (
    <section aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId}>
        {title}
        {list.data && list.data.total > 0 && (
          <Text span c="dimmed" fw={400} inherit>
            {' '}
            ({list.data.total})
          </Text>
        )}
      </Title>
      <Text size="sm" c="dimmed" mt={4} mb="sm">
        {intro}
      </Text>
      {list.isPending ? (
        <Skeleton height={90} radius="md" />
      ) : list.isError ? (
        <Alert color="red" title="The notifications could not be loaded" role="alert">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{list.error.message}</Text>
            <Button size="compact-sm" variant="default" onClick={() => void list.refetch()}>
              Try again
            </Button>
          </Stack>
        </Alert>
      ) : list.data.items.length === 0 ? (
        <Text size="sm">{empty}</Text>
      ) : (
        <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }} aria-labelledby={headingId}>
          {list.data.items.map((item) => (
            <OutboxRow key={item.id} item={item} canRetry={canRetry} />
          ))}
        </Stack>
      )}
    </section>
  );
}

/**
 * Delivery problems: notifications the worker is retrying (with backoff) and those it gave up on after
 * the last attempt. Managers and administrators may retry a given-up one.
 */
export function DeliveryProblems({ canRetry }: { canRetry: boolean }) {
  const failing = useQuery(outboxQuery('failing'));
  const givenUp = useQuery(outboxQuery('given_up'));
  const allDelivered = failing.data?.total === 0 && givenUp.data?.total === 0;
  return (
    <Stack gap="lg">
      {allDelivered && (
        <Paper withBorder radius="md" p="lg">
          <Text fw={500}>Every notification was delivered.</Text>
          <Text size="sm" c="dimmed" mt={4}>
            Nothing is being retried and nothing was given up. A notification that fails is retried with
            growing pauses and shows up here.
          </Text>
        </Paper>
      )}
      <OutboxSection
        state="given_up"
        title="Given up"
        intro={
          canRetry
            ? 'Delivery stopped after the last attempt. Retry once the cause (the relay, an address) is fixed.'
            : 'Delivery stopped after the last attempt. A support manager or administrator can retry them.'
        }
        empty="No notification was given up."
        canRetry={canRetry}
      />
      <OutboxSection
        state="failing"
        title="Being retried"
        intro="Delivery failed at least once; the mail worker tries again at the next attempt."
        empty="No notification is waiting for another attempt."
        canRetry={false}
      />
    </Stack>
  );
}
