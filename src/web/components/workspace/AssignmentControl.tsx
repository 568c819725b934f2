import { Alert, Button, Group, Select, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { AssignmentChange } from '../../../shared/api/console.ts';
import type { CaseView } from '../../api/cases.ts';
import { useMe } from '../../api/session.ts';
import { errorMessage, notifySuccess } from '../casePage/caseActions.ts';
import { queueMembersQuery, staffQuery, useCaseCommand } from './workspaceApi.ts';

/**
 * Who works the case: Take (assign to me), Assign to a member of the case's queue (managers and
 * administrators: any staff user), Round-robin (the queue's next member), Unassign.
 */
export function AssignmentControl({ c }: { c: CaseView }) {
  const me = useMe();
  const command = useCaseCommand(c.number);
  const seesAll = me?.staffRole === 'manager' || me?.staffRole === 'administrator';
  const queueKey = c.queue?.key ?? null;
  const members = useQuery({ ...queueMembersQuery(queueKey ?? ''), enabled: !seesAll && queueKey !== null });
  const staff = useQuery({ ...staffQuery, enabled: seesAll });
  const people = (seesAll ? staff.data?.items : members.data?.items) ?? [];
  const [userId, setUserId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mine = c.owner?.id === me?.id;

  async function run(body: AssignmentChange, done: (owner: string) => string) {
    setError(null);
    try {
      const updated = await command.mutateAsync({ path: 'assignment', body });
      notifySuccess(done(updated.owner?.name ?? 'nobody'));
      setUserId(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  const busy = command.isPending;

  return (
    <Stack gap="xs">
      <Text size="sm">
        <Text span fw={500} inherit>
          Assignee:
        </Text>{' '}
        {c.owner ? (mine ? `${c.owner.name} (me)` : c.owner.name) : 'Unassigned'}
      </Text>
      <Group gap="xs">
        {!mine && (
          <Button
            size="compact-sm"
            disabled={busy}
            onClick={() => void run({ action: 'take' }, () => 'The case is yours.')}
          >
            Take
          </Button>
        )}
        <Button
          size="compact-sm"
          variant="default"
          disabled={busy}
          onClick={() => void run({ action: 'round_robin' }, (name) => `Assigned round-robin to ${name}.`)}
        >
          Round-robin
        </Button>
        {c.owner && (
          <Button
            size="compact-sm"
            variant="default"
            disabled={busy}
            onClick={() => void run({ action: 'unassign' }, () => 'The case is unassigned.')}
          >
            Unassign
          </Button>
        )}
      </Group>
      <form
        aria-label="Assign the case"
        onSubmit={(e) => {
          e.preventDefault();
          if (!userId) {
            setError('Choose who to assign the case to');
            return;
          }
          void run({ action: 'assign', userId }, (name) => `Assigned to ${name}.`);
        }}
      >
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <Select
            style={{ flex: 1, minWidth: 0 }}
            label={seesAll ? 'Assign to (any staff)' : `Assign to (${c.queue?.name ?? 'queue'} members)`}
            placeholder={people.length ? 'Choose a person' : 'No one to choose'}
            searchable
            data={people.filter((p) => p.id !== c.owner?.id).map((p) => ({ value: p.id, label: p.name }))}
            value={userId}
            onChange={setUserId}
            nothingFoundMessage="No one matches"
          />
          <Button type="submit" variant="default" disabled={busy || !userId}>
            Assign
          </Button>
        </Group>
      </form>
      {error && (
        <Alert color="red" role="alert" title="The assignment did not change">
          {error}
        </Alert>
      )}
    </Stack>
  );
}
