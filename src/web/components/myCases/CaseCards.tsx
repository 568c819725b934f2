import { Group, Paper, Select, Skeleton, Stack, Text } from '@mantine/core';
import type { CaseSort } from '../../../shared/enums.ts';
import type { CaseListView } from '../../api/cases.ts';
import { PriorityBadge, StatusBadge } from '../CaseBadges.tsx';
import { formatDateTime } from '../format.ts';
import { AnchorLink } from '../links.tsx';
import { EscalationBadge } from './EscalationBadge.tsx';
import type { CasesView } from './listState.ts';

type Order = 'asc' | 'desc';

const SORT_CHOICES: { value: `${CaseSort}:${Order}`; label: string }[] = [
  { value: 'updated:desc', label: 'Recently updated first' },
  { value: 'updated:asc', label: 'Least recently updated first' },
  { value: 'number:desc', label: 'Case number, newest first' },
  { value: 'number:asc', label: 'Case number, oldest first' },
  { value: 'priority:asc', label: 'Priority, highest first' },
  { value: 'priority:desc', label: 'Priority, lowest first' },
  { value: 'status:asc', label: 'Status, A to Z' },
  { value: 'status:desc', label: 'Status, Z to A' },
  { value: 'created:desc', label: 'Opened, newest first' },
  { value: 'created:asc', label: 'Opened, oldest first' },
];

/** On narrow screens the column headers are not there to sort by: a select does it. */
export function SortSelect({
  sort,
  order,
  onChange,
}: {
  sort: CaseSort;
  order: Order;
  onChange: (sort: CaseSort, order: Order) => void;
}) {
  return (
    <Select
      label="Sort by"
      data={SORT_CHOICES}
      value={`${sort}:${order}`}
      allowDeselect={false}
      onChange={(v) => {
        if (!v) return;
        const [s, o] = v.split(':') as [CaseSort, Order];
        onChange(s, o);
      }}
    />
  );
}

interface CaseCardsProps {
  view: CasesView;
  items: CaseListView['items'] | null;
  refreshing: boolean;
  orgName: (slug: string) => string;
  labelledBy: string;
}

/** The cases as a list of cards, for narrow screens (phones). */
export function CaseCards({ view, items, refreshing, orgName, labelledBy }: CaseCardsProps) {
  if (items === null) {
    return (
      <Stack gap="sm" aria-busy="true">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} height={96} radius="md" />
        ))}
      </Stack>
    );
  }
  return (
    <Stack
      component="ul"
      gap="sm"
      m={0}
      p={0}
      aria-labelledby={labelledBy}
      aria-busy={refreshing}
      style={{ listStyle: 'none', opacity: refreshing ? 0.6 : 1 }}
    >
      {items.map((c) => (
        <Paper component="li" key={c.number} withBorder radius="md" p="sm">
          <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
            <AnchorLink to="/cases/$number" params={{ number: c.number }} fw={600}>
              {c.number}
            </AnchorLink>
            <Text size="xs" c="dimmed" ta="right">
              Updated {formatDateTime(c.updatedAt)}
            </Text>
          </Group>
          <Text mt={4} style={{ overflowWrap: 'anywhere' }}>
            {c.subject}
          </Text>
          <Group gap={6} mt="xs">
            <StatusBadge status={c.status} />
            <PriorityBadge priority={c.priority} />
            <EscalationBadge state={c.escalation} />
          </Group>
          <Text size="sm" c="dimmed" mt={6}>
            {orgName(c.org)}
            {view === 'account' && c.openedBy && ` · opened by ${c.openedBy.name}`}
          </Text>
        </Paper>
      ))}
    </Stack>
  );
}
