import {
  ActionIcon,
  Anchor,
  Box,
  Group,
  Menu,
  Text,
  Tooltip,
  UnstyledButton,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate } from '@tanstack/react-router';
import { signOut, useMe } from '../api/session.ts';
import './layout.css';

function ThemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const next = scheme === 'dark' ? 'light' : 'dark';
  return (
    <Tooltip label={`Switch to ${next} theme`}>
      <ActionIcon
        variant="subtle"
        size="lg"
        aria-label={`Switch to ${next} theme`}
        onClick={() => setColorScheme(next)}
      >
        <span aria-hidden="true">{scheme === 'dark' ? '☀' : '☾'}</span>
      </ActionIcon>
    </Tooltip>
  );
}

/**
 * Help (?) → Support Center, Open a case, My cases, Search the knowledge base (SPEC §8). Cases are
 * searched in My cases (and from the Support Center's "Search your cases"); this item searches articles.
 */
function HelpMenu() {
  return (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <ActionIcon variant="light" size="lg" radius="xl" aria-label="Help">
          <span aria-hidden="true" style={{ fontWeight: 700 }}>
            ?
          </span>
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Help</Menu.Label>
        <Menu.Item component={Link} to="/">
          Support Center
        </Menu.Item>
        <Menu.Item component={Link} to="/cases/new">
          Open a case
        </Menu.Item>
        <Menu.Item component={Link} to="/cases">
          My cases
        </Menu.Item>
        <Menu.Item component={Link} to="/kb">
          Search the knowledge base
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function AccountMenu() {
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  if (!me) return null;
  return (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <UnstyledButton>
          <Group gap={6} wrap="nowrap">
            <Text size="sm" fw={500} truncate maw={{ base: 110, sm: 220 }}>
              {me.name}
            </Text>
            <Text span size="xs" aria-hidden="true">
              ▾
            </Text>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{me.email}</Menu.Label>
        <Menu.Item component={Link} to="/cases">
          My cases
        </Menu.Item>
        {me.superAdmin && (
          <Menu.Item component={Link} to="/account/permissions">
            Account settings
          </Menu.Item>
        )}
        {me.kind === 'staff' && (
          <Menu.Item component={Link} to="/console">
            Console
          </Menu.Item>
        )}
        {(me.staffRole === 'manager' || me.staffRole === 'administrator') && (
          <Menu.Item component={Link} to="/console/escalations">
            Escalations
          </Menu.Item>
        )}
        {(me.staffRole === 'manager' || me.staffRole === 'administrator') && (
          <Menu.Item component={Link} to="/console/dashboard">
            Dashboard
          </Menu.Item>
        )}
        {me.kind === 'staff' && (
          <Menu.Item component={Link} to="/dev/mail">
            Mail
          </Menu.Item>
        )}
        {me.staffRole === 'administrator' && (
          <Menu.Item component={Link} to="/admin">
            Administration
          </Menu.Item>
        )}
        {me.staffRole === 'manager' && (
          <Menu.Item component={Link} to="/admin">
            Canned responses
          </Menu.Item>
        )}
        <Menu.Divider />
        <Menu.Item
          onClick={async () => {
            await signOut();
            queryClient.clear();
            queryClient.setQueryData(['me'], null);
            await navigate({ to: '/sign-in', search: {} });
          }}
        >
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

export function AppLayout() {
  const me = useMe();
  return (
    <>
      <Box component="header" className="cb-header">
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Anchor component={Link} to="/" underline="never" c="inherit" fw={700} size="lg">
            Casebook{' '}
            <Text span c="dimmed" fw={400} visibleFrom="xs" inherit>
              Support Center
            </Text>
          </Anchor>
          <Group gap="sm" wrap="nowrap">
            {me?.kind === 'staff' && (
              <Anchor component={Link} to="/console" size="sm" fw={500} visibleFrom="xs">
                Console
              </Anchor>
            )}
            <ThemeToggle />
            {me && <HelpMenu />}
            <AccountMenu />
          </Group>
        </Group>
      </Box>
      <Box px="md" py="md">
        <main id="content">
          <Outlet />
        </main>
      </Box>
    </>
  );
}
