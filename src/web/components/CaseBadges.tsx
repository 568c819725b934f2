import { Badge } from '@mantine/core';
import { type CaseStatus, PRIORITY_DEFINITIONS, type Priority, STATUS_LABELS } from '../../shared/enums.ts';

export { STATUS_LABELS };

const STATUS_COLORS: Record<CaseStatus, string> = {
  new: 'blue',
  open: 'indigo',
  pending_customer: 'orange',
  solved: 'teal',
  closed: 'gray',
};

const PRIORITY_COLORS: Record<Priority, string> = { P1: 'red', P2: 'orange', P3: 'yellow', P4: 'gray' };

/** A light tint behind near-black text: far above 4.5:1 in the light and the dark scheme alike. */
function tint(color: string) {
  return {
    backgroundColor: `var(--mantine-color-${color}-1)`,
    color: 'var(--mantine-color-dark-9)',
    border: `1px solid var(--mantine-color-${color}-4)`,
  };
}

export function StatusBadge({ status }: { status: CaseStatus }) {
  return (
    <Badge variant="filled" style={tint(STATUS_COLORS[status])}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  return (
    <Badge
      variant="filled"
      style={tint(PRIORITY_COLORS[priority])}
      title={PRIORITY_DEFINITIONS[priority].definition}
    >
      {PRIORITY_DEFINITIONS[priority].label}
    </Badge>
  );
}
