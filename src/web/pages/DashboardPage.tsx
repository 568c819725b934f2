import '@mantine/charts/styles.css';
import { Alert, Box, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useMemo } from 'react';
import { ApiRequestError } from '../api/client.ts';
import { useMe } from '../api/session.ts';
import {
  AttainmentChart,
  BacklogByQueueChart,
  DeflectionChart,
  OpenByAgeChart,
  OpenByPriorityChart,
} from '../components/dashboard/DashboardCharts.tsx';
import { EscalationFigures, KeyFigures } from '../components/dashboard/DashboardFigures.tsx';
import { type DashboardFilterPatch, DashboardFilters } from '../components/dashboard/DashboardFilters.tsx';
import { dashboardQuery } from '../components/dashboard/dashboardQuery.ts';
import { rangeDates } from '../components/dashboard/dashboardSearch.ts';
import { ButtonLink } from '../components/links.tsx';

function ManagersOnly() {
  return (
    <Alert color="blue" title="The dashboard is for support managers and administrators">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">
          It shows the whole support team's workload, service levels and escalations. Your cases are in My
          cases.
        </Text>
        <ButtonLink to="/cases" size="compact-sm" variant="default">
          My cases
        </ButtonLink>
      </Stack>
    </Alert>
  );
}

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/**
 * The support dashboard (issue 6, SPEC §5): open cases by priority and age, backlog by queue,
 * first-response attainment by plan over time, escalations and the deflection rate. Filters live in the
 * URL; the charts library is loaded with this page only.
 */
export function DashboardPage() {
  const me = useMe();
  const search = useSearch({ from: '/authed/console/dashboard' });
  const navigate = useNavigate({ from: '/console/dashboard' });
  const allowed = me?.kind === 'staff' && (me.staffRole === 'manager' || me.staffRole === 'administrator');
  // The range ends today (UTC); recomputed when the range changes, not on every render.
  const dates = useMemo(() => rangeDates(search.range), [search.range]);
  const dashboard = useQuery({
    ...dashboardQuery({ ...dates, plan: search.plan, queue: search.queue }),
    enabled: allowed,
  });
  const onChange = (patch: DashboardFilterPatch) =>
    navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const d = dashboard.data;

  return (
    <Stack gap="md">
      <div>
        <Title order={1}>Dashboard</Title>
        <Text c="dimmed">
          Open cases and backlog now; first responses, escalations and deflection over the period (days in
          UTC).
        </Text>
      </div>
      {!allowed ? (
        <ManagersOnly />
      ) : (
        <>
          <Group justify="space-between" align="flex-end">
            <DashboardFilters search={search} options={d?.options} onChange={onChange} />
            <Text size="sm" c="dimmed" aria-live="polite">
              {dashboard.isFetching
                ? 'Updating…'
                : d
                  ? `Updated ${timeFormat.format(new Date(d.generatedAt))}`
                  : ''}
            </Text>
          </Group>
          {dashboard.isPending ? (
            <Group justify="center" py="xl">
              <Loader aria-label="Loading the dashboard" />
            </Group>
          ) : dashboard.isError && !d ? (
            dashboard.error instanceof ApiRequestError && dashboard.error.status === 403 ? (
              <ManagersOnly />
            ) : (
              <Alert color="red" title="The dashboard could not be loaded">
                {dashboard.error.message}
              </Alert>
            )
          ) : d ? (
            <Box style={{ opacity: dashboard.isPlaceholderData ? 0.6 : 1 }}>
              <Stack gap="md">
                <KeyFigures d={d} />
                <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
                  <OpenByPriorityChart d={d} />
                  <OpenByAgeChart d={d} />
                  <AttainmentChart d={d} />
                  <BacklogByQueueChart d={d} />
                  <EscalationFigures d={d} />
                  <DeflectionChart d={d} />
                </SimpleGrid>
              </Stack>
            </Box>
          ) : null}
        </>
      )}
    </Stack>
  );
}
