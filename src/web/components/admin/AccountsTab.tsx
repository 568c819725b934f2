import {
  Alert,
  Button,
  Card,
  Group,
  Modal,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import type { z } from 'zod';
import {
  AccountUpdate,
  type CreatedOrgSuperAdmin,
  NewAccount,
  NewOrg,
  NewOrgSuperAdmin,
  OrgUpdate,
} from '../../../shared/api/admin.ts';
import { PLANS, type Plan } from '../../../shared/enums.ts';
import { notify } from '../toasts.tsx';
import {
  type AccountView,
  accountsQuery,
  errorText,
  type OrgView,
  orgAdminsQuery,
  useAdminWrite,
} from './adminApi.ts';
import { FormButtons, FormError, useAdminForm } from './adminForm.tsx';
import { OneTimePassword } from './OneTimePassword.tsx';
import { Tag } from './Tag.tsx';

const planLabel = (p: string) => `${p.charAt(0).toUpperCase()}${p.slice(1)}`;
const planData = PLANS.map((p) => ({ value: p, label: planLabel(p) }));

function AccountForm({ account, onDone }: { account?: AccountView; onDone: () => void }) {
  const write = useAdminWrite<AccountView>();
  const { form, formError, submit } = useAdminForm(account ? AccountUpdate : NewAccount, {
    name: account?.name ?? '',
    plan: account?.plan ?? 'silver',
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form
      noValidate
      onSubmit={submit(async (values) => {
        await write.mutateAsync(
          account
            ? { method: 'PATCH', path: `/admin/accounts/${account.id}`, body: values }
            : { method: 'POST', path: '/admin/accounts', body: values },
        );
        notify({
          color: 'teal',
          message: account ? `${values.name ?? account.name} saved.` : `Account ${values.name} created.`,
        });
        onDone();
      })}
    >
      <Stack gap="md">
        <FormError
          error={formError}
          title={account ? 'The account was not saved' : 'The account was not created'}
        />
        <TextInput label="Account name" required {...form.register('name')} error={errors.name?.message} />
        <Controller
          control={form.control}
          name="plan"
          render={({ field }) => (
            <Select
              label="Support plan"
              required
              data={planData}
              value={field.value ?? null}
              onChange={(v) => field.onChange(v as Plan)}
              onBlur={field.onBlur}
              error={errors.plan?.message}
              description={
                account ? "A new plan moves the due time of the account's unanswered open cases." : undefined
              }
              allowDeselect={false}
            />
          )}
        />
        <FormButtons
          submitting={isSubmitting}
          label={account ? 'Save account' : 'Create account'}
          onCancel={onDone}
        />
      </Stack>
    </form>
  );
}

function OrgForm({ account, org, onDone }: { account: AccountView; org?: OrgView; onDone: () => void }) {
  const write = useAdminWrite<AccountView>();
  const { form, formError, submit } = useAdminForm(
    org ? OrgUpdate : NewOrg,
    org ? { name: org.name } : { slug: '', name: '' },
  );
  const { errors, isSubmitting } = form.formState;
  const slugError = (errors as { slug?: { message?: string } }).slug?.message;
  return (
    <form
      noValidate
      onSubmit={submit(async (values) => {
        await write.mutateAsync(
          org
            ? { method: 'PATCH', path: `/admin/orgs/${org.id}`, body: values }
            : { method: 'POST', path: `/admin/accounts/${account.id}/orgs`, body: values },
        );
        notify({ color: 'teal', message: org ? 'Org renamed.' : `Org added to ${account.name}.` });
        onDone();
      })}
    >
      <Stack gap="md">
        <FormError error={formError} title={org ? 'The org was not renamed' : 'The org was not created'} />
        {org ? (
          <Text size="sm">
            Slug <b>{org.slug}</b> (never changes: cases and links use it)
          </Text>
        ) : (
          <TextInput
            label="Slug"
            required
            description="Lower-case letters, digits and dashes, e.g. acme-preview. It never changes."
            {...form.register('slug' as never)}
            error={slugError}
          />
        )}
        <TextInput
          label="Org name"
          required
          description="Usually the tenant's domain, e.g. acme.example.com"
          {...form.register('name')}
          error={errors.name?.message}
        />
        <FormButtons submitting={isSubmitting} label={org ? 'Save org' : 'Create org'} onCancel={onDone} />
      </Stack>
    </form>
  );
}

function OrgAdmins({ org }: { org: OrgView }) {
  const admins = useQuery(orgAdminsQuery(org.id));
  const write = useAdminWrite<z.output<typeof CreatedOrgSuperAdmin>>();
  const [created, setCreated] = useState<{ email: string; password: string | null } | null>(null);
  const { form, formError, submit } = useAdminForm(NewOrgSuperAdmin, { email: '', name: '' });
  const { errors, isSubmitting } = form.formState;
  return (
    <Stack gap="md">
      {admins.isPending ? (
        <Skeleton height={60} />
      ) : admins.isError ? (
        <Alert color="red" role="alert">
          {errorText(admins.error)}
        </Alert>
      ) : admins.data.items.length === 0 ? (
        <Text c="dimmed" size="sm">
          No admins yet: add the customer's first super admin below.
        </Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th>Role</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {admins.data.items.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  {a.name} {!a.active && <Tag color="gray">Deactivated</Tag>}
                </Table.Td>
                <Table.Td>{a.email}</Table.Td>
                <Table.Td>{a.role === 'super_admin' ? 'Super admin' : 'Admin'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {created?.password && <OneTimePassword email={created.email} password={created.password} />}
      {created && !created.password && (
        <Alert color="teal" role="status">
          {created.email} is now a super admin of {org.slug}, with the password they have.
        </Alert>
      )}
      <form
        noValidate
        onSubmit={submit(async (values) => {
          const res = await write.mutateAsync({
            method: 'POST',
            path: `/admin/orgs/${org.id}/admins`,
            body: values,
          });
          setCreated({ email: res.user.email, password: res.initialPassword });
          form.reset({ email: '', name: '' });
        })}
      >
        <Stack gap="sm">
          <Title order={3} size="h5">
            Add a super admin
          </Title>
          <FormError error={formError} title="The super admin was not added" />
          <Group grow align="flex-start">
            <TextInput
              label="Email"
              type="email"
              required
              {...form.register('email')}
              error={errors.email?.message}
            />
            <TextInput label="Name" required {...form.register('name')} error={errors.name?.message} />
          </Group>
          <FormButtons submitting={isSubmitting} label="Add super admin" />
        </Stack>
      </form>
    </Stack>
  );
}

type Dialog =
  | { kind: 'new-account' }
  | { kind: 'edit-account'; account: AccountView }
  | { kind: 'new-org'; account: AccountView }
  | { kind: 'edit-org'; account: AccountView; org: OrgView }
  | { kind: 'admins'; org: OrgView };

function AccountCard({ account, open }: { account: AccountView; open: (d: Dialog) => void }) {
  const over = account.escSeats.used > account.escSeats.cap;
  return (
    <Card withBorder radius="md" component="section" aria-labelledby={`account-${account.id}`}>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Title order={2} size="h4" id={`account-${account.id}`}>
            {account.name}
          </Title>
          <Group gap="xs" mt={4}>
            <Tag color="indigo">{planLabel(account.plan)} plan</Tag>
            <Text size="sm" c={over ? 'red' : 'dimmed'}>
              ESC seats {account.escSeats.used} / {account.escSeats.cap} used{over ? ' (over the cap)' : ''}
            </Text>
            <Text size="sm" c="dimmed">
              · {account.openCases} open {account.openCases === 1 ? 'case' : 'cases'}
            </Text>
          </Group>
        </div>
        <Group gap="xs">
          <Button
            size="compact-sm"
            variant="default"
            onClick={() => open({ kind: 'edit-account', account })}
            aria-label={`Edit account ${account.name}`}
          >
            Edit
          </Button>
          <Button
            size="compact-sm"
            variant="light"
            onClick={() => open({ kind: 'new-org', account })}
            aria-label={`Add org to ${account.name}`}
          >
            Add org
          </Button>
        </Group>
      </Group>
      {account.orgs.length === 0 ? (
        <Text size="sm" c="dimmed" mt="sm">
          No orgs yet.
        </Text>
      ) : (
        <Table mt="sm" aria-label={`Orgs of ${account.name}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Slug</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th>Admins</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {account.orgs.map((org) => (
              <Table.Tr key={org.id}>
                <Table.Td>{org.slug}</Table.Td>
                <Table.Td>{org.name}</Table.Td>
                <Table.Td>
                  {org.admins} ({org.superAdmins} super)
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end">
                    <Button
                      size="compact-xs"
                      variant="default"
                      onClick={() => open({ kind: 'edit-org', account, org })}
                      aria-label={`Rename org ${org.slug}`}
                    >
                      Rename
                    </Button>
                    <Button
                      size="compact-xs"
                      variant="light"
                      onClick={() => open({ kind: 'admins', org })}
                      aria-label={`Admins of ${org.slug}`}
                    >
                      Admins
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

/** Accounts and orgs: plan, Elevated Support Contact seats used / allowed, orgs and their first super admin. */
export function AccountsTab() {
  const accounts = useQuery(accountsQuery);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [filter, setFilter] = useState('');
  const close = () => setDialog(null);
  const title =
    dialog?.kind === 'new-account'
      ? 'New account'
      : dialog?.kind === 'edit-account'
        ? `Edit ${dialog.account.name}`
        : dialog?.kind === 'new-org'
          ? `New org of ${dialog.account.name}`
          : dialog?.kind === 'edit-org'
            ? `Rename ${dialog.org.slug}`
            : dialog?.kind === 'admins'
              ? `Admins of ${dialog.org.slug}`
              : '';
  const shown =
    accounts.data?.items.filter((a) => a.name.toLowerCase().includes(filter.trim().toLowerCase())) ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <TextInput
          label="Filter accounts"
          placeholder="Name"
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value)}
          w={280}
        />
        <Button onClick={() => setDialog({ kind: 'new-account' })}>New account</Button>
      </Group>
      {accounts.isPending ? (
        <Skeleton height={200} />
      ) : accounts.isError ? (
        <Alert color="red" role="alert" title="The accounts could not be loaded">
          {errorText(accounts.error)}
        </Alert>
      ) : shown.length === 0 ? (
        <Text c="dimmed">No accounts{filter ? ' match the filter' : ' yet'}.</Text>
      ) : (
        shown.map((a) => <AccountCard key={a.id} account={a} open={setDialog} />)
      )}
      <Modal
        closeButtonProps={{ 'aria-label': 'Close' }}
        opened={dialog !== null}
        onClose={close}
        title={title}
        size={dialog?.kind === 'admins' ? 'lg' : 'md'}
      >
        {dialog?.kind === 'new-account' && <AccountForm onDone={close} />}
        {dialog?.kind === 'edit-account' && <AccountForm account={dialog.account} onDone={close} />}
        {dialog?.kind === 'new-org' && <OrgForm account={dialog.account} onDone={close} />}
        {dialog?.kind === 'edit-org' && <OrgForm account={dialog.account} org={dialog.org} onDone={close} />}
        {dialog?.kind === 'admins' && <OrgAdmins org={dialog.org} />}
      </Modal>
    </Stack>
  );
}
