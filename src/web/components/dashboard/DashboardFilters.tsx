import { Group, Input, SegmentedControl, Select } from '@mantine/core';
import { useId } from 'react';
import { PLAN_LABELS } from './DashboardCharts.tsx';
import type { DashboardView } from './dashboardQuery.ts';
import { type DashboardSearch, RANGES } from './dashboardSearch.ts';

export type DashboardFilterPatch = Partial<DashboardSearch>;

const ALL = 'all';

/** The period (last 7, 30 or 90 days) and the plan and queue every figure but deflection is narrowed to. */
export function DashboardFilters({
  search,
  options,
  onChange,
}: {
  search: DashboardSearch;
  options: DashboardView['options'] | undefined;
  onChange: (patch: DashboardFilterPatch) => void;
}) {
  const periodId = useId();
  const queues = options?.queues ?? [];
  const queueKnown = !search.queue || queues.some((q) => q.key === search.queue);
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <div>
        <Input.Label labelElement="div" id={periodId} display="block" mb={4}>
          Period: the last
        </Input.Label>
        <SegmentedControl
          aria-labelledby={periodId}
          value={search.range}
          onChange={(range) => onChange({ range: RANGES.find((r) => r === range) ?? '30d' })}
          data={RANGES.map((r) => ({ value: r, label: `${Number.parseInt(r, 10)} days` }))}
        />
      </div>
      <Select
        w={180}
        label="Plan"
        data={[
          { value: ALL, label: 'All plans' },
          ...(options?.plans ?? (['basic', 'silver', 'gold'] as const)).map((p) => ({
            value: p,
            label: PLAN_LABELS[p],
          })),
        ]}
        value={search.plan ?? ALL}
        onChange={(v) => onChange({ plan: v === 'basic' || v === 'silver' || v === 'gold' ? v : undefined })}
        allowDeselect={false}
      />
      <Select
        w={220}
        label="Queue"
        data={[
          { value: ALL, label: 'All queues' },
          ...queues.map((q) => ({ value: q.key, label: q.name })),
          ...(queueKnown || !search.queue ? [] : [{ value: search.queue, label: search.queue }]),
        ]}
        value={search.queue ?? ALL}
        onChange={(v) => onChange({ queue: !v || v === ALL ? undefined : v })}
        allowDeselect={false}
        searchable={queues.length > 8}
      />
    </Group>
  );
}
