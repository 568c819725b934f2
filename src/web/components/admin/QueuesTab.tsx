import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  Modal,
  Select,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { NewQueue, QueueUpdate } from '../../../shared/api/admin.ts';
import { notify } from '../toasts.tsx';
import { adminQueuesQuery, errorText, type QueueView, staffQuery, useAdminWrite } from './adminApi.ts';
import { FormButtons, FormError, useAdminForm } from './adminForm.tsx';
import { Tag } from './Tag.tsx';

function QueueForm({ queue, onDone }: { queue?: QueueView; onDone: () => void }) {
  const write = useAdminWrite<QueueView>();
  const { form, formError, submit } = useAdminForm(
    queue ? QueueUpdate : NewQueue,
    (queue
      ? { name: queue.name, description: queue.description, triage: queue.triage }
      : { key: '', name: '', description: '', triage: false }) as never,
  );
  const errors = form.formState.errors as Partial<
    Record<'key' | 'name' | 'description' | 'triage', { message?: string }>
  >;
  const register = (name: 'key' | 'name' | 'description' | 'triage') => form.register(name as never);
  return (
    <form
      noValidate
      onSubmit={submit(async (values) => {
        await write.mutateAsync(
          queue
            ? { method: 'PATCH', path: `/admin/queues/${encodeURIComponent(queue.key)}`, body: values }
            : { method: 'POST', path: '/admin/queues', body: values },
        );
        notify({ color: 'teal', message: queue ? `${queue.name} saved.` : 'Queue created.' });
        onDone();
      })}
    >
      <Stack gap="md">
        <FormError
          error={formError}
          title={queue ? 'The queue was not saved' : 'The queue was not created'}
        />
        {queue ? (
          <Text size="sm">
            Key <b>{queue.key}</b>
          </Text>
        ) : (
          <TextInput
            label="Key"
            required
            description="Lower-case letters, digits and dashes, e.g. identity"
            {...register('key')}
            error={errors.key?.message}
          />
        )}
        <TextInput label="Name" required {...register('name')} error={errors.name?.message} />
        <Textarea
          label="Description"
          autosize
          minRows={2}
          {...register('description')}
          error={errors.description?.message}
        />
        <Checkbox
          label="Triage queue: takes the cases no issue area routes (there is exactly one)"
          {...register('triage')}
          disabled={queue?.triage}
          error={errors.triage?.message}
          description={queue?.triage ? 'To move triage, mark another queue as the triage queue.' : undefined}
        />
        <FormButtons
          submitting={form.formState.isSubmitting}
          label={queue ? 'Save queue' : 'Create queue'}
          onCancel={onDone}
        />
      </Stack>
    </form>
  );
}

function Members({ queue }: { queue: QueueView }) {
  const staff = useQuery(staffQuery);
  const write = useAdminWrite();
  const [pick, setPick] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const candidates = (staff.data?.items ?? [])
    .filter((s) => s.active && !queue.members.some((m) => m.id === s.id))
    .map((s) => ({ value: s.id, label: `${s.name} (${s.role})` }));
  const change = async (method: 'PUT' | 'DELETE', userId: string, name: string) => {
    setError(null);
    try {
      await write.mutateAsync({
        method,
        path: `/admin/queues/${encodeURIComponent(queue.key)}/members/${userId}`,
      });
      notify({
        color: 'teal',
        message: method === 'PUT' ? `${name} added to ${queue.name}.` : `${name} taken off ${queue.name}.`,
      });
      setPick(null);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Stack gap="xs" mt="sm">
      <Title order={3} size="h6">
        Members
      </Title>
      {queue.members.length === 0 ? (
        <Text size="sm" c="dimmed">
          No members: managers and administrators still see its cases.
        </Text>
      ) : (
        <List spacing={4} listStyleType="none" aria-label={`Members of ${queue.name}`}>
          {queue.members.map((m) => (
            <List.Item key={m.id}>
              <Group gap="xs">
                <Text size="sm">
                  {m.name}{' '}
                  <Text span c="dimmed" size="xs">
                    {m.role}
                  </Text>
                </Text>
                {!m.active && <Tag color="gray">Deactivated</Tag>}
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="red"
                  onClick={() => void change('DELETE', m.id, m.name)}
                  aria-label={`Remove ${m.name} from ${queue.name}`}
                >
                  Remove
                </Button>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Group gap="xs" align="flex-end">
        <Select
          label={`Add a member to ${queue.name}`}
          placeholder={candidates.length ? 'Choose staff' : 'Every active staff member is in'}
          data={candidates}
          value={pick}
          onChange={setPick}
          searchable
          disabled={candidates.length === 0}
          w={260}
        />
        <Button
          variant="light"
          disabled={!pick}
          loading={write.isPending}
          aria-label={`Add member to ${queue.name}`}
          onClick={() => {
            const who = candidates.find((c) => c.value === pick);
            if (pick && who) void change('PUT', pick, who.label.replace(/ \(.*\)$/, ''));
          }}
        >
          Add member
        </Button>
      </Group>
    </Stack>
  );
}

function DeleteQueue({ queue, onDone }: { queue: QueueView; onDone: () => void }) {
  const write = useAdminWrite();
  const [error, setError] = useState<string | null>(null);
  return (
    <Stack gap="md">
      {error && (
        <Alert color="red" role="alert" title="The queue was not deleted">
          {error}
        </Alert>
      )}
      <Text size="sm">
        Delete the queue {queue.name}? Its members are taken off it; closed cases keep its key in their
        history.
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          Cancel
        </Button>
        <Button
          color="red"
          loading={write.isPending}
          onClick={async () => {
            setError(null);
            try {
              await write.mutateAsync({
                method: 'DELETE',
                path: `/admin/queues/${encodeURIComponent(queue.key)}`,
              });
              notify({ color: 'teal', message: `${queue.name} deleted.` });
              onDone();
            } catch (e) {
              setError(errorText(e));
            }
          }}
        >
          Delete queue
        </Button>
      </Group>
    </Stack>
  );
}

type Dialog = { kind: 'new' } | { kind: 'edit'; queue: QueueView } | { kind: 'delete'; queue: QueueView };

/** Queues and their members; exactly one is the triage queue. */
export function QueuesTab() {
  const queues = useQuery(adminQueuesQuery);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text c="dimmed" size="sm" maw={640}>
          Engineers work the cases of the queues they belong to. Issue areas route new cases to a queue; the
          triage queue takes the rest.
        </Text>
        <Button onClick={() => setDialog({ kind: 'new' })}>New queue</Button>
      </Group>
      {queues.isPending ? (
        <Skeleton height={300} />
      ) : queues.isError ? (
        <Alert color="red" role="alert" title="The queues could not be loaded">
          {errorText(queues.error)}
        </Alert>
      ) : (
        queues.data.items.map((q) => (
          <Card key={q.key} withBorder radius="md" component="section" aria-labelledby={`queue-${q.key}`}>
            <Group justify="space-between" align="flex-start">
              <div>
                <Group gap="xs">
                  <Title order={2} size="h4" id={`queue-${q.key}`}>
                    {q.name}
                  </Title>
                  <Text size="sm" c="dimmed">
                    {q.key}
                  </Text>
                  {q.triage && <Tag color="orange">Triage</Tag>}
                </Group>
                {q.description && (
                  <Text size="sm" c="dimmed" mt={4}>
                    {q.description}
                  </Text>
                )}
                <Text size="sm" mt={4}>
                  {q.issueAreas} issue areas · {q.openCases} open cases · {q.cannedResponses} canned responses
                </Text>
              </div>
              <Group gap="xs">
                <Button
                  size="compact-sm"
                  variant="default"
                  onClick={() => setDialog({ kind: 'edit', queue: q })}
                  aria-label={`Edit queue ${q.name}`}
                >
                  Edit
                </Button>
                <Button
                  size="compact-sm"
                  variant="subtle"
                  color="red"
                  onClick={() => setDialog({ kind: 'delete', queue: q })}
                  aria-label={`Delete queue ${q.name}`}
                >
                  Delete
                </Button>
              </Group>
            </Group>
            <Members queue={q} />
          </Card>
        ))
      )}
      <Modal
        closeButtonProps={{ 'aria-label': 'Close' }}
        opened={dialog !== null}
        onClose={close}
        title={
          dialog?.kind === 'new'
            ? 'New queue'
            : dialog?.kind === 'edit'
              ? `Edit ${dialog.queue.name}`
              : 'Delete queue'
        }
      >
        {dialog?.kind === 'new' && <QueueForm onDone={close} />}
        {dialog?.kind === 'edit' && <QueueForm queue={dialog.queue} onDone={close} />}
        {dialog?.kind === 'delete' && <DeleteQueue queue={dialog.queue} onDone={close} />}
      </Modal>
    </Stack>
  );
}
