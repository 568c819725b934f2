import { Alert, Button, Group, Select, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import type { CaseView } from '../../api/cases.ts';
import { useMe } from '../../api/session.ts';
import { errorMessage, notifySuccess } from '../casePage/caseActions.ts';
import { queuesQuery, useCaseCommand } from './workspaceApi.ts';

/** Moves the case to another queue. An engineer who moves it out of their queues goes back to the console. */
export function QueueControl({ c }: { c: CaseView }) {
  const me = useMe();
  const navigate = useNavigate();
  const command = useCaseCommand(c.number);
  const queues = useQuery(queuesQuery);
  const current = c.queue?.key ?? null;
  const [queue, setQueue] = useState<string | null>(current);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setQueue(current), [current]);
  const seesAll = me?.staffRole === 'manager' || me?.staffRole === 'administrator';
  const options = (queues.data?.items ?? []).map((q) => ({ value: q.key, label: q.name }));
  if (current && !options.some((o) => o.value === current)) {
    options.unshift({ value: current, label: c.queue?.name ?? current });
  }

  async function submit() {
    if (!queue || queue === current) return;
    setError(null);
    const target = queues.data?.items.find((q) => q.key === queue);
    try {
      await command.mutateAsync({ path: 'queue', body: { queue } });
    } catch (e) {
      setError(errorMessage(e));
      return;
    }
    notifySuccess(`Case ${c.number} moved to ${target?.name ?? queue}.`);
    if (!seesAll && target && !target.member && c.owner?.id !== me?.id) {
      await navigate({ to: '/console' });
    }
  }

  return (
    <form
      aria-label="Move to another queue"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="xs">
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <Select
            style={{ flex: 1, minWidth: 0 }}
            label="Queue"
            data={options}
            value={queue}
            allowDeselect={false}
            onChange={setQueue}
          />
          <Button
            type="submit"
            variant="default"
            disabled={!queue || queue === current}
            loading={command.isPending}
          >
            Move
          </Button>
        </Group>
        {error && (
          <Alert color="red" role="alert" title="The case was not moved">
            {error}
          </Alert>
        )}
      </Stack>
    </form>
  );
}
