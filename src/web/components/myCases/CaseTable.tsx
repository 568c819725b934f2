import { Group, Skeleton, Table, Text, UnstyledButton } from '@mantine/core';
import type { CaseSort } from '../../../shared/enums.ts';
import type { CaseListView } from '../../api/cases.ts';
import { PriorityBadge, StatusBadge } from '../CaseBadges.tsx';
import { formatDateTime } from '../format.ts';
import { AnchorLink } from '../links.tsx';
import { EscalationBadge } from './EscalationBadge.tsx';
import type { CasesView } from './listState.ts';

type Order = 'asc' | 'desc';

interface SortProps {
  sort: CaseSort;
  order: Order;
  onSort: (column: CaseSort) => void;
}

/** A column header that sorts: a button inside the th, with aria-sort on the th of the sorted column. */
function SortableTh({ column, label, sort, order, onSort }: SortProps & { column: CaseSort; label: string }) {
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

/** Badges keep their whole label: the column grows rather than the badge truncating. */
function NoShrink({ children }: { children: React.ReactNode }) {
  return <div style={{ width: 'max-content' }}>{children}</div>;
}

function columns(view: CasesView) {
  return view === 'account' ? 8 : 7;
}

function Head({ view, ...sortProps }: SortProps & { view: CasesView }) {
  return (
    <Table.Thead>
      <Table.Tr>
        <SortableTh column="number" label="Case" {...sortProps} />
        <Table.Th>Subject</Table.Th>
        <SortableTh column="status" label="Status" {...sortProps} />
        <SortableTh column="priority" label="Priority" {...sortProps} />
        <Table.Th>Org</Table.Th>
        {view === 'account' && <Table.Th>Opened by</Table.Th>}
        <Table.Th>Escalation</Table.Th>
        <SortableTh column="updated" label="Updated" {...sortProps} />
      </Table.Tr>
    </Table.Thead>
  );
}

interface CaseTableProps extends SortProps {
  view: CasesView;
  /** null while the first page loads: skeleton rows */
  items: CaseListView['items'] | null;
  /** true while a new page or filter loads over the shown rows */
  refreshing: boolean;
  orgName: (slug: string) => string;
  labelledBy: string;
}

/** The cases as a table; it scrolls sideways inside its own box on narrow screens, never the page. */
export function CaseTable({ view, items, refreshing, orgName, labelledBy, ...sortProps }: CaseTableProps) {
  return (
    <Table.ScrollContainer
      minWidth={view === 'account' ? 980 : 860}
      type="native"
      // a scrolling region must be reachable by keyboard to scroll it
      tabIndex={0}
      role="region"
      aria-labelledby={labelledBy}
    >
      <Table
        highlightOnHover
        verticalSpacing="sm"
        aria-labelledby={labelledBy}
        aria-busy={items === null || refreshing}
        style={{ opacity: refreshing ? 0.6 : 1, transition: 'opacity 150ms' }}
      >
        <Head view={view} {...sortProps} />
        <Table.Tbody>
          {items === null
            ? Array.from({ length: 5 }, (_, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity
                <Table.Tr key={i}>
                  {Array.from({ length: columns(view) }, (_, j) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: placeholder cells have no identity
                    <Table.Td key={j}>
                      <Skeleton height={14} radius="sm" />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))
            : items.map((c) => (
                <Table.Tr key={c.number}>
                  <Table.Td>
                    <AnchorLink to="/cases/$number" params={{ number: c.number }} fw={600}>
                      {c.number}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td style={{ minWidth: 220 }}>{c.subject}</Table.Td>
                  <Table.Td>
                    <NoShrink>
                      <StatusBadge status={c.status} />
                    </NoShrink>
                  </Table.Td>
                  <Table.Td>
                    <NoShrink>
                      <PriorityBadge priority={c.priority} />
                    </NoShrink>
                  </Table.Td>
                  <Table.Td>{orgName(c.org)}</Table.Td>
                  {view === 'account' && (
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{c.openedBy?.name ?? '—'}</Table.Td>
                  )}
                  <Table.Td>
                    <NoShrink>
                      <EscalationBadge state={c.escalation} />
                    </NoShrink>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(c.updatedAt)}</Table.Td>
                </Table.Tr>
              ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
