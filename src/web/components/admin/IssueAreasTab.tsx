import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Select,
  Skeleton,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { IssueAreaUpdate, NewIssueArea } from '../../../shared/api/admin.ts';
import { notify } from '../toasts.tsx';
import {
  adminIssueAreasQuery,
  adminQueuesQuery,
  errorText,
  type IssueAreaView,
  useAdminWrite,
} from './adminApi.ts';
import { FormButtons, FormError, useAdminForm } from './adminForm.tsx';
import { Tag } from './Tag.tsx';

interface FormValues {
  key?: string;
  parent?: string | null;
  name?: string;
  description?: string;
  queue?: string;
  common?: boolean;
  sortOrder?: number;
  active?: boolean;
}

function IssueAreaForm({
  area,
  parent,
  groups,
  onDone,
}: {
  area?: IssueAreaView;
  /** for a new area: its group (null: a new group) */
  parent?: string | null;
  groups: IssueAreaView[];
  onDone: () => void;
}) {
  const queues = useQuery(adminQueuesQuery);
  const write = useAdminWrite<IssueAreaView>();
  const isGroup = area ? area.parent === null : parent === null;
  const parentGroup = groups.find((g) => g.key === (area?.parent ?? parent));
  const defaults: FormValues = area
    ? {
        parent: area.parent,
        name: area.name,
        description: area.description,
        queue: area.queue,
        common: area.common,
        sortOrder: area.sortOrder,
        active: area.active,
      }
    : {
        key: '',
        parent: parent ?? null,
        name: '',
        description: '',
        queue: parentGroup?.queue ?? '',
        common: false,
        active: true,
      };
  const { form, formError, submit } = useAdminForm(area ? IssueAreaUpdate : NewIssueArea, defaults as never);
  const errors = form.formState.errors as Partial<Record<keyof FormValues, { message?: string }>>;
  const register = (name: keyof FormValues) => form.register(name as never);
  const queueData = (queues.data?.items ?? []).map((q) => ({ value: q.key, label: `${q.name} (${q.key})` }));
  const groupData = groups.filter((g) => g.key !== area?.key).map((g) => ({ value: g.key, label: g.name }));
  return (
    <form
      noValidate
      onSubmit={submit(async (values) => {
        await write.mutateAsync(
          area
            ? { method: 'PATCH', path: `/admin/issue-areas/${encodeURIComponent(area.key)}`, body: values }
            : { method: 'POST', path: '/admin/issue-areas', body: values },
        );
        notify({
          color: 'teal',
          message: area ? `${area.name} saved.` : `${isGroup ? 'Group' : 'Issue area'} created.`,
        });
        onDone();
      })}
    >
      <Stack gap="md">
        <FormError
          error={formError}
          title={area ? 'The issue area was not saved' : 'The issue area was not created'}
        />
        {area ? (
          <Text size="sm">
            Key <b>{area.key}</b> (never changes: cases name it)
          </Text>
        ) : (
          <TextInput
            label="Key"
            required
            description="Lower-case letters, digits and dashes, e.g. saml-sso"
            {...register('key')}
            error={errors.key?.message}
          />
        )}
        {!isGroup && (
          <Controller
            control={form.control}
            name={'parent' as never}
            render={({ field }) => (
              <Select
                label="Group"
                required
                data={groupData}
                value={(field.value as string | null) ?? null}
                onChange={(v) => field.onChange(v)}
                onBlur={field.onBlur}
                error={errors.parent?.message}
                allowDeselect={false}
              />
            )}
          />
        )}
        <TextInput label="Name" required {...register('name')} error={errors.name?.message} />
        <Textarea
          label="Description"
          description="Shown in the case form when the area is hovered or focused"
          autosize
          minRows={2}
          {...register('description')}
          error={errors.description?.message}
        />
        <Controller
          control={form.control}
          name={'queue' as never}
          render={({ field }) => (
            <Select
              label="Routing queue"
              required
              description="New cases of this area go to this queue"
              data={queueData}
              value={(field.value as string) || null}
              onChange={(v) => field.onChange(v ?? '')}
              onBlur={field.onBlur}
              error={errors.queue?.message}
              searchable
              allowDeselect={false}
            />
          )}
        />
        <Controller
          control={form.control}
          name={'sortOrder' as never}
          render={({ field }) => (
            <NumberInput
              label="Sort order"
              description={area ? undefined : 'Empty: after the last one'}
              min={0}
              allowDecimal={false}
              value={(field.value as number | undefined) ?? ''}
              onChange={(v) => field.onChange(typeof v === 'number' ? v : undefined)}
              onBlur={field.onBlur}
              error={errors.sortOrder?.message}
            />
          )}
        />
        {!isGroup && <Checkbox label="Common: shown first in the case form" {...register('common')} />}
        <Controller
          control={form.control}
          name={'active' as never}
          render={({ field }) => (
            <Switch
              label="Active: offered in the case form"
              checked={Boolean(field.value)}
              onChange={(e) => field.onChange(e.currentTarget.checked)}
              error={errors.active?.message}
            />
          )}
        />
        <FormButtons
          submitting={form.formState.isSubmitting}
          label={area ? 'Save' : 'Create'}
          onCancel={onDone}
        />
      </Stack>
    </form>
  );
}

type Dialog = { kind: 'new'; parent: string | null } | { kind: 'edit'; area: IssueAreaView };

/** The two-level issue area list: each group with its areas, routing queue, common flag, order and state. */
export function IssueAreasTab() {
  const areas = useQuery(adminIssueAreasQuery);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);
  const groups = areas.data?.items.filter((a) => a.parent === null) ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text c="dimmed" size="sm" maw={640}>
          Customers choose an area when they open a case; the area decides the queue. A deactivated area
          leaves the form, and the cases filed under it keep it.
        </Text>
        <Button onClick={() => setDialog({ kind: 'new', parent: null })}>New group</Button>
      </Group>
      {areas.isPending ? (
        <Skeleton height={300} />
      ) : areas.isError ? (
        <Alert color="red" role="alert" title="The issue areas could not be loaded">
          {errorText(areas.error)}
        </Alert>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table aria-label="Issue areas">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Queue</Table.Th>
                <Table.Th>Order</Table.Th>
                <Table.Th>Cases</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {areas.data.items.map((a) => (
                <Table.Tr
                  key={a.key}
                  style={a.parent ? undefined : { background: 'var(--mantine-color-default-hover)' }}
                >
                  <Table.Td pl={a.parent ? 36 : undefined}>
                    <Group gap={6}>
                      <Text fw={a.parent ? 400 : 600} size="sm">
                        {a.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {a.key}
                      </Text>
                      {a.common && <Tag color="indigo">Common</Tag>}
                      {!a.active && <Tag color="gray">Inactive</Tag>}
                    </Group>
                    {a.description && (
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {a.description}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{a.queue}</Table.Td>
                  <Table.Td>{a.sortOrder}</Table.Td>
                  <Table.Td>{a.cases}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <Button
                        size="compact-xs"
                        variant="default"
                        onClick={() => setDialog({ kind: 'edit', area: a })}
                        aria-label={`Edit ${a.name}`}
                      >
                        Edit
                      </Button>
                      {a.parent === null && (
                        <Button
                          size="compact-xs"
                          variant="light"
                          onClick={() => setDialog({ kind: 'new', parent: a.key })}
                          aria-label={`Add area to ${a.name}`}
                        >
                          Add area
                        </Button>
                      )}
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
        title={
          dialog?.kind === 'edit'
            ? `Edit ${dialog.area.name}`
            : dialog?.parent
              ? `New area in ${groups.find((g) => g.key === dialog.parent)?.name ?? dialog.parent}`
              : 'New group'
        }
      >
        {dialog?.kind === 'edit' && <IssueAreaForm area={dialog.area} groups={groups} onDone={close} />}
        {dialog?.kind === 'new' && <IssueAreaForm parent={dialog.parent} groups={groups} onDone={close} />}
      </Modal>
    </Stack>
  );
}
