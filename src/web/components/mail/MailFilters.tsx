import { Button, Group, Input, SegmentedControl, TextInput } from '@mantine/core';
import { useEffect, useId, useState } from 'react';
import type { MailDirection } from './mailQueries.ts';

export interface MailFilterPatch {
  direction?: MailDirection | undefined;
  case?: string | undefined;
}

/** Direction and case number of the mail list; each change lands in the URL (the page does that). */
export function MailFilters({
  direction,
  caseNumber,
  onChange,
}: {
  direction: MailDirection | undefined;
  caseNumber: string | undefined;
  onChange: (patch: MailFilterPatch) => void;
}) {
  const directionId = useId();
  const [text, setText] = useState(caseNumber ?? '');
  const [error, setError] = useState<string | null>(null);
  // Back and forward change the URL's case number: the box follows.
  useEffect(() => {
    setText(caseNumber ?? '');
    setError(null);
  }, [caseNumber]);

  const apply = () => {
    const v = text.trim();
    if (v && !/^\d{1,8}$/.test(v)) {
      setError('A case number has up to 8 digits, e.g. 00010001');
      return;
    }
    setError(null);
    onChange({ case: v || undefined });
  };

  return (
    <Group align="flex-start" gap="md" wrap="wrap">
      <div>
        <Input.Label labelElement="div" id={directionId} display="block" mb={4}>
          Direction
        </Input.Label>
        <SegmentedControl
          aria-labelledby={directionId}
          value={direction ?? 'all'}
          onChange={(v) => onChange({ direction: v === 'out' || v === 'in' ? v : undefined })}
          data={[
            { value: 'all', label: 'All' },
            { value: 'out', label: 'Outgoing' },
            { value: 'in', label: 'Incoming' },
          ]}
        />
      </div>
      <search style={{ flex: '1 1 220px', maxWidth: 360 }}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            apply();
          }}
        >
          <Group align="flex-start" gap="xs" wrap="nowrap">
            <TextInput
              style={{ flex: 1, minWidth: 0 }}
              label="Case number"
              placeholder="e.g. 00010001"
              inputMode="numeric"
              autoComplete="off"
              value={text}
              error={error}
              onChange={(e) => setText(e.currentTarget.value)}
            />
            <Button type="submit" variant="light" mt={25}>
              Filter
            </Button>
          </Group>
        </form>
      </search>
      {(direction || caseNumber) && (
        <Button
          variant="subtle"
          size="compact-sm"
          mt={30}
          onClick={() => onChange({ direction: undefined, case: undefined })}
        >
          Show all mail
        </Button>
      )}
    </Group>
  );
}
