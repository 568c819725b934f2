import { Alert, Autocomplete, Button, Card, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { TeamChange } from '../../../shared/api/cases.ts';
import { type CaseView, caseKeys, orgAdminsQuery } from '../../api/cases.ts';
import { ApiRequestError, api } from '../../api/client.ts';
import { useMe } from '../../api/session.ts';
import { formatDateTime } from '../format.ts';
import { CLOSE_LABEL, errorMessage, notifySuccess, useRefreshCase } from './caseActions.ts';

type Member = CaseView['team'][number];

/** The case team (SPEC §1, §3): admins of the case's org who receive every case email. */
export function CaseTeamCard({ c }: { c: CaseView }) {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const refresh = useRefreshCase(c.number);
  const editable = c.status !== 'closed';
  const [confirmSelf, setConfirmSelf] = useState<Member | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);

  const remove = useMutation({
    mutationFn: (email: string) => api<CaseView>('DELETE', `/cases/${c.number}/team`, { email }),
  });

  const keepsAccess = c.openedBy?.id === me?.id || (me?.elevatedSupportContact ?? false);

  async function removeMember(member: Member) {
    setRemoveError(null);
    const self = member.email === me?.email;
    try {
      await remove.mutateAsync(member.email);
    } catch (e) {
      setRemoveError(errorMessage(e));
      setConfirmSelf(null);
      return;
    }
    setConfirmSelf(null);
    if (self && !keepsAccess) {
      notifySuccess(`You left the case team of case ${c.number} and no longer see it.`);
      await navigate({ to: '/cases', search: {} });
      queryClient.removeQueries({ queryKey: caseKeys.detail(c.number) });
      await queryClient.invalidateQueries({ queryKey: [...caseKeys.all, 'list'] });
      return;
    }
    notifySuccess(`${member.name} was removed from the case team.`);
    await refresh();
  }

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="case-team-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="case-team-title">
          Case team
        </Title>
        <Text size="sm" c="dimmed">
          Team contacts receive every case email, may answer by email and may open this case here.
        </Text>
        {c.team.length === 0 ? (
          <Text size="sm">No team contacts yet.</Text>
        ) : (
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {c.team.map((m) => (
              <Group key={m.id} component="li" justify="space-between" wrap="nowrap" gap="xs">
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                    {m.name}
                    {m.email === me?.email ? ' (you)' : ''}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {m.email} · added {formatDateTime(m.addedAt)}
                  </Text>
                </div>
                {editable && (
                  <Button
                    size="compact-sm"
                    variant="default"
                    style={{ flexShrink: 0 }}
                    aria-label={`Remove ${m.name} from the case team`}
                    loading={remove.isPending && remove.variables === m.email}
                    onClick={() => (m.email === me?.email ? setConfirmSelf(m) : void removeMember(m))}
                  >
                    Remove
                  </Button>
                )}
              </Group>
            ))}
          </Stack>
        )}
        {removeError && (
          <Alert color="red" role="alert" title="The contact was not removed">
            {removeError}
          </Alert>
        )}
        {editable ? (
          <AddTeamContact c={c} />
        ) : (
          <Text size="sm" c="dimmed">
            This case is closed: its team can no longer change.
          </Text>
        )}
      </Stack>
      <Modal
        closeButtonProps={CLOSE_LABEL}
        opened={confirmSelf !== null}
        onClose={() => setConfirmSelf(null)}
        title="Remove yourself from the case team?"
      >
        <Stack gap="md">
          {keepsAccess ? (
            <Text>
              You stop receiving the emails of case {c.number}. You still see the case because{' '}
              {c.openedBy?.id === me?.id
                ? 'you opened it'
                : 'you are an Elevated Support Contact of your account'}
              .
            </Text>
          ) : (
            <Text>
              You will lose access to case {c.number}: you did not open it and you are not an Elevated Support
              Contact, so only the case team lets you see it. To get it back, someone on the case must add you
              again.
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmSelf(null)}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() => confirmSelf && void removeMember(confirmSelf)}
            >
              Remove me
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

/** "Add contact to team": a typeahead over the admins of the case's org, minus the opener and the team. */
function AddTeamContact({ c }: { c: CaseView }) {
  const refresh = useRefreshCase(c.number);
  const admins = useQuery(orgAdminsQuery(c.org));
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: (email: string) => api<CaseView>('POST', `/cases/${c.number}/team`, { email }),
  });

  const candidates = useMemo(() => {
    const taken = new Set([...c.team.map((m) => m.email), ...(c.openedBy ? [c.openedBy.email] : [])]);
    return (admins.data?.items ?? []).filter((a) => !taken.has(a.email));
  }, [admins.data, c.team, c.openedBy]);
  const names = useMemo(() => new Map(candidates.map((a) => [a.email, a.name])), [candidates]);

  async function submit() {
    setError(null);
    const parsed = TeamChange.safeParse({ email: value.trim() });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Enter the email of an admin of the case org');
      return;
    }
    try {
      await add.mutateAsync(parsed.data.email);
      notifySuccess(`${names.get(parsed.data.email) ?? parsed.data.email} was added to the case team.`);
      setValue('');
      await refresh();
    } catch (e) {
      setError(e instanceof ApiRequestError ? (e.fields.email ?? e.message) : errorMessage(e));
    }
  }

  const hint =
    admins.isError || admins.data === undefined
      ? `Type the email of an admin of the org ${c.org}.`
      : candidates.length === 0
        ? `Every admin of ${c.org} is already on this case.`
        : `Admins of the org ${c.org} only. Type a name or an email.`;

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="xs">
        <Autocomplete
          label="Add contact to team"
          description={hint}
          placeholder="Name or email"
          value={value}
          onChange={(v) => {
            setValue(v);
            setError(null);
          }}
          data={candidates.map((a) => a.email)}
          filter={({ options, search }) => {
            const q = search.trim().toLowerCase();
            return options.filter((o) => {
              if (!('value' in o)) return false;
              return !q || o.value.includes(q) || (names.get(o.value) ?? '').toLowerCase().includes(q);
            });
          }}
          renderOption={({ option }) => (
            <div>
              <Text size="sm">{names.get(option.value) ?? option.value}</Text>
              <Text size="xs" c="dimmed">
                {option.value}
              </Text>
            </div>
          )}
          error={error}
          autoComplete="off"
        />
        <Group justify="flex-end">
          <Button type="submit" variant="light" loading={add.isPending} disabled={!value.trim()}>
            Add to team
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
