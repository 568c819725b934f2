import { BarChart, LineChart } from '@mantine/charts';
import { Table } from '@mantine/core';
import { ChartCard } from './ChartCard.tsx';
import type { DashboardView } from './dashboardQuery.ts';

type Plan = DashboardView['options']['plans'][number];
type Priority = DashboardView['open']['byPriority'][number]['priority'];
type Figures = DashboardView['firstResponse']['totals'];

export const PLAN_LABELS: Record<Plan, string> = { basic: 'Basic', silver: 'Silver', gold: 'Gold' };
const PLAN_COLORS: Record<Plan, string> = { basic: 'teal.8', silver: 'gray.7', gold: 'yellow.8' };
const PRIORITY_COLORS: Record<Priority, string> = {
  P1: 'red.8',
  P2: 'orange.7',
  P3: 'indigo.6',
  P4: 'gray.6',
};
const PRIORITIES: Priority[] = ['P1', 'P2', 'P3', 'P4'];

/** A share as people read it: 0.8667 → "86.7%"; null (nothing to count) → "—". */
export function percent(x: number | null | undefined): string {
  return x === null || x === undefined ? '—' : `${Math.round(x * 1000) / 10}%`;
}

const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);

const dayFormat = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const day = (date: string) => dayFormat.format(new Date(`${date}T00:00:00Z`));

/** A period of the charts over time: "Dec 5", or "Nov 30 – Dec 6" for a week. */
export function periodLabel(p: { start: string; end: string }): string {
  return p.start === p.end ? day(p.start) : `${day(p.start)} – ${day(p.end)}`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Shared chart settings: no keyboard layer (the chart is hidden from assistive technology; the table is the accessible form). */
const common = { h: 240, accessibilityLayer: false, tooltipAnimationDuration: 0 } as const;

export function OpenByPriorityChart({ d }: { d: DashboardView }) {
  const data = d.open.byPriority.map((p) => ({ priority: p.priority, 'Open cases': p.count }));
  return (
    <ChartCard
      title="Open cases by priority"
      description="New, open and pending customer, now."
      empty={d.open.total === 0 ? 'No open cases.' : null}
      summary={`${plural(d.open.total, 'open case')}: ${d.open.byPriority.map((p) => `${p.priority} ${p.count}`).join(', ')}.`}
      chart={
        <BarChart
          {...common}
          data={data}
          dataKey="priority"
          series={[{ name: 'Open cases', color: 'indigo.7' }]}
          withBarValueLabel
          yAxisProps={{ allowDecimals: false }}
        />
      }
      table={{
        head: (
          <Table.Tr>
            <Table.Th scope="col">Priority</Table.Th>
            <Table.Th scope="col">Open cases</Table.Th>
          </Table.Tr>
        ),
        body: d.open.byPriority.map((p) => (
          <Table.Tr key={p.priority}>
            <Table.Th scope="row">{p.priority}</Table.Th>
            <Table.Td>{p.count}</Table.Td>
          </Table.Tr>
        )),
      }}
    />
  );
}

export function OpenByAgeChart({ d }: { d: DashboardView }) {
  const data = d.open.byAge.map((b) => ({ age: b.label, P1: b.P1, P2: b.P2, P3: b.P3, P4: b.P4 }));
  const oldest = [...d.open.byAge].reverse().find((b) => b.total > 0);
  return (
    <ChartCard
      title="Open cases by age"
      description="Time since the case was opened, by priority."
      empty={d.open.total === 0 ? 'No open cases.' : null}
      summary={`${d.open.byAge.map((b) => `${b.label}: ${b.total}`).join('; ')}.${
        oldest
          ? ` The oldest are ${oldest.label.replace('<', 'under').replace('>', 'over')} old (${oldest.total}).`
          : ''
      }`}
      chart={
        <BarChart
          {...common}
          data={data}
          dataKey="age"
          type="stacked"
          withLegend
          series={PRIORITIES.map((p) => ({ name: p, color: PRIORITY_COLORS[p] }))}
          yAxisProps={{ allowDecimals: false }}
        />
      }
      table={{
        head: (
          <Table.Tr>
            <Table.Th scope="col">Age</Table.Th>
            {PRIORITIES.map((p) => (
              <Table.Th scope="col" key={p}>
                {p}
              </Table.Th>
            ))}
            <Table.Th scope="col">All</Table.Th>
          </Table.Tr>
        ),
        body: d.open.byAge.map((b) => (
          <Table.Tr key={b.bucket}>
            <Table.Th scope="row">{b.label}</Table.Th>
            {PRIORITIES.map((p) => (
              <Table.Td key={p}>{b[p]}</Table.Td>
            ))}
            <Table.Td>{b.total}</Table.Td>
          </Table.Tr>
        )),
      }}
    />
  );
}

function shown(plan: Plan | null): Plan[] {
  return plan ? [plan] : ['basic', 'silver', 'gold'];
}

function figuresText(f: Figures): string {
  if (f.attainment === null) return 'none decided';
  return `${percent(f.attainment)} (${f.met} of ${f.met + f.breached} in time)`;
}

export function AttainmentChart({ d }: { d: DashboardView }) {
  const plans = shown(d.plan);
  const fr = d.firstResponse;
  const data = fr.periods.map((p) => ({
    period: day(p.start),
    ...Object.fromEntries(plans.map((plan) => [PLAN_LABELS[plan], pct(p.plans[plan].attainment)])),
  }));
  const decided = fr.totals.met + fr.totals.breached;
  const byPlan = fr.byPlan.filter((p) => plans.includes(p.plan));
  const undecided = [
    fr.totals.notYetDue ? `${fr.totals.notYetDue} not yet due` : '',
    fr.totals.paused ? `${fr.totals.paused} paused (waiting for the customer)` : '',
  ].filter(Boolean);
  return (
    <ChartCard
      title="First-response SLA attainment by plan"
      description={`Cases whose first response was due in each ${d.granularity}: share answered in time.`}
      empty={decided === 0 ? 'No first response was due in this period.' : null}
      summary={`${percent(fr.totals.attainment)} of first responses in time (${fr.totals.met} met, ${fr.totals.breached} late). ${byPlan
        .map((p) => `${PLAN_LABELS[p.plan]}: ${figuresText(p)}`)
        .join('; ')}.${undecided.length ? ` Not counted: ${undecided.join(', ')}.` : ''}`}
      chart={
        <LineChart
          {...common}
          data={data}
          dataKey="period"
          withLegend
          connectNulls={false}
          unit="%"
          yAxisProps={{ domain: [0, 100] }}
          series={plans.map((plan) => ({ name: PLAN_LABELS[plan], color: PLAN_COLORS[plan] }))}
        />
      }
      table={{
        head: (
          <Table.Tr>
            <Table.Th scope="col">{d.granularity === 'day' ? 'Day' : 'Week'}</Table.Th>
            {plans.map((plan) => (
              <Table.Th scope="col" key={plan}>
                {PLAN_LABELS[plan]}
              </Table.Th>
            ))}
            {plans.length > 1 && <Table.Th scope="col">All plans</Table.Th>}
          </Table.Tr>
        ),
        body: fr.periods.map((p) => (
          <Table.Tr key={p.start}>
            <Table.Th scope="row">{periodLabel(p)}</Table.Th>
            {plans.map((plan) => (
              <Table.Td key={plan}>{cell(p.plans[plan])}</Table.Td>
            ))}
            {plans.length > 1 && <Table.Td>{cell(p.total)}</Table.Td>}
          </Table.Tr>
        )),
      }}
    />
  );
}

function cell(f: Figures): string {
  if (f.attainment === null) return '—';
  return `${percent(f.attainment)} (${f.met}/${f.met + f.breached})`;
}

export function BacklogByQueueChart({ d }: { d: DashboardView }) {
  const data = d.queues.map((q) => ({
    queue: q.name,
    Assigned: q.open - q.unassigned,
    Unassigned: q.unassigned,
  }));
  const biggest = d.queues[0];
  return (
    <ChartCard
      title="Backlog by queue"
      description="Open cases in each queue now, assigned or not."
      empty={d.queues.length === 0 ? 'No queues.' : null}
      summary={`${plural(d.open.total, 'open case')} in ${plural(d.queues.length, 'queue')}, ${d.open.unassigned} unassigned.${
        biggest && biggest.open > 0
          ? ` The largest backlog is ${biggest.name}: ${biggest.open} (${biggest.unassigned} unassigned).`
          : ''
      }`}
      chart={
        <BarChart
          {...common}
          h={Math.max(160, 44 * d.queues.length + 60)}
          data={data}
          dataKey="queue"
          type="stacked"
          orientation="vertical"
          withLegend
          yAxisProps={{ width: 110 }}
          xAxisProps={{ allowDecimals: false }}
          series={[
            { name: 'Assigned', color: 'indigo.7' },
            { name: 'Unassigned', color: 'orange.7' },
          ]}
        />
      }
      table={{
        head: (
          <Table.Tr>
            <Table.Th scope="col">Queue</Table.Th>
            <Table.Th scope="col">Open</Table.Th>
            <Table.Th scope="col">Unassigned</Table.Th>
          </Table.Tr>
        ),
        body: d.queues.map((q) => (
          <Table.Tr key={q.key}>
            <Table.Th scope="row">{q.name}</Table.Th>
            <Table.Td>{q.open}</Table.Td>
            <Table.Td>{q.unassigned}</Table.Td>
          </Table.Tr>
        )),
      }}
    />
  );
}

export function DeflectionChart({ d }: { d: DashboardView }) {
  const f = d.deflection;
  const data = f.periods.map((p) => ({ period: day(p.start), 'Deflection rate': pct(p.rate) }));
  return (
    <ChartCard
      title="Deflection rate"
      description="Case forms left after reading a suggested article, against cases opened. Not narrowed by plan or queue."
      empty={f.deflected + f.casesOpened === 0 ? 'No case form ended in this period.' : null}
      summary={`${percent(f.rate)} deflected: ${plural(f.deflected, 'form')} left after reading a suggestion, ${plural(
        f.casesOpened,
        'case',
      )} opened from the form.`}
      chart={
        <LineChart
          {...common}
          data={data}
          dataKey="period"
          connectNulls={false}
          unit="%"
          yAxisProps={{ domain: [0, 100] }}
          series={[{ name: 'Deflection rate', color: 'teal.8' }]}
        />
      }
      table={{
        head: (
          <Table.Tr>
            <Table.Th scope="col">{d.granularity === 'day' ? 'Day' : 'Week'}</Table.Th>
            <Table.Th scope="col">Deflected</Table.Th>
            <Table.Th scope="col">Cases opened</Table.Th>
            <Table.Th scope="col">Rate</Table.Th>
          </Table.Tr>
        ),
        body: f.periods.map((p) => (
          <Table.Tr key={p.start}>
            <Table.Th scope="row">{periodLabel(p)}</Table.Th>
            <Table.Td>{p.deflected}</Table.Td>
            <Table.Td>{p.casesOpened}</Table.Td>
            <Table.Td>{percent(p.rate)}</Table.Td>
          </Table.Tr>
        )),
      }}
    />
  );
}
