import {
  Button,
  Group,
  Input,
  MultiSelect,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useId, useRef, useState } from 'react';
import {
  CASE_STATUSES,
  type CaseStatus,
  OPEN_STATUSES,
  PRIORITIES,
  PRIORITY_DEFINITIONS,
} from '../../../shared/enums.ts';
import { STATUS_LABELS } from '../CaseBadges.tsx';
import {
  type CasesSearch,
  formatStatus,
  isFiltered,
  parsePriorities,
  parseStatus,
  type StatusFilter,
} from './listState.ts';

export type FilterPatch = Partial<Pick<CasesSearch, 'status' | 'priority' | 'org' | 'q'>>;

/** Search: submitted on Enter (or the button), and also after a pause in typing. */
function SearchBox({ q, onSearch }: { q: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(q);
  const [debounced] = useDebouncedValue(text, 400);
  // What this box last sent, so a URL change made by typing does not overwrite newer keystrokes,
  // while back/forward (a q this box did not send) does update the box.
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

interface CaseFiltersProps {
  search: CasesSearch;
  orgs: { slug: string; name: string }[];
  onChange: (patch: FilterPatch) => void;
}

/** Open/all, status, priority, org and the search box of My cases; every change lands in the URL. */
export function CaseFilters({ search, orgs, onChange }: CaseFiltersProps) {
  const showId = useId();
  const status = parseStatus(search.status);
  const statusOptions = (status.scope === 'open' ? OPEN_STATUSES : CASE_STATUSES).map((s) => ({
    value: s,
    label: STATUS_LABELS[s],
  }));
  const setStatus = (next: StatusFilter) => onChange({ status: formatStatus(next) });

  return (
    <Stack gap="sm">
      <SearchBox q={search.q ?? ''} onSearch={(q) => onChange({ q: q || undefined })} />
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" verticalSpacing="sm">
        <div>
          <Input.Label labelElement="div" id={showId} display="block" mb={4}>
            Show
          </Input.Label>
          <SegmentedControl
            aria-labelledby={showId}
            fullWidth
            value={status.scope}
            onChange={(scope) => setStatus({ scope: scope === 'all' ? 'all' : 'open', statuses: [] })}
            data={[
              { value: 'open', label: 'Open cases' },
              { value: 'all', label: 'All cases' },
            ]}
          />
        </div>
        <MultiSelect
          label="Status"
          placeholder={
            status.statuses.length ? undefined : status.scope === 'open' ? 'Any open status' : 'Any status'
          }
          data={statusOptions}
          value={status.statuses}
          onChange={(values) => setStatus({ scope: status.scope, statuses: values as CaseStatus[] })}
          clearable
          comboboxProps={{ withinPortal: true }}
        />
        <MultiSelect
          label="Priority"
          placeholder={search.priority ? undefined : 'Any priority'}
          data={PRIORITIES.map((p) => ({ value: p, label: PRIORITY_DEFINITIONS[p].label }))}
          value={parsePriorities(search.priority)}
          onChange={(values) => onChange({ priority: values.length ? values.join(',') : undefined })}
          clearable
        />
        <Select
          label="Org"
          placeholder="All my orgs"
          data={orgs.map((o) => ({ value: o.slug, label: o.name }))}
          value={search.org ?? null}
          onChange={(org) => onChange({ org: org ?? undefined })}
          clearable
          allowDeselect
        />
      </SimpleGrid>
      {isFiltered(search) && (
        <Group>
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() =>
              onChange({ status: status.scope, priority: undefined, org: undefined, q: undefined })
            }
          >
            Clear filters and search
          </Button>
        </Group>
      )}
    </Stack>
  );
}
