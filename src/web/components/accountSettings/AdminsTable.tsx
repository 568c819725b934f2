import { Alert, Badge, Box, Button, Group, Modal, Paper, Stack, Switch, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type AccountPermissionsView, accountPermissionsQuery } from '../../api/cases.ts';
import { ApiRequestError } from '../../api/client.ts';
import { meQuery, useMe } from '../../api/session.ts';
import { notify } from '../toasts.tsx';
import {
  type AccountAdminView,
  auditLogKey,
  changeMessage,
  changePermission,
  type PermissionChange,
  seatsTaken,
} from './api.ts';

const ROLE_LABELS = { super_admin: 'super admin', admin: 'admin' } as const;

/** Why a switch cannot be turned on (or off) right now; null when it can. */
function caseAdminLock(a: AccountAdminView): string | null {
  if (a.superAdmin) return 'Super admins always hold Case Admin';
  if (a.caseAdmin) return null;
  if (!a.active) return 'Deactivated: cannot receive Case Admin';
  if (a.orgs.length === 0) return 'No admin role on any org of the account';
  return null;
}

function escLock(a: AccountAdminView, seatsFull: boolean, plan: string, cap: number): string | null {
  if (a.elevatedSupportContact) return null;
  if (!a.active) return 'Deactivated: cannot take a seat';
  if (!a.caseAdmin) return 'Needs Case Admin first';
  if (seatsFull) return seatsTaken(cap, plan);
  return null;
}

/** A switch that is on and cannot be turned off keeps a (muted) "on" colour instead of the grey of disabled. */
const LOCKED_ON = { '--switch-disabled-color': 'var(--mantine-color-indigo-3)' } as React.CSSProperties;

function labelProps(what: string, name: string, visible: boolean) {
  return visible ? { label: what, 'aria-label': `${what}: ${name}` } : { 'aria-label': `${what}: ${name}` };
}

function AdminBadges({ admin, isMe }: { admin: AccountAdminView; isMe: boolean }) {
  return (
    <Group gap={4}>
      {isMe && (
        <Badge variant="outline" size="sm">
          You
        </Badge>
      )}
      {admin.superAdmin && (
        <Badge variant="light" size="sm">
          Super admin
        </Badge>
      )}
      {!admin.active && (
        <Badge variant="outline" color="gray" size="sm">
          Deactivated
        </Badge>
      )}
    </Group>
  );
}

function AdminOrgs({ admin }: { admin: AccountAdminView }) {
  if (admin.orgs.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No admin role
      </Text>
    );
  }
  return (
    <Stack gap={2}>
      {admin.orgs.map((o) => (
        <Text key={o.slug} size="sm">
          {o.slug}{' '}
          <Text span c="dimmed" inherit>
            ({ROLE_LABELS[o.role]})
          </Text>
        </Text>
      ))}
    </Stack>
  );
}

/** The account's admins with their Case Admin and Elevated Support Contact switches (super admins). */
export function AdminsTable({ permissions }: { permissions: AccountPermissionsView }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<AccountAdminView | null>(null);
  const { escSeats, account } = permissions;
  const seatsFull = escSeats.used >= escSeats.cap;

  const mutation = useMutation({
    mutationFn: changePermission,
    onSuccess: (next, change) => {
      setError(null);
      queryClient.setQueryData(accountPermissionsQuery.queryKey, next);
      void queryClient.invalidateQueries({ queryKey: auditLogKey });
      // My own permissions decide what the header and the case pages show me.
      if (change.admin.id === me?.id) void queryClient.invalidateQueries({ queryKey: meQuery.queryKey });
      notify({ color: 'teal', title: 'Saved', message: changeMessage(change) });
    },
    onError: (e) => {
      setError(
        e instanceof ApiRequestError ? e.message : 'The change could not be saved. Try again in a moment.',
      );
      // The seats or the admin may have changed meanwhile: show what holds now.
      void queryClient.invalidateQueries({ queryKey: accountPermissionsQuery.queryKey });
    },
  });
  // One change at a time. The switches stay enabled meanwhile (a disabled element drops keyboard focus).
  const change = (c: PermissionChange) => {
    if (mutation.isPending) return;
    setError(null);
    mutation.mutate(c);
  };

  /** The two switches of an admin: labelled by the column header in the table, by a visible label in a card. */
  const switches = (a: AccountAdminView, visibleLabel: boolean) => {
    const caLock = caseAdminLock(a);
    const eLock = escLock(a, seatsFull, account.plan, escSeats.cap);
    return {
      caseAdmin: (
        <Switch
          {...labelProps('Case Admin', a.name, visibleLabel)}
          checked={a.caseAdmin}
          disabled={caLock !== null}
          description={caLock ?? undefined}
          style={a.caseAdmin && caLock ? LOCKED_ON : undefined}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            if (!on && a.elevatedSupportContact) setConfirming(a);
            else change({ admin: a, permission: 'case-admin', on });
          }}
        />
      ),
      esc: (
        <Switch
          {...labelProps('Elevated Support Contact', a.name, visibleLabel)}
          checked={a.elevatedSupportContact}
          disabled={eLock !== null}
          description={eLock ?? undefined}
          onChange={(e) => change({ admin: a, permission: 'esc', on: e.currentTarget.checked })}
        />
      ),
    };
  };

  return (
    <Stack gap="sm">
      {error && (
        <Alert
          color="red"
          title="The change was not saved"
          role="alert"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setError(null)}
        >
          {error}
        </Alert>
      )}
      <Box visibleFrom="md">
        <Table.ScrollContainer
          minWidth={860}
          type="native"
          tabIndex={0}
          role="region"
          aria-label="Admins and their permissions"
        >
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Orgs</Table.Th>
                <Table.Th>Case Admin</Table.Th>
                <Table.Th>Elevated Support Contact</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {permissions.admins.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Stack gap={4} align="flex-start">
                      <Text fw={500}>{a.name}</Text>
                      <AdminBadges admin={a} isMe={a.id === me?.id} />
                    </Stack>
                  </Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{a.email}</Table.Td>
                  <Table.Td>
                    <AdminOrgs admin={a} />
                  </Table.Td>
                  <Table.Td>{switches(a, false).caseAdmin}</Table.Td>
                  <Table.Td>{switches(a, false).esc}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Box>
      <Stack hiddenFrom="md" component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
        {permissions.admins.map((a) => (
          <Paper component="li" key={a.id} withBorder radius="md" p="md">
            <Stack gap="sm">
              <div>
                <Group gap={6}>
                  <Text fw={600}>{a.name}</Text>
                  <AdminBadges admin={a} isMe={a.id === me?.id} />
                </Group>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {a.email}
                </Text>
              </div>
              <AdminOrgs admin={a} />
              {switches(a, true).caseAdmin}
              {switches(a, true).esc}
            </Stack>
          </Paper>
        ))}
      </Stack>
      <Modal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title={confirming ? `Revoke Case Admin from ${confirming.name}?` : ''}
        centered
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        {confirming && (
          <Stack gap="md">
            <Text>
              {confirming.name} is an Elevated Support Contact. An Elevated Support Contact needs Case Admin,
              so the seat is removed too: {confirming.name} will no longer see the account's cases, and the
              case pages close to them.
            </Text>
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setConfirming(null)}>
                Cancel
              </Button>
              <Button
                color="red"
                onClick={() => {
                  change({ admin: confirming, permission: 'case-admin', on: false });
                  setConfirming(null);
                }}
              >
                Revoke Case Admin and the seat
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
