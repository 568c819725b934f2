import { Badge } from '@mantine/core';
import type { EscalationState } from '../../../shared/enums.ts';

const LABELS: Record<EscalationState, string> = {
  requested: 'Escalation requested',
  acknowledged: 'Escalated',
  resolved: 'Escalation resolved',
};

const COLORS: Record<EscalationState, string> = { requested: 'red', acknowledged: 'grape', resolved: 'gray' };

/** The state of a case's latest escalation; nothing when it was never escalated. */
export function EscalationBadge({ state }: { state: EscalationState | null }) {
  if (!state) return null;
  const color = COLORS[state];
  return (
    <Badge
      variant="filled"
      // a light tint behind near-black text keeps 4.5:1 in both schemes, like the status badges
      style={{
        backgroundColor: `var(--mantine-color-${color}-1)`,
        color: 'var(--mantine-color-dark-9)',
        border: `1px solid var(--mantine-color-${color}-4)`,
      }}
    >
      {LABELS[state]}
    </Badge>
  );
}
