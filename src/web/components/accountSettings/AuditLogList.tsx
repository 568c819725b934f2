import { Alert, Group, Pagination, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { formatDateTime } from '../format.ts';
import { AUDIT_PAGE_SIZE, type AuditEntryView, auditLogQuery } from './api.ts';

function describe(entry: AuditEntryView): string {
  const actor = entry.actor?.name ?? 'A former user';
  const target = entry.target?.name ?? 'a former user';
  switch (entry.action) {
    case 'case_admin_granted':
      return `${actor} granted Case Admin to ${target}`;
    case 'case_admin_revoked':
      return `${actor} revoked Case Admin from ${target}`;
    case 'esc_assigned':
      return `${actor} made ${target} an Elevated Support Contact`;
    case 'esc_removed':
      return entry.detail.cause === 'case_admin_revoked'
        ? `${target} lost the Elevated Support Contact seat with Case Admin`
        : `${actor} removed ${target} as Elevated Support Contact`;
  }
}

/** "Recent permission changes": the account's audit log of Case Admin and ESC changes, newest first. */
export function AuditLogList() {
  const headingId = useId();
  const [page, setPage] = useState(1);
  const log = useQuery(auditLogQuery(page));
  const pages = log.data ? Math.max(1, Math.ceil(log.data.total / AUDIT_PAGE_SIZE)) : 1;
  return (
    <section aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId} mb="sm">
        Recent permission changes
      </Title>
      {log.isPending && (
        <Stack gap="xs">
          <Skeleton height={18} />
          <Skeleton height={18} />
          <Skeleton height={18} />
        </Stack>
      )}
      {log.isError && (
        <Alert color="red" title="The permission changes could not be loaded" role="alert">
          {log.error.message}
        </Alert>
      )}
      {log.data && log.data.items.length === 0 && (
        <Text c="dimmed">No permission changes yet. Changes made above appear here.</Text>
      )}
      {log.data && log.data.items.length > 0 && (
        <Paper withBorder radius="md">
          <Stack component="ul" gap={0} m={0} p={0} style={{ listStyle: 'none' }}>
            {log.data.items.map((entry, i) => (
              <li
                key={entry.id}
                style={{
                  padding: 'var(--mantine-spacing-sm) var(--mantine-spacing-md)',
                  borderTop: i === 0 ? undefined : '1px solid var(--mantine-color-default-border)',
                }}
              >
                <Group justify="space-between" gap="xs" wrap="wrap">
                  <Text size="sm">{describe(entry)}</Text>
                  <Text size="sm" c="dimmed" component="time" dateTime={entry.createdAt}>
                    {formatDateTime(entry.createdAt)}
                  </Text>
                </Group>
              </li>
            ))}
          </Stack>
        </Paper>
      )}
      {pages > 1 && (
        <Group justify="center" mt="sm" component="nav" aria-label="Pages of permission changes">
          <Pagination
            total={pages}
            value={page}
            onChange={setPage}
            getControlProps={(control) => ({
              'aria-label': {
                first: 'First page',
                previous: 'Previous page',
                next: 'Next page',
                last: 'Last page',
              }[control],
            })}
            getItemProps={(p) => ({ 'aria-label': `Page ${p}` })}
          />
        </Group>
      )}
    </section>
  );
}
