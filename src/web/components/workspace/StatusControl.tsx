import { Alert, Button, Select, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { CaseStatus } from '../../../shared/enums.ts';
import type { CaseView } from '../../api/cases.ts';
import { ApiRequestError } from '../../api/client.ts';
import { errorMessage, notifySuccess } from '../casePage/caseActions.ts';
import { STAFF_STATUS_LABELS } from '../console/StaffBadges.tsx';
import { useCaseCommand } from './workspaceApi.ts';

/** Where support may move a case from each status (the server decides; this only offers the sensible ones). */
const NEXT: Record<CaseStatus, CaseStatus[]> = {
  new: ['open', 'pending_customer', 'solved'],
  open: ['pending_customer', 'solved'],
  pending_customer: ['open', 'solved'],
  solved: ['open', 'closed'],
  closed: [],
};

/** Status change, with an optional reason the customer reads (in the case history and the status email). */
export function StatusControl({ c }: { c: CaseView }) {
  const command = useCaseCommand(c.number);
  const [status, setStatus] = useState<CaseStatus>(c.status);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setStatus(c.status), [c.status]);
  const options = [c.status, ...NEXT[c.status]].map((s) => ({
    value: s,
    label: STAFF_STATUS_LABELS[s],
  }));
  const changed = status !== c.status;
  if (c.status === 'closed') {
    return (
      <Text size="sm">
        <Text span fw={500} inherit>
          Status:
        </Text>{' '}
        Closed. A closed case stays closed; the customer opens a new case that mentions it.
      </Text>
    );
  }
  async function submit() {
    setError(null);
    try {
      await command.mutateAsync({ path: 'status', body: { status, reason: reason.trim() || undefined } });
    } catch (e) {
      setError(e instanceof ApiRequestError ? (Object.values(e.fields)[0] ?? e.message) : errorMessage(e));
      return;
    }
    setReason('');
    notifySuccess(`Status changed to ${STAFF_STATUS_LABELS[status]}.`);
  }
  return (
    <form
      aria-label="Change the status"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="xs">
        <Select
          label="Status"
          data={options}
          value={status}
          allowDeselect={false}
          onChange={(v) => v && setStatus(v as CaseStatus)}
        />
        {changed && (
          <Textarea
            label="Reason (optional)"
            description="The customer sees it in the case history and the status email."
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
        )}
        {error && (
          <Alert color="red" role="alert" title="The status did not change">
            {error}
          </Alert>
        )}
        <Button type="submit" variant="default" disabled={!changed} loading={command.isPending}>
          Change status
        </Button>
      </Stack>
    </form>
  );
}
