import { Button, Group, Skeleton, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { PriorityBadge } from '../CaseBadges.tsx';
import { AnchorLink } from '../links.tsx';
import { formatDuration, SlaIndicator, useNow } from '../workspace/SlaIndicator.tsx';
import type { ConsoleCaseView } from './consoleQueries.ts';
import type { ConsoleSortKey } from './consoleSearch.ts';
import { PlanBadge, StaffStatusBadge } from './StaffBadges.tsx';

interface SortProps {
  sort: ConsoleSortKey;
  order: 'asc' | 'desc';
  onSort: (column: ConsoleSortKey) => void;
}

/** A column header that sorts: a button inside the th, aria-sort on the sorted column. */
function SortableTh({
  column,
  label,
  sort,
  order,
  onSort,
}: SortProps & { column: ConsoleSortKey; label: string }) {
  const active = sort === column;
  const arrow = active ? (order === 'asc' ? '▲' : '▼') : '↕';
  return (
    <Table.Th aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : undefined}>
      <UnstyledButton onClick={() => onSort(column)} fw={700} fz="sm" style={{ whiteSpace: 'nowrap' }}>
        <Group gap={4} wrap="nowrap" component="span">
          <span>{label}</span>
          <Text span fz="xs" c={active ? undefined : 'dimmed'} aria-hidden="true">
            {arrow}
          </Text>
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

const NoShrink = ({ children }: { children: React.ReactNode }) => (
  <div style={{ width: 'max-content' }}>{children}</div>
);

const COLUMNS = 7;

interface ConsoleTableProps extends SortProps {
  items: ConsoleCaseView[] | null;
  refreshing: boolean;
  labelledBy: string;
  meId: string;
  taking: string | null;
  onTake: (number: string) => void;
}

/** The staff case list: time to breach first, then the case, its customer and who works it. */
export function ConsoleTable({
  items,
  refreshing,
  labelledBy,
  meId,
  taking,
  onTake,
  ...sortProps
}: ConsoleTableProps) {
  const now = useNow();
  return (
    <Table.ScrollContainer
      minWidth={900}
      type="native"
      tabIndex={0}
      role="region"
      aria-labelledby={labelledBy}
    >
      <Table
        highlightOnHover
        // Mantine's dark hover grey leaves links below 4.5:1
        highlightOnHoverColor="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-6))"
        verticalSpacing="sm"
        aria-labelledby={labelledBy}
        aria-busy={items === null || refreshing}
        style={{ opacity: refreshing ? 0.6 : 1, transition: 'opacity 150ms' }}
      >
        <Table.Thead>
          <Table.Tr>
            <SortableTh column="due" label="Time to breach" {...sortProps} />
            <SortableTh column="priority" label="Priority" {...sortProps} />
            <Table.Th>Case</Table.Th>
            <Table.Th>Account / org</Table.Th>
            <Table.Th>Status</Table.Th>
            <SortableTh column="created" label="Age" {...sortProps} />
            <Table.Th>Assignee</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items === null
            ? Array.from({ length: 5 }, (_, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity
                <Table.Tr key={i}>
                  {Array.from({ length: COLUMNS }, (_, j) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: placeholder cells have no identity
                    <Table.Td key={j}>
                      <Skeleton height={14} radius="sm" />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))
            : items.map((c) => (
                <Table.Tr key={c.number} data-case={c.number}>
                  <Table.Td>
                    <SlaIndicator sla={c.sla} compact />
                  </Table.Td>
                  <Table.Td>
                    <NoShrink>
                      <PriorityBadge priority={c.priority} />
                    </NoShrink>
                  </Table.Td>
                  <Table.Td style={{ minWidth: 200 }}>
                    <AnchorLink to="/cases/$number" params={{ number: c.number }} fw={600}>
                      {c.number}
                    </AnchorLink>
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {c.subject}
                    </Text>
                    {c.escalation && c.escalation !== 'resolved' && (
                      <Text size="xs" fw={700}>
                        ⚑ Escalation {c.escalation}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{c.account}</Text>
                    <Text size="xs" c="dimmed" title={`org ${c.org}`}>
                      {c.orgName}
                    </Text>
                    <NoShrink>
                      <PlanBadge plan={c.plan} />
                    </NoShrink>
                  </Table.Td>
                  <Table.Td>
                    <NoShrink>
                      <StaffStatusBadge status={c.status} />
                    </NoShrink>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <time dateTime={c.createdAt} title={new Date(c.createdAt).toLocaleString()}>
                      {formatDuration(now - Date.parse(c.createdAt)).replace(/ \d+ s$/, '')}
                    </time>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Stack gap={4} align="flex-start">
                      {c.assignee ? (
                        <Text size="sm">{c.assignee.id === meId ? 'Me' : c.assignee.name}</Text>
                      ) : (
                        <Text size="sm" c="dimmed">
                          Unassigned
                        </Text>
                      )}
                      {c.assignee?.id !== meId && (
                        <Button
                          size="compact-xs"
                          variant="default"
                          loading={taking === c.number}
                          onClick={() => onTake(c.number)}
                          aria-label={`Take case ${c.number}`}
                        >
                          Take
                        </Button>
                      )}
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
