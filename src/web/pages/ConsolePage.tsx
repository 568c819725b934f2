import {
  Alert,
  Box,
  Button,
  Container,
  Flex,
  Group,
  Loader,
  Pagination,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useId, useState } from 'react';
import { api } from '../api/client.ts';
import { useMe } from '../api/session.ts';
import { errorMessage, notifySuccess } from '../components/casePage/caseActions.ts';
import { type ConsoleFilterPatch, ConsoleFilters } from '../components/console/ConsoleFilters.tsx';
import { ConsoleTable } from '../components/console/ConsoleTable.tsx';
import { consoleCasesQuery, POLL_MS } from '../components/console/consoleQueries.ts';
import { type ConsoleSearch, type ConsoleSortKey, FIRST_ORDER } from '../components/console/consoleSearch.ts';
import { QueueSelector, queueEntries } from '../components/console/QueueSelector.tsx';
import { formatDuration, useNow } from '../components/workspace/SlaIndicator.tsx';
import { queuesQuery } from '../components/workspace/workspaceApi.ts';

const PAGE_SIZE = 25;

/** "updated 5 s ago", ticking; says how fresh the polled list is. */
function Freshness({ at, fetching, onRefresh }: { at: number; fetching: boolean; onRefresh: () => void }) {
  const now = useNow();
  return (
    <Group gap="xs" wrap="wrap">
      {fetching && <Loader size="xs" aria-hidden="true" />}
      <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {at ? `updated ${formatDuration(Math.max(0, now - at))} ago` : 'loading…'} · refreshes every{' '}
        {POLL_MS / 1000} s
      </Text>
      <Button size="compact-sm" variant="default" onClick={onRefresh}>
        Refresh
      </Button>
    </Group>
  );
}

/**
 * The support console (issue 6): the queue selector with counts, and the cases of the chosen queue with
 * their time to breach, sortable, filterable, paginated, polled every 10 s and on window focus.
 */
export function ConsolePage() {
  const me = useMe();
  const search = useSearch({ from: '/authed/console' });
  const navigate = useNavigate({ from: '/console' });
  const queryClient = useQueryClient();
  const headingId = useId();
  const staff = me?.kind === 'staff';
  const seesAll = me?.staffRole === 'manager' || me?.staffRole === 'administrator';
  const queues = useQuery({ ...queuesQuery, enabled: staff, refetchInterval: POLL_MS });
  const entries = queueEntries(queues.data, seesAll);
  const hasQueues = queues.data?.items.some((q) => q.member) ?? false;
  // With no queue in the URL: my queues when I belong to any, else every case I may work.
  const queue = search.queue ?? (queues.data ? (hasQueues ? 'mine' : 'all') : undefined);
  const active = entries.find((e) => e.queue === queue && e.assignee === search.assignee) ?? null;
  const order = search.order ?? FIRST_ORDER[search.sort];

  useEffect(() => {
    document.title = `${active ? `${active.label} · ` : ''}Support console · Casebook`;
  }, [active]);

  const list = useQuery({
    ...consoleCasesQuery({
      queue: queue ?? 'mine',
      assignee: search.assignee,
      status: search.status,
      priority: search.priority,
      plan: search.plan,
      breach: search.breach,
      q: search.q,
      sort: search.sort,
      order,
      page: search.page,
      pageSize: PAGE_SIZE,
    }),
    enabled: staff && queue !== undefined,
  });

  const [taking, setTaking] = useState<string | null>(null);
  const [takeError, setTakeError] = useState<string | null>(null);
  const take = useMutation({
    mutationFn: (number: string) => api('POST', `/cases/${number}/assignment`, { action: 'take' }),
  });
  async function onTake(number: string) {
    setTaking(number);
    setTakeError(null);
    try {
      await take.mutateAsync(number);
      notifySuccess(`Case ${number} is assigned to you.`);
    } catch (e) {
      setTakeError(`Case ${number} was not assigned to you: ${errorMessage(e)}`);
    } finally {
      setTaking(null);
      await queryClient.invalidateQueries({ queryKey: ['console'] });
    }
  }

  if (me && !staff) {
    return (
      <Container size="lg">
        <Stack gap="md">
          <Title order={1}>Support console</Title>
          <Alert color="blue" title="For support staff">
            The support console is where the vendor's support engineers work cases. Your own cases are in My
            cases.
          </Alert>
        </Stack>
      </Container>
    );
  }

  const update = (patch: Partial<ConsoleSearch>, opts: { replace?: boolean } = {}) =>
    navigate({ search: (prev) => ({ ...prev, ...patch }), replace: opts.replace });
  const onFilter = (patch: ConsoleFilterPatch) =>
    update({ ...patch, page: 1 }, { replace: 'q' in patch && Object.keys(patch).length === 1 });
  const onSort = (column: ConsoleSortKey) =>
    update({
      sort: column,
      order: search.sort === column ? (order === 'asc' ? 'desc' : 'asc') : FIRST_ORDER[column],
      page: 1,
    });

  const data = list.data;
  const total = data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <Container fluid px={0}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <div>
            <Title order={1}>Support console</Title>
            <Text c="dimmed" size="sm">
              Cases ordered by time to first-response breach; the list refreshes itself.
            </Text>
          </div>
          <Freshness
            at={list.dataUpdatedAt}
            fetching={list.isFetching}
            onRefresh={() => void queryClient.invalidateQueries({ queryKey: ['console'] })}
          />
        </Group>
        <Flex direction={{ base: 'column', md: 'row' }} gap="lg" align="flex-start">
          <Box w={{ base: '100%', md: 250 }} style={{ flexShrink: 0 }}>
            <QueueSelector entries={entries} activeId={active?.id ?? null} loading={queues.isPending} />
            {queues.isError && (
              <Alert color="red" role="alert" title="The queues could not be loaded" mt="sm">
                {errorMessage(queues.error)}
              </Alert>
            )}
          </Box>
          <Box style={{ flex: 1, minWidth: 0 }} w="100%">
            <Stack gap="md">
              <ConsoleFilters search={search} onChange={onFilter} />
              <Group justify="space-between" align="baseline" gap="xs">
                <Title order={2} size="h3" id={headingId}>
                  {active?.label ?? 'Cases'}
                </Title>
                <Group gap="xs" aria-live="polite">
                  <VisuallyHidden>{list.isFetching && !data ? 'Loading cases' : ''}</VisuallyHidden>
                  {data && (
                    <Text c="dimmed" size="sm">
                      {total === 1 ? '1 case' : `${total.toLocaleString()} cases`}
                      {pages > 1 && ` · page ${search.page} of ${pages}`}
                    </Text>
                  )}
                </Group>
              </Group>
              {takeError && (
                <Alert
                  color="red"
                  role="alert"
                  title="Not taken"
                  withCloseButton
                  onClose={() => setTakeError(null)}
                  closeButtonLabel="Dismiss"
                >
                  {takeError}
                </Alert>
              )}
              {list.isError && (
                <Alert color="red" title="The cases could not be loaded" role="alert">
                  <Stack gap="xs" align="flex-start">
                    <Text size="sm">{errorMessage(list.error)}</Text>
                    <Button size="compact-sm" variant="default" onClick={() => void list.refetch()}>
                      Try again
                    </Button>
                  </Stack>
                </Alert>
              )}
              {data && data.items.length === 0 ? (
                <Alert color="gray" title="No cases here">
                  No case matches this queue and these filters. Try another queue, or clear the filters.
                </Alert>
              ) : (
                !list.isError && (
                  <ConsoleTable
                    items={data?.items ?? null}
                    refreshing={list.isPlaceholderData}
                    labelledBy={headingId}
                    meId={me?.id ?? ''}
                    taking={taking}
                    onTake={(n) => void onTake(n)}
                    sort={search.sort}
                    order={order}
                    onSort={onSort}
                  />
                )
              )}
              {pages > 1 && (
                <Group justify="center" component="nav" aria-label="Pages of cases">
                  <Pagination
                    total={pages}
                    value={Math.min(search.page, pages)}
                    onChange={(page) => update({ page })}
                    siblings={1}
                    getControlProps={(control) => ({
                      'aria-label': {
                        first: 'First page',
                        previous: 'Previous page',
                        next: 'Next page',
                        last: 'Last page',
                      }[control],
                    })}
                    getItemProps={(page) => ({ 'aria-label': `Page ${page}` })}
                  />
                </Group>
              )}
            </Stack>
          </Box>
        </Flex>
      </Stack>
    </Container>
  );
}
