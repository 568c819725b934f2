import {
  Alert,
  Button,
  Group,
  Modal,
  PasswordInput,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import type { z } from 'zod';
import { type CreatedStaffUser, NewStaffUser, StaffUserUpdate } from '../../../shared/api/admin.ts';
import { STAFF_ROLES, type StaffRole } from '../../../shared/enums.ts';
import { useMe } from '../../api/session.ts';
import { notify } from '../toasts.tsx';
import { errorText, type StaffUserView, staffQuery, useAdminWrite } from './adminApi.ts';
import { FormButtons, FormError, useAdminForm } from './adminForm.tsx';
import { OneTimePassword } from './OneTimePassword.tsx';
import { Tag } from './Tag.tsx';

const ROLE_LABELS: Record<StaffRole, string> = {
  engineer: 'Engineer',
  manager: 'Manager',
  administrator: 'Administrator',
};
const roleData = STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

function NewStaffForm({ onDone }: { onDone: () => void }) {
  const write = useAdminWrite<z.output<typeof CreatedStaffUser>>();
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null);
  const { form, formError, submit } = useAdminForm(NewStaffUser, {
    email: '',
    name: '',
    role: 'engineer',
    password: undefined,
  });
  const { errors, isSubmitting } = form.formState;
  if (created) {
    return (
      <Stack gap="md">
        <OneTimePassword email={created.email} password={created.password} />
        <Group justify="flex-end">
          <Button onClick={onDone}>Done</Button>
        </Group>
      </Stack>
    );
  }
  return (
    <form
      noValidate
      onSubmit={submit(async (values) => {
        const res = await write.mutateAsync({ method: 'POST', path: '/admin/staff', body: values });
        notify({
          color: 'teal',
          message: `${res.user.name} can now sign in as ${ROLE_LABELS[res.user.role]}.`,
        });
        if (res.initialPassword) setCreated({ email: res.user.email, password: res.initialPassword });
        else onDone();
      })}
    >
      <Stack gap="md">
        <FormError error={formError} title="The staff user was not created" />
        <TextInput
          label="Email"
          type="email"
          required
          {...form.register('email')}
          error={errors.email?.message}
        />
        <TextInput label="Name" required {...form.register('name')} error={errors.name?.message} />
        <Controller
          control={form.control}
          name="role"
          render={({ field }) => (
            <Select
              label="Role"
              required
              data={roleData}
              value={field.value ?? null}
              onChange={(v) => field.onChange(v as StaffRole)}
              onBlur={field.onBlur}
              error={errors.role?.message}
              allowDeselect={false}
            />
          )}
        />
        <Controller
          control={form.control}
          name="password"
          render={({ field }) => (
            <PasswordInput
              label="Initial password"
              description="At least 12 characters. Leave it empty to have one generated and shown once."
              autoComplete="new-password"
              value={field.value ?? ''}
              onChange={(e) =>
                field.onChange(e.currentTarget.value === '' ? undefined : e.currentTarget.value)
              }
              onBlur={field.onBlur}
              error={errors.password?.message}
            />
          )}
        />
        <FormButtons submitting={isSubmitting} label="Create staff user" onCancel={onDone} />
      </Stack>
    </form>
  );
}

function EditStaffForm({ user, onDone }: { user: StaffUserView; onDone: () => void }) {
  const me = useMe();
  const write = useAdminWrite<StaffUserView>();
  const self = me?.id === user.id;
  const { form, formError, submit } = useAdminForm(StaffUserUpdate, { name: user.name, role: user.role });
  const { errors, isSubmitting } = form.formState;
  return (
    <form
      noValidate
      onSubmit={submit(async (values) => {
        await write.mutateAsync({ method: 'PATCH', path: `/admin/staff/${user.id}`, body: values });
        notify({ color: 'teal', message: `${values.name ?? user.name} saved.` });
        onDone();
      })}
    >
      <Stack gap="md">
        <FormError error={formError} title="The staff user was not saved" />
        <Text size="sm">{user.email}</Text>
        <TextInput label="Name" required {...form.register('name')} error={errors.name?.message} />
        <Controller
          control={form.control}
          name="role"
          render={({ field }) => (
            <Select
              label="Role"
              required
              data={roleData}
              value={field.value ?? null}
              onChange={(v) => field.onChange(v as StaffRole)}
              onBlur={field.onBlur}
              error={errors.role?.message}
              disabled={self}
              description={
                self ? 'Another administrator changes your role.' : 'Takes effect on their next request.'
              }
              allowDeselect={false}
            />
          )}
        />
        <FormButtons submitting={isSubmitting} label="Save" onCancel={onDone} />
      </Stack>
    </form>
  );
}

function Activation({ user, onDone }: { user: StaffUserView; onDone: () => void }) {
  const write = useAdminWrite<StaffUserView>();
  const [error, setError] = useState<string | null>(null);
  const next = !user.active;
  return (
    <Stack gap="md">
      {error && (
        <Alert color="red" role="alert" title={next ? 'Not reactivated' : 'Not deactivated'}>
          {error}
        </Alert>
      )}
      <Text size="sm">
        {next
          ? `Reactivate ${user.name}? They can sign in again, with their queues as before.`
          : `Deactivate ${user.name}? They are signed out at once and cannot sign in; their queues and assigned cases stay as they are.`}
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          Cancel
        </Button>
        <Button
          color={next ? 'teal' : 'red'}
          loading={write.isPending}
          onClick={async () => {
            setError(null);
            try {
              await write.mutateAsync({
                method: 'PATCH',
                path: `/admin/staff/${user.id}`,
                body: { active: next },
              });
              notify({ color: 'teal', message: `${user.name} ${next ? 'reactivated' : 'deactivated'}.` });
              onDone();
            } catch (e) {
              setError(errorText(e));
            }
          }}
        >
          {next ? 'Reactivate' : 'Deactivate'}
        </Button>
      </Group>
    </Stack>
  );
}

type Dialog =
  | { kind: 'new' }
  | { kind: 'edit'; user: StaffUserView }
  | { kind: 'activation'; user: StaffUserView };

/** Vendor staff: engineers, managers and administrators; roles, activation, queues. */
export function StaffTab() {
  const staff = useQuery(staffQuery);
  const me = useMe();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text c="dimmed" size="sm" maw={640}>
          Engineers work their queues' cases; managers work every case, handle escalations and keep canned
          responses; administrators configure the Support Center.
        </Text>
        <Button onClick={() => setDialog({ kind: 'new' })}>New staff user</Button>
      </Group>
      {staff.isPending ? (
        <Skeleton height={240} />
      ) : staff.isError ? (
        <Alert color="red" role="alert" title="The staff could not be loaded">
          {errorText(staff.error)}
        </Alert>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table aria-label="Staff users">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Queues</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {staff.data.items.map((u) => {
                const self = me?.id === u.id;
                return (
                  <Table.Tr key={u.id}>
                    <Table.Td>
                      <Group gap={6}>
                        <Text size="sm" fw={500}>
                          {u.name}
                        </Text>
                        {self && (
                          <Text span size="xs" c="dimmed">
                            (you)
                          </Text>
                        )}
                        {!u.active && <Tag color="gray">Deactivated</Tag>}
                      </Group>
                    </Table.Td>
                    <Table.Td>{u.email}</Table.Td>
                    <Table.Td>{ROLE_LABELS[u.role]}</Table.Td>
                    <Table.Td>{u.queues.length ? u.queues.join(', ') : '—'}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        <Button
                          size="compact-xs"
                          variant="default"
                          onClick={() => setDialog({ kind: 'edit', user: u })}
                          aria-label={`Edit ${u.name}`}
                        >
                          Edit
                        </Button>
                        {!self && (
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            color={u.active ? 'red' : 'teal'}
                            onClick={() => setDialog({ kind: 'activation', user: u })}
                            aria-label={`${u.active ? 'Deactivate' : 'Reactivate'} ${u.name}`}
                          >
                            {u.active ? 'Deactivate' : 'Reactivate'}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        closeButtonProps={{ 'aria-label': 'Close' }}
        opened={dialog !== null}
        onClose={close}
        title={
          dialog?.kind === 'new'
            ? 'New staff user'
            : dialog?.kind === 'edit'
              ? `Edit ${dialog.user.name}`
              : dialog?.user.active
                ? 'Deactivate staff user'
                : 'Reactivate staff user'
        }
      >
        {dialog?.kind === 'new' && <NewStaffForm onDone={close} />}
        {dialog?.kind === 'edit' && <EditStaffForm user={dialog.user} onDone={close} />}
        {dialog?.kind === 'activation' && <Activation user={dialog.user} onDone={close} />}
      </Modal>
    </Stack>
  );
}
