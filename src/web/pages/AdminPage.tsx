import { Alert, Container, Stack, Tabs, Text, Title } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useMe } from '../api/session.ts';
import { AccountsTab } from '../components/admin/AccountsTab.tsx';
import { ADMIN_TABS, type AdminTab } from '../components/admin/adminSearch.ts';
import { CannedResponsesTab } from '../components/admin/CannedResponsesTab.tsx';
import { IssueAreasTab } from '../components/admin/IssueAreasTab.tsx';
import { QueuesTab } from '../components/admin/QueuesTab.tsx';
import { SlaTab } from '../components/admin/SlaTab.tsx';
import { StaffTab } from '../components/admin/StaffTab.tsx';

const LABELS: Record<AdminTab, string> = {
  accounts: 'Accounts & orgs',
  'issue-areas': 'Issue areas',
  queues: 'Queues & members',
  sla: 'SLA targets & hours',
  canned: 'Canned responses',
  staff: 'Staff',
};

const PANELS: Record<AdminTab, () => React.JSX.Element> = {
  accounts: AccountsTab,
  'issue-areas': IssueAreasTab,
  queues: QueuesTab,
  sla: SlaTab,
  canned: CannedResponsesTab,
  staff: StaffTab,
};

/**
 * Administration (SPEC §1, issue 6): support administrators configure accounts and orgs, issue areas,
 * queues and members, SLA targets and support hours, canned responses and staff. Managers keep the
 * canned responses only.
 */
export function AdminPage() {
  const me = useMe();
  const search = useSearch({ from: '/authed/admin' });
  const navigate = useNavigate({ from: '/admin' });
  const role = me?.kind === 'staff' ? me.staffRole : null;
  const tabs: readonly AdminTab[] =
    role === 'administrator' ? ADMIN_TABS : role === 'manager' ? ['canned'] : [];
  if (tabs.length === 0) {
    return (
      <Container size="sm">
        <Alert color="blue" title="Administration is for support administrators" mt="lg">
          Ask a support administrator if something needs configuring.
        </Alert>
      </Container>
    );
  }
  const tab = tabs.includes(search.tab) ? search.tab : tabs[0]!;
  const Panel = PANELS[tab];
  return (
    <Container size="xl">
      <Stack gap="lg">
        <div>
          <Title order={1}>Administration</Title>
          <Text c="dimmed">
            {role === 'administrator'
              ? 'Accounts, issue areas, queues, SLA targets, canned responses and staff'
              : 'Canned responses for the case workspace'}
          </Text>
        </div>
        <Tabs
          value={tab}
          onChange={(v) => {
            if (v) void navigate({ search: { tab: v as AdminTab }, replace: true });
          }}
          keepMounted={false}
        >
          <Tabs.List aria-label="Administration sections">
            {tabs.map((t) => (
              <Tabs.Tab key={t} value={t}>
                {LABELS[t]}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value={tab} pt="md">
            <Panel />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </Container>
  );
}
