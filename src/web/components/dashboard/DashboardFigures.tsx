import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { formatDateTime } from '../format.ts';
import { AnchorLink } from '../links.tsx';
import { percent } from './DashboardCharts.tsx';
import type { DashboardView } from './dashboardQuery.ts';

/** Figures as a description list: each value under its label, read in that order by screen readers. */
function Figures({
  items,
  cols,
}: {
  items: { label: string; value: string; note?: string }[];
  cols: number;
}) {
  return (
    <SimpleGrid component="dl" cols={{ base: 2, sm: Math.min(cols, 3), lg: cols }} spacing="sm" m={0}>
      {items.map((f) => (
        <Card key={f.label} withBorder padding="sm" component="div">
          <Text component="dt" size="sm" c="dimmed">
            {f.label}
          </Text>
          <Text component="dd" m={0} fz={28} fw={700} lh={1.2}>
            {f.value}
          </Text>
          {f.note && (
            <Text component="dd" m={0} size="xs" c="dimmed">
              {f.note}
            </Text>
          )}
        </Card>
      ))}
    </SimpleGrid>
  );
}

function durationText(minutes: number | null): string {
  if (minutes === null) return '—';
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.round((minutes / 60) * 10) / 10} h`;
  return `${Math.round((minutes / 1440) * 10) / 10} days`;
}

/** The headline numbers above the charts. */
export function KeyFigures({ d }: { d: DashboardView }) {
  const fr = d.firstResponse.totals;
  return (
    <Figures
      cols={6}
      items={[
        { label: 'Open cases', value: String(d.open.total) },
        { label: 'Unassigned', value: String(d.open.unassigned) },
        {
          label: 'First response overdue',
          value: String(d.open.overdue),
          note: 'open, unanswered, past due',
        },
        {
          label: 'First responses in time',
          value: percent(fr.attainment),
          note: `${fr.met} of ${fr.met + fr.breached} due in the period`,
        },
        {
          label: 'Open escalations',
          value: String(d.escalations.awaitingAcknowledgement + d.escalations.inProgress),
          note: `${d.escalations.awaitingAcknowledgement} awaiting acknowledgement`,
        },
        { label: 'Deflection rate', value: percent(d.deflection.rate) },
      ]}
    />
  );
}

export function EscalationFigures({ d }: { d: DashboardView }) {
  const e = d.escalations;
  const headingId = useId();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={headingId}>
      <Stack gap="xs">
        <div>
          <Title order={2} size="h4" id={headingId}>
            Escalations
          </Title>
          <Text size="sm" c="dimmed">
            Requested, acknowledged and resolved in the period; open ones now.{' '}
            <AnchorLink to="/console/escalations" search={{}} underline="always">
              Open the escalations view
            </AnchorLink>
          </Text>
        </div>
        <Figures
          cols={3}
          items={[
            { label: 'Requested', value: String(e.requested) },
            { label: 'Acknowledged', value: String(e.acknowledged) },
            { label: 'Resolved', value: String(e.resolved) },
            { label: 'Awaiting acknowledgement now', value: String(e.awaitingAcknowledgement) },
            { label: 'Acknowledged, not resolved now', value: String(e.inProgress) },
            {
              label: 'Median time to acknowledge',
              value: durationText(e.medianMinutesToAcknowledge),
              ...(e.oldestOpenSince
                ? { note: `Oldest open since ${formatDateTime(e.oldestOpenSince)}` }
                : {}),
            },
          ]}
        />
      </Stack>
    </Card>
  );
}
