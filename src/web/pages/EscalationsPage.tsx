import {
  Alert,
  Badge,
  Button,
  Card,
  Container,
  Group,
  Pagination,
  Skeleton,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useMe } from '../api/session.ts';
import { PriorityBadge } from '../components/CaseBadges.tsx';
import { errorMessage } from '../components/casePage/caseActions.ts';
import { type EscalationItemView, escalationsQuery } from '../components/console/consoleQueries.ts';
import type { EscalationsSearch } from '../components/console/consoleSearch.ts';
import { PlanBadge, StaffStatusBadge } from '../components/console/StaffBadges.tsx';
import { formatDateTime } from '../components/format.ts';
import { AnchorLink } from '../components/links.tsx';
import { EscalationActions } from '../components/workspace/EscalationActions.tsx';

const PAGE_SIZE = 25;

const STATE: Record<EscalationItemView['state'], { label: string; color: string }> = {
  requested: { label: 'Requested', color: 'orange' },
  acknowledged: { label: 'Acknowledged', color: 'blue' },
  resolved: { label: 'Resolved', color: 'teal' },
};

const TABS: { value: EscalationsSearch['state']; label: string }[] = [
  { value: 'active', label: 'Active' },
  { value: 'requested', label: 'Requested' },
  { value: 'acknowledged', label: 'Acknowledged' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'all', label: 'All' },
];

export function EscalationStateBadge({ state }: { state: EscalationItemView['state'] }) {
  const s = STATE[state];
  return (
    <Badge
      variant="filled"
      style={{
        backgroundColor: `var(--mantine-color-${s.color}-1)`,
        color: 'var(--mantine-color-dark-9)',
        border: `1px solid var(--mantine-color-${s.color}-5)`,
      }}
    >
      {s.label}
    </Badge>
  );
}

const para = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' } as const;

function EscalationItem({ e }: { e: EscalationItemView }) {
  const c = e.case;
  return (
    <Card
      withBorder
      padding="md"
      component="article"
      aria-labelledby={`esc-${e.id}`}
      data-escalation-state={e.state}
    >
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <div style={{ minWidth: 0, flex: 1 }}>
            <Group gap="xs" wrap="wrap">
              <EscalationStateBadge state={e.state} />
              <PriorityBadge priority={c.priority} />
              <PlanBadge plan={c.plan} />
              <StaffStatusBadge status={c.status} />
            </Group>
            <Title order={2} size="h4" mt={6} id={`esc-${e.id}`} style={{ overflowWrap: 'anywhere' }}>
              <AnchorLink to="/cases/$number" params={{ number: c.number }} inherit>
                Case {c.number}: {c.subject}
              </AnchorLink>
            </Title>
            <Text size="sm" c="dimmed">
              {c.account} · {c.org} · queue {c.queue.name} ·{' '}
              {c.assignee ? `assigned to ${c.assignee.name}` : 'unassigned'}
            </Text>
          </div>
          <EscalationActions number={c.number} state={e.state} />
        </Group>
        <Text size="sm" style={para}>
          <strong>Reason:</strong> {e.reason}
        </Text>
        <Text size="sm" style={para}>
          <strong>Business justification:</strong> {e.justification}
        </Text>
        <Text size="xs" c="dimmed">
          Requested {formatDateTime(e.requestedAt)}
          {e.requestedBy ? ` by ${e.requestedBy.name}` : ''}
          {e.acknowledgedAt &&
            ` · acknowledged ${formatDateTime(e.acknowledgedAt)}${e.acknowledgedBy ? ` by ${e.acknowledgedBy.name}` : ''}`}
          {e.resolvedAt &&
            ` · resolved ${formatDateTime(e.resolvedAt)}${e.resolvedBy ? ` by ${e.resolvedBy.name}` : ''}`}
        </Text>
        {e.acknowledgementNote && (
          <Text size="sm" style={para}>
            <strong>Acknowledgement note (customer sees it):</strong> {e.acknowledgementNote}
          </Text>
        )}
        {e.resolutionNote && (
          <Text size="sm" style={para}>
            <strong>Resolution note (customer sees it):</strong> {e.resolutionNote}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** The managers' escalations view (issue 6): escalations by state, acknowledged and resolved with a note. */
export function EscalationsPage() {
  const me = useMe();
  const search = useSearch({ from: '/authed/console/escalations' });
  const navigate = useNavigate({ from: '/console/escalations' });
  const allowed = me?.staffRole === 'manager' || me?.staffRole === 'administrator';
  const list = useQuery({
    ...escalationsQuery({ state: search.state, page: search.page, pageSize: PAGE_SIZE }),
    enabled: allowed,
  });

  useEffect(() => {
    document.title = 'Escalations · Support console · Casebook';
  }, []);

  if (me && !allowed) {
    return (
      <Container size="lg">
        <Stack gap="md">
          <Title order={1}>Escalations</Title>
          <Alert color="blue" title="For support managers">
            Escalations are handled by support managers and administrators.
            {me.kind === 'staff' ? ' An escalated case still shows its escalation on the case page.' : ''}
          </Alert>
        </Stack>
      </Container>
    );
  }

  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <Container size="lg">
      <Stack gap="md">
        <div>
          <AnchorLink to="/console" size="sm">
            ← Support console
          </AnchorLink>
          <Title order={1} mt="xs">
            Escalations
          </Title>
          <Text c="dimmed" size="sm">
            Customers' escalation requests. Acknowledge each with a note, and resolve it when done: the
            customer sees both notes.
          </Text>
        </div>
        <Tabs
          value={search.state}
          onChange={(v) =>
            void navigate({
              search: { state: TABS.find((t) => t.value === v)?.value ?? 'active', page: 1 },
            })
          }
        >
          <Tabs.List aria-label="Escalations by state">
            {TABS.map((t) => (
              <Tabs.Tab key={t.value} value={t.value}>
                {t.label}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {TABS.map((t) => (
            <Tabs.Panel key={t.value} value={t.value} pt="md">
              {t.value === search.state && (
                <Stack gap="sm">
                  <Text size="sm" c="dimmed" aria-live="polite">
                    {list.data ? (total === 1 ? '1 escalation' : `${total} escalations`) : ''}
                  </Text>
                  {list.isError && (
                    <Alert color="red" role="alert" title="The escalations could not be loaded">
                      <Stack gap="xs" align="flex-start">
                        <Text size="sm">{errorMessage(list.error)}</Text>
                        <Button size="compact-sm" variant="default" onClick={() => void list.refetch()}>
                          Try again
                        </Button>
                      </Stack>
                    </Alert>
                  )}
                  {list.isPending && !list.isError && (
                    <Stack gap="sm">
                      <Skeleton height={120} />
                      <Skeleton height={120} />
                    </Stack>
                  )}
                  {list.data && list.data.items.length === 0 && (
                    <Alert color="gray" title="No escalations">
                      Nothing in this list.
                    </Alert>
                  )}
                  {list.data && list.data.items.length > 0 && (
                    <Stack gap="sm">
                      {list.data.items.map((e) => (
                        <EscalationItem key={e.id} e={e} />
                      ))}
                    </Stack>
                  )}
                </Stack>
              )}
            </Tabs.Panel>
          ))}
        </Tabs>
        {pages > 1 && (
          <Group justify="center" component="nav" aria-label="Pages of escalations">
            <Pagination
              total={pages}
              value={Math.min(search.page, pages)}
              onChange={(page) => void navigate({ search: (prev) => ({ ...prev, page }) })}
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
    </Container>
  );
}
