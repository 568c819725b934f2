import { Loader, Radio, Stack } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { PRIORITIES, PRIORITY_DEFINITIONS, type Priority } from '../../../shared/enums.ts';
import { fieldId } from './caseForm.ts';

interface Props {
  value: Priority | undefined;
  onChange: (value: Priority) => void;
  onBlur: () => void;
  error?: string;
  confirmed: boolean;
  onConfirmedChange: (value: boolean) => void;
  confirmError?: string;
}

/** Only P1 needs a checkbox: it is fetched when P1 is chosen. */
const Checkbox = lazy(() => import('./P1Checkbox.tsx').then((m) => ({ default: m.P1Checkbox })));

/** Priority as a radio group with each definition (SPEC §2); P1 asks for the around-the-clock confirmation. */
export function PrioritySelector({
  value,
  onChange,
  onBlur,
  error,
  confirmed,
  onConfirmedChange,
  confirmError,
}: Props) {
  return (
    <Stack gap="xs">
      <Radio.Group
        id={fieldId('priority')}
        name="priority"
        label="Priority"
        description="How badly is your service affected right now? Support may adjust it later and tells you why."
        required
        value={value ?? null}
        onChange={(v) => onChange(v as Priority)}
        error={error}
      >
        <Stack gap="sm" mt="xs">
          {PRIORITIES.map((p) => (
            <Radio
              key={p}
              value={p}
              label={PRIORITY_DEFINITIONS[p].label}
              description={PRIORITY_DEFINITIONS[p].definition}
              onBlur={onBlur}
            />
          ))}
        </Stack>
      </Radio.Group>
      {value === 'P1' && (
        <Suspense fallback={<Loader size="xs" role="status" aria-label="Loading the P1 confirmation" />}>
          <Checkbox
            id={fieldId('p1Confirmed')}
            label="I confirm that I stay reachable around the clock until the issue is mitigated"
            required
            checked={confirmed}
            onChange={(e) => onConfirmedChange(e.currentTarget.checked)}
            error={confirmError}
            ml={{ base: 0, sm: 'xl' }}
          />
        </Suspense>
      )}
    </Stack>
  );
}
