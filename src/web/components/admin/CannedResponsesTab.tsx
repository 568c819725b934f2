import {
  Alert,
  Button,
  Group,
  Modal,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { CannedResponseUpdate, NewCannedResponse } from '../../../shared/api/admin.ts';
import { api } from '../../api/client.ts';
import { notify } from '../toasts.tsx';
import { type CannedResponseView, cannedResponsesQuery, errorText, useAdminWrite } from './adminApi.ts';
import { FormButtons, FormError, useAdminForm } from './adminForm.tsx';

const EVERY_QUEUE = '';

/** The queues to choose from: everyone reads GET /queues (the console's); administrators also /admin/queues. */
function useQueueOptions() {
  const queues = useQuery({
    queryKey: ['canned-responses', 'queue-options'],
    queryFn: () => api<{ items: { key: string; name: string }[] }>('GET', '/queues'),
  });
  return (queues.data?.items ?? []).map((q) => ({ value: q.key, label: q.name }));
}

function CannedForm({ canned, onDone }: { canned?: CannedResponseView; onDone: () => void }) {
  const write = useAdminWrite<CannedResponseView>();
  const queueOptions = useQueueOptions();
  const { form, formError, submit } = useAdminForm(canned ? CannedResponseUpdate : NewCannedResponse, {
    title: canned?.title ?? '',
    body: canned?.body ?? '',
    queue: canned?.queue ?? null,
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form
      noValidate
      onSubmit={submit(async (values) => {
        await write.mutateAsync(
          canned
            ? { method: 'PATCH', path: `/canned-responses/${canned.id}`, body: values }
            : { method: 'POST', path: '/canned-responses', body: values },
        );
        notify({
          color: 'teal',
          message: canned ? `${values.title ?? canned.title} saved.` : 'Canned response created.',
        });
        onDone();
      })}
    >
      <Stack gap="md">
        <FormError
          error={formError}
          title={canned ? 'The canned response was not saved' : 'The canned response was not created'}
        />
        <TextInput label="Title" required {...form.register('title')} error={errors.title?.message} />
        <Controller
          control={form.control}
          name="queue"
          render={({ field }) => (
            <Select
              label="Offered on"
              description="The cases of one queue, or of every queue"
              data={[{ value: EVERY_QUEUE, label: 'Every queue' }, ...queueOptions]}
              value={field.value ?? EVERY_QUEUE}
              onChange={(v) => field.onChange(v ? v : null)}
              onBlur={field.onBlur}
              error={errors.queue?.message}
              allowDeselect={false}
            />
          )}
        />
        <Textarea
          label="Body"
          description="Markdown; the engineer can still edit it before sending"
          required
          autosize
          minRows={6}
          maxRows={16}
          {...form.register('body')}
          error={errors.body?.message}
        />
        <FormButtons submitting={isSubmitting} label={canned ? 'Save' : 'Create'} onCancel={onDone} />
      </Stack>
    </form>
  );
}

function DeleteCanned({ canned, onDone }: { canned: CannedResponseView; onDone: () => void }) {
  const write = useAdminWrite();
  const [error, setError] = useState<string | null>(null);
  return (
    <Stack gap="md">
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Text size="sm">Delete “{canned.title}”? Replies already sent with it stay as they are.</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          Cancel
        </Button>
        <Button
          color="red"
          loading={write.isPending}
          onClick={async () => {
            try {
              await write.mutateAsync({ method: 'DELETE', path: `/canned-responses/${canned.id}` });
              notify({ color: 'teal', message: `“${canned.title}” deleted.` });
              onDone();
            } catch (e) {
              setError(errorText(e));
            }
          }}
        >
          Delete
        </Button>
      </Group>
    </Stack>
  );
}

type Dialog =
  | { kind: 'new' }
  | { kind: 'edit'; canned: CannedResponseView }
  | { kind: 'delete'; canned: CannedResponseView };

/** Canned responses (managers and administrators keep them; every engineer uses them in the workspace). */
export function CannedResponsesTab() {
  const list = useQuery(cannedResponsesQuery);
  const queueOptions = useQueueOptions();
  const [filter, setFilter] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);
  const queueName = (key: string | null) =>
    key === null ? 'Every queue' : (queueOptions.find((q) => q.value === key)?.label ?? key);
  const shown =
    list.data?.items.filter(
      (c) => filter === null || (filter === EVERY_QUEUE ? c.queue === null : c.queue === filter),
    ) ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Select
          label="Show"
          placeholder="All canned responses"
          data={[{ value: EVERY_QUEUE, label: 'For every queue' }, ...queueOptions]}
          value={filter}
          onChange={setFilter}
          clearable
          w={260}
        />
        <Button onClick={() => setDialog({ kind: 'new' })}>New canned response</Button>
      </Group>
      {list.isPending ? (
        <Skeleton height={240} />
      ) : list.isError ? (
        <Alert color="red" role="alert" title="The canned responses could not be loaded">
          {errorText(list.error)}
        </Alert>
      ) : shown.length === 0 ? (
        <Text c="dimmed">No canned responses{filter !== null ? ' here' : ' yet'}.</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table aria-label="Canned responses">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Title</Table.Th>
                <Table.Th>Offered on</Table.Th>
                <Table.Th>Body</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td fw={500}>{c.title}</Table.Td>
                  <Table.Td>{queueName(c.queue)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed" lineClamp={2} maw={420}>
                      {c.body}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <Button
                        size="compact-xs"
                        variant="default"
                        onClick={() => setDialog({ kind: 'edit', canned: c })}
                        aria-label={`Edit ${c.title}`}
                      >
                        Edit
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        onClick={() => setDialog({ kind: 'delete', canned: c })}
                        aria-label={`Delete ${c.title}`}
                      >
                        Delete
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        closeButtonProps={{ 'aria-label': 'Close' }}
        opened={dialog !== null}
        onClose={close}
        size={dialog?.kind === 'delete' ? 'md' : 'lg'}
        title={
          dialog?.kind === 'new'
            ? 'New canned response'
            : dialog?.kind === 'edit'
              ? `Edit “${dialog.canned.title}”`
              : 'Delete canned response'
        }
      >
        {dialog?.kind === 'new' && <CannedForm onDone={close} />}
        {dialog?.kind === 'edit' && <CannedForm canned={dialog.canned} onDone={close} />}
        {dialog?.kind === 'delete' && <DeleteCanned canned={dialog.canned} onDone={close} />}
      </Modal>
    </Stack>
  );
}
