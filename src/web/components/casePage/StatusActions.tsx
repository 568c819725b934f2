import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { OPEN_STATUSES, REOPEN_WINDOW_DAYS } from '../../../shared/enums.ts';
import type { CaseView } from '../../api/cases.ts';
import { api } from '../../api/client.ts';
import { formatDateTime } from '../format.ts';
import { AnchorLink } from '../links.tsx';
import { CLOSE_LABEL, errorMessage, notifySuccess, useRefreshCase } from './caseActions.ts';

function useStatusChange(c: CaseView) {
  const refresh = useRefreshCase(c.number);
  return useMutation({
    mutationFn: (status: 'solved' | 'open') => api<CaseView>('PATCH', `/cases/${c.number}`, { status }),
    onSettled: () => refresh(),
  });
}

/** Whether a solved case may still be reopened (within the window the server computed). */
export const reopenable = (c: CaseView) =>
  c.status === 'solved' && c.reopenableUntil !== null && Date.parse(c.reopenableUntil) > Date.now();

/** "Mark solved" (with a confirmation) on an open case, "Reopen" on a solved one within the window. */
export function StatusActions({ c }: { c: CaseView }) {
  const change = useStatusChange(c);
  const [confirm, setConfirm] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(status: 'solved' | 'open') {
    setError(null);
    try {
      await change.mutateAsync(status);
      setConfirm(false);
      notifySuccess(status === 'solved' ? `Case ${c.number} is solved.` : `Case ${c.number} is open again.`);
    } catch (e) {
      setConfirm(false);
      setError(errorMessage(e));
    }
  }

  return (
    <>
      {OPEN_STATUSES.includes(c.status) && (
        <Button variant="default" onClick={() => setConfirm(true)}>
          Mark solved
        </Button>
      )}
      {reopenable(c) && (
        <Button variant="default" loading={change.isPending} onClick={() => void run('open')}>
          Reopen
        </Button>
      )}
      {error && (
        <Alert color="red" role="alert" w="100%" title="The status did not change">
          {error}
        </Alert>
      )}
      <Modal
        closeButtonProps={CLOSE_LABEL}
        opened={confirm}
        onClose={() => setConfirm(false)}
        title={`Mark case ${c.number} solved?`}
      >
        <Stack gap="md">
          <Text>
            Do this when the problem is gone. Support is told, and you can reopen the case for{' '}
            {REOPEN_WINDOW_DAYS} days if it comes back; after that it closes.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(false)}>
              Cancel
            </Button>
            <Button loading={change.isPending} onClick={() => void run('solved')}>
              Mark solved
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** What a solved or closed case still allows, said plainly. */
export function StatusNotice({ c }: { c: CaseView }) {
  if (c.status === 'solved' && reopenable(c)) {
    return (
      <Alert color="teal" role="note" title="This case is solved">
        If the problem is back, reopen the case until {formatDateTime(c.reopenableUntil)}. After that it
        closes.
      </Alert>
    );
  }
  if (c.status === 'solved') {
    return (
      <Alert color="gray" role="note" title="This case is solved">
        The {REOPEN_WINDOW_DAYS}-day window to reopen it has passed
        {c.reopenableUntil ? ` (${formatDateTime(c.reopenableUntil)})` : ''}. If the problem is back,{' '}
        <AnchorLink to="/cases/new" search={{}} inherit>
          open a new case
        </AnchorLink>{' '}
        and mention case {c.number} in it.
      </Alert>
    );
  }
  if (c.status === 'closed') {
    return (
      <Alert color="gray" role="note" title="This case is closed">
        Closed {formatDateTime(c.closedAt)}. A closed case cannot be reopened or changed. If the problem is
        back,{' '}
        <AnchorLink to="/cases/new" search={{}} inherit>
          open a new case
        </AnchorLink>{' '}
        and mention case {c.number} in it.
      </Alert>
    );
  }
  return null;
}
