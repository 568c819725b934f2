import { Alert, Button, Container, Skeleton, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { accountPermissionsQuery } from '../api/cases.ts';
import { useMe } from '../api/session.ts';
import { AdminsTable } from '../components/accountSettings/AdminsTable.tsx';
import { AuditLogList } from '../components/accountSettings/AuditLogList.tsx';
import { SeatsCard } from '../components/accountSettings/SeatsCard.tsx';

function Permissions() {
  const permissions = useQuery(accountPermissionsQuery);
  if (permissions.isPending) {
    return (
      <Stack gap="md" aria-busy="true">
        <VisuallyHidden>Loading the account's permissions</VisuallyHidden>
        <Skeleton height={150} radius="md" />
        <Skeleton height={260} radius="md" />
      </Stack>
    );
  }
  if (permissions.isError) {
    return (
      <Alert color="red" title="The account's permissions could not be loaded" role="alert">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{permissions.error.message}</Text>
          <Button size="compact-sm" variant="default" onClick={() => void permissions.refetch()}>
            Try again
          </Button>
        </Stack>
      </Alert>
    );
  }
  return (
    <>
      <SeatsCard permissions={permissions.data} />
      <section aria-labelledby="admins-heading">
        <Title order={2} size="h3" id="admins-heading">
          Admins
        </Title>
        <Text c="dimmed" size="sm" mt={4} mb="sm">
          Case Admin opens the case pages to an admin: they can open cases and see the cases they opened or
          whose case team they are on. Super admins always hold it.
        </Text>
        <AdminsTable permissions={permissions.data} />
      </section>
      <AuditLogList />
    </>
  );
}

/** Account settings (SPEC §1): who holds Case Admin and the Elevated Support Contact seats; super admins only. */
export function AccountPermissionsPage() {
  const me = useMe();
  return (
    <Container size="xl">
      <Stack gap="lg">
        <div>
          <Title order={1}>Account settings</Title>
          <Text c="dimmed">Case Admin and Elevated Support Contact seats</Text>
        </div>
        {me && !me.superAdmin ? (
          <Alert color="blue" title="Only super admins manage case permissions">
            Case Admin and Elevated Support Contact seats are managed by the super admins of your account. Ask
            one of them if you need a change.
          </Alert>
        ) : (
          <Permissions />
        )}
      </Stack>
    </Container>
  );
}
