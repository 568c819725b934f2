import { Badge, Group, NavLink, type NavLinkProps, Skeleton, Stack, Text } from '@mantine/core';
import { createLink } from '@tanstack/react-router';
import { forwardRef } from 'react';
import type { QueueListView } from '../workspace/workspaceApi.ts';
import type { ConsoleSearch } from './consoleSearch.ts';

export interface QueueEntry {
  id: string;
  label: string;
  description?: string;
  queue: string;
  assignee: ConsoleSearch['assignee'];
  open: number | null;
  breached: number | null;
}

/**
 * The selector's entries: My queues, Assigned to me, Unassigned (in my queues, or everywhere for a
 * manager without queues), All cases (managers and administrators), then each queue (an engineer's own
 * queues; every queue for managers and administrators).
 */
export function queueEntries(data: QueueListView | undefined, seesAll: boolean): QueueEntry[] {
  if (!data) return [];
  const mineQueues = data.items.filter((q) => q.member);
  const shown = seesAll ? data.items : mineQueues;
  type Q = QueueListView['items'][number];
  const sum = (qs: Q[], f: (q: Q) => number) => qs.reduce((n, q) => n + f(q), 0);
  const hasQueues = mineQueues.length > 0;
  const entries: QueueEntry[] = [];
  if (hasQueues) {
    entries.push({
      id: 'mine',
      label: 'My queues',
      queue: 'mine',
      assignee: 'any',
      open: sum(mineQueues, (q) => q.counts.open),
      breached: sum(mineQueues, (q) => q.counts.breached),
    });
  }
  entries.push({
    id: 'me',
    label: 'Assigned to me',
    queue: 'all',
    assignee: 'me',
    open: data.mine.open,
    breached: data.mine.breached,
  });
  entries.push({
    id: 'unassigned',
    label: 'Unassigned',
    queue: hasQueues ? 'mine' : 'all',
    assignee: 'unassigned',
    open: sum(hasQueues ? mineQueues : data.items, (q) => q.counts.unassigned),
    breached: null,
  });
  if (seesAll) {
    entries.push({
      id: 'all',
      label: 'All cases',
      queue: 'all',
      assignee: 'any',
      open: sum(data.items, (q) => q.counts.open),
      breached: sum(data.items, (q) => q.counts.breached),
    });
  }
  for (const q of shown) {
    entries.push({
      id: `queue:${q.key}`,
      label: q.name,
      description: q.triage ? 'Triage: cases no issue area routes' : q.description || undefined,
      queue: q.key,
      assignee: 'any',
      open: q.counts.open,
      breached: q.counts.breached,
    });
  }
  return entries;
}

const NavLinkBase = forwardRef<
  HTMLAnchorElement,
  NavLinkProps & React.AnchorHTMLAttributes<HTMLAnchorElement>
>((props, ref) => <NavLink ref={ref} component="a" {...props} />);
const RouterNavLink = createLink(NavLinkBase);

function Counts({ e }: { e: QueueEntry }) {
  if (e.open === null) return null;
  return (
    <Group gap={4} wrap="wrap" mt={2} component="span">
      <Badge variant="light" color="gray" style={{ color: 'var(--mantine-color-text)' }}>
        {e.open} open
      </Badge>
      {e.breached !== null && e.breached > 0 && (
        <Badge
          variant="filled"
          style={{
            backgroundColor: 'var(--mantine-color-red-1)',
            color: 'var(--mantine-color-dark-9)',
            border: '1px solid var(--mantine-color-red-5)',
          }}
        >
          {e.breached} breached
        </Badge>
      )}
    </Group>
  );
}

/** The queue selector: a list of links (each keeps the other filters), the current one marked. */
export function QueueSelector({
  entries,
  activeId,
  loading,
}: {
  entries: QueueEntry[];
  activeId: string | null;
  loading: boolean;
}) {
  return (
    <Stack gap={4} component="nav" aria-label="Queues">
      <Text fw={700} size="sm" id="queue-selector-title">
        Queues
      </Text>
      {loading &&
        Array.from({ length: 4 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
          <Skeleton key={i} height={36} radius="sm" />
        ))}
      {entries.map((e) => {
        const active = e.id === activeId;
        return (
          <RouterNavLink
            key={e.id}
            from="/console"
            to="/console"
            search={(prev) => ({ ...prev, queue: e.queue, assignee: e.assignee, page: 1 })}
            active={active}
            aria-current={active ? 'page' : undefined}
            label={e.label}
            description={<Counts e={e} />}
            title={e.description}
            variant="light"
            styles={{ label: { fontWeight: active ? 700 : 500 } }}
          />
        );
      })}
    </Stack>
  );
}
