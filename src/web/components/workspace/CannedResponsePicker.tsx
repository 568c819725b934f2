import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { cannedResponsesQuery } from './workspaceApi.ts';

/**
 * "Insert a canned response": a searchable list of the case queue's responses (and the global ones);
 * choosing one inserts its text into the composer at the cursor, where it can be edited before sending.
 */
export function CannedResponsePicker({
  queue,
  onInsert,
}: {
  queue: string | null;
  onInsert: (text: string) => void;
}) {
  const canned = useQuery(cannedResponsesQuery(queue));
  const [value, setValue] = useState<string | null>(null);
  const items = canned.data?.items ?? [];
  const none = canned.isSuccess && items.length === 0;
  return (
    <Select
      aria-label="Insert a canned response"
      placeholder={
        canned.isPending
          ? 'Loading canned responses…'
          : none
            ? 'No canned responses'
            : 'Insert a canned response…'
      }
      searchable
      clearable={false}
      disabled={none || canned.isError}
      nothingFoundMessage="No canned response matches"
      data={items.map((r) => ({ value: r.id, label: r.title }))}
      value={value}
      onChange={(id) => {
        const r = items.find((x) => x.id === id);
        if (r) onInsert(r.body);
        setValue(null);
      }}
      w={{ base: '100%', xs: 280 }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
