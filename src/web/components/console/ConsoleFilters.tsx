import { Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { PRIORITIES, PRIORITY_DEFINITIONS } from '../../../shared/enums.ts';
import type { ConsoleSearch } from './consoleSearch.ts';
import { PLAN_LABELS, STAFF_STATUS_LABELS } from './StaffBadges.tsx';

export type ConsoleFilterPatch = Partial<
  Pick<ConsoleSearch, 'status' | 'priority' | 'plan' | 'breach' | 'q'>
>;

const STATUS_OPTIONS = [
  { value: 'open', label: 'Open (new, open, pending customer)' },
  { value: 'new', label: STAFF_STATUS_LABELS.new },
  { value: 'pending_customer', label: STAFF_STATUS_LABELS.pending_customer },
  { value: 'solved', label: STAFF_STATUS_LABELS.solved },
  { value: 'closed', label: STAFF_STATUS_LABELS.closed },
  { value: 'all', label: 'All statuses' },
];

function SearchBox({ q, onSearch }: { q: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(q);
  const [debounced] = useDebouncedValue(text, 400);
  const sent = useRef(q);
  useEffect(() => {
    if (q !== sent.current) {
      sent.current = q;
      setText(q);
    }
  }, [q]);
  const send = (value: string) => {
    const v = value.trim();
    if (v === sent.current) return;
    sent.current = v;
    onSearch(v);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a settled change of the text searches
  useEffect(() => {
    send(debounced);
  }, [debounced]);
  return (
    <search>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send(text);
        }}
      >
        <Group align="flex-end" wrap="nowrap" gap="xs">
          <TextInput
            style={{ flex: 1, minWidth: 0 }}
            type="search"
            label="Search cases"
            description="A case number, or words from the subject or description"
            placeholder="e.g. 00010001 or certificate"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
          />
          <Button type="submit" variant="light">
            Search
          </Button>
        </Group>
      </form>
    </search>
  );
}

/** Status, priority, plan and breach filters, and the search; every change goes to the URL. */
export function ConsoleFilters({
  search,
  onChange,
}: {
  search: ConsoleSearch;
  onChange: (patch: ConsoleFilterPatch) => void;
}) {
  const filtered = Boolean(
    search.status !== 'open' || search.priority || search.plan || search.breach || search.q,
  );
  return (
    <Stack gap="sm">
      <SearchBox q={search.q ?? ''} onSearch={(q) => onChange({ q: q || undefined })} />
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
        <Select
          label="Status"
          data={STATUS_OPTIONS}
          value={search.status}
          allowDeselect={false}
          onChange={(v) => onChange({ status: v ?? 'open' })}
        />
        <Select
          label="Priority"
          data={[
            { value: '', label: 'Any priority' },
            ...PRIORITIES.map((p) => ({ value: p, label: PRIORITY_DEFINITIONS[p].label })),
          ]}
          value={search.priority ?? ''}
          allowDeselect={false}
          onChange={(v) => onChange({ priority: v || undefined })}
        />
        <Select
          label="Plan"
          data={[
            { value: '', label: 'Any plan' },
            ...(['gold', 'silver', 'basic'] as const).map((p) => ({ value: p, label: PLAN_LABELS[p] })),
          ]}
          value={search.plan ?? ''}
          allowDeselect={false}
          onChange={(v) => onChange({ plan: v || undefined })}
        />
        <Select
          label="SLA"
          data={[
            { value: '', label: 'Any' },
            { value: 'at_risk', label: 'Breached or about to breach' },
            { value: 'about_to_breach', label: 'About to breach' },
            { value: 'breached', label: 'Breached' },
          ]}
          value={search.breach ?? ''}
          allowDeselect={false}
          onChange={(v) =>
            onChange({
              breach: v === 'at_risk' || v === 'about_to_breach' || v === 'breached' ? v : undefined,
            })
          }
        />
      </SimpleGrid>
      {filtered && (
        <Group>
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() =>
              onChange({
                status: 'open',
                priority: undefined,
                plan: undefined,
                breach: undefined,
                q: undefined,
              })
            }
          >
            Clear filters
          </Button>
        </Group>
      )}
    </Stack>
  );
}
