import { Badge } from '@mantine/core';
import type { CaseStatus, Plan } from '../../../shared/enums.ts';

/** Statuses in support's words (the customer reads "Pending your reply" for pending_customer). */
export const STAFF_STATUS_LABELS: Record<CaseStatus, string> = {
  new: 'New',
  open: 'Open',
  pending_customer: 'Pending customer',
  solved: 'Solved',
  closed: 'Closed',
};

const STATUS_COLORS: Record<CaseStatus, string> = {
  new: 'blue',
  open: 'indigo',
  pending_customer: 'orange',
  solved: 'teal',
  closed: 'gray',
};

export const PLAN_LABELS: Record<Plan, string> = { basic: 'Basic', silver: 'Silver', gold: 'Gold' };
const PLAN_COLORS: Record<Plan, string> = { basic: 'gray', silver: 'cyan', gold: 'yellow' };

const tint = (color: string) => ({
  backgroundColor: `var(--mantine-color-${color}-1)`,
  color: 'var(--mantine-color-dark-9)',
  border: `1px solid var(--mantine-color-${color}-4)`,
});

export function StaffStatusBadge({ status }: { status: CaseStatus }) {
  return (
    <Badge variant="filled" style={tint(STATUS_COLORS[status])}>
      {STAFF_STATUS_LABELS[status]}
    </Badge>
  );
}

export function PlanBadge({ plan }: { plan: Plan }) {
  return (
    <Badge variant="filled" style={tint(PLAN_COLORS[plan])}>
      {PLAN_LABELS[plan]}
    </Badge>
  );
}
