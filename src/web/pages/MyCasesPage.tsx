import {
  Alert,
  Box,
  Button,
  Container,
  Group,
  Loader,
  Pagination,
  Stack,
  Tabs,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useId } from 'react';
import type { CaseSort } from '../../shared/enums.ts';
import { caseListQuery } from '../api/cases.ts';
import { useMe } from '../api/session.ts';
import { ButtonLink } from '../components/links.tsx';
import { CaseCards, SortSelect } from '../components/myCases/CaseCards.tsx';
import { CaseFilters, type FilterPatch } from '../components/myCases/CaseFilters.tsx';
import { CaseListEmpty } from '../components/myCases/CaseListEmpty.tsx';
import { CaseTable } from '../components/myCases/CaseTable.tsx';
import {
  type CasesSearch,
  type CasesView,
  FIRST_ORDER,
  listTitle,
  PAGE_SIZE,
} from '../components/myCases/listState.ts';
import { NoCaseAccess } from '../components/NoCaseAccess.tsx';

/** The list itself: heading with the count, filters, table, pagination; all state in the URL. */
function CaseList({ search, view }: { search: CasesSearch; view: CasesView }) {
  const me = useMe();
  const navigate = useNavigate({ from: '/cases' });
  const headingId = useId();
  const list = useQuery(
    caseListQuery({
      view,
      status: search.status,
      priority: search.priority,
      org: search.org,
      q: search.q,
      sort: search.sort,
      order: search.order,
      page: search.page,
      pageSize: PAGE_SIZE,
    }),
  );
  const orgs = me?.orgs ?? [];
  const orgName = (slug: string) => orgs.find((o) => o.slug === slug)?.name ?? slug;
  const update = (patch: Partial<CasesSearch>, opts: { replace?: boolean } = {}) =>
    navigate({ search: (prev) => ({ ...prev, ...patch }), replace: opts.replace });
  const onFilter = (patch: FilterPatch) =>
    // a typed search replaces the history entry; a chosen filter adds one, so Back undoes it
    update({ ...patch, page: 1 }, { replace: 'q' in patch && Object.keys(patch).length === 1 });
  const onSort = (column: CaseSort) =>
    update({
      sort: column,
      order: search.sort === column ? (search.order === 'asc' ? 'desc' : 'asc') : FIRST_ORDER[column],
      page: 1,
    });

  const data = list.data;
  const total = data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const title = listTitle(view, search.status);

  return (
    <Stack gap="md">
      <CaseFilters search={search} orgs={orgs} onChange={onFilter} />
      <Group justify="space-between" align="baseline" gap="xs">
        <Title order={2} size="h3" id={headingId}>
          {title}
        </Title>
        <Group gap="xs" aria-live="polite">
          {list.isFetching && <Loader size="xs" aria-hidden="true" />}
          <VisuallyHidden>{list.isFetching ? 'Loading cases' : ''}</VisuallyHidden>
          {data && (
            <Text c="dimmed" size="sm">
              {total === 1 ? '1 case' : `${total.toLocaleString()} cases`}
              {pages > 1 && ` · page ${search.page} of ${pages}`}
            </Text>
          )}
        </Group>
      </Group>
      {list.isError && (
        <Alert color="red" title="The cases could not be loaded" role="alert">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{list.error.message}</Text>
            <Button size="compact-sm" variant="default" onClick={() => void list.refetch()}>
              Try again
            </Button>
          </Stack>
        </Alert>
      )}
      {data && data.items.length === 0 && (
        <CaseListEmpty
          search={search}
          view={view}
          onClear={() => onFilter({ status: 'open', priority: undefined, org: undefined, q: undefined })}
          onShowAll={() => onFilter({ status: 'all' })}
          onFirstPage={() => update({ page: 1 })}
        />
      )}
      {(data ? data.items.length > 0 : !list.isError) && (
        <>
          <Box visibleFrom="sm">
            <CaseTable
              view={view}
              items={data?.items ?? null}
              refreshing={list.isPlaceholderData}
              orgName={orgName}
              labelledBy={headingId}
              sort={search.sort}
              order={search.order}
              onSort={onSort}
            />
          </Box>
          <Stack hiddenFrom="sm" gap="sm">
            <SortSelect
              sort={search.sort}
              order={search.order}
              onChange={(sort, order) => update({ sort, order, page: 1 })}
            />
            <CaseCards
              view={view}
              items={data?.items ?? null}
              refreshing={list.isPlaceholderData}
              orgName={orgName}
              labelledBy={headingId}
            />
          </Stack>
        </>
      )}
      {pages > 1 && (
        <Group justify="center" component="nav" aria-label="Pages of cases">
          <Pagination
            total={pages}
            value={Math.min(search.page, pages)}
            onChange={(page) => update({ page })}
            siblings={1}
            getControlProps={(control) => ({
              'aria-label': {
                first: 'First page',
                previous: 'Previous page',
                next: 'Next page',
                last: 'Last page',
              }[control],
            })}
            getItemProps={(page) => ({ 'aria-label': `Page ${page}` })}
          />
        </Group>
      )}
    </Stack>
  );
}

/**
 * My cases (SPEC §3): opens on My open cases; open/all, status, priority and org filters, search by
 * number or text, sortable columns, pages of 25. Elevated Support Contacts also get All account cases.
 */
export function MyCasesPage() {
  const me = useMe();
  const search = useSearch({ from: '/authed/cases' });
  const navigate = useNavigate({ from: '/cases' });
  const esc = me?.elevatedSupportContact ?? false;
  // All account cases is for ESCs only; anyone else who follows such a link sees their own cases.
  const view: CasesView = esc ? search.view : 'mine';

  if (me && !me.caseAccess.allowed) {
    return (
      <Container size="lg">
        <Stack gap="lg">
          <Title order={1}>My cases</Title>
          <NoCaseAccess reason={me.caseAccess.reason} />
        </Stack>
      </Container>
    );
  }

  return (
    <Container size="xl">
      <Stack gap="lg">
        <Group justify="space-between" align="center">
          <Title order={1}>My cases</Title>
          <ButtonLink to="/cases/new">Open a case</ButtonLink>
        </Group>
        {!esc && search.view === 'account' && (
          <Alert color="blue" title="Showing your own cases">
            All account cases is for Elevated Support Contacts of your account. A super admin can assign you
            that role.
          </Alert>
        )}
        {esc ? (
          <Tabs
            value={view}
            onChange={(v) =>
              void navigate({
                search: (prev) => ({ ...prev, view: v === 'account' ? 'account' : 'mine', page: 1 }),
              })
            }
          >
            <Tabs.List aria-label="Which cases">
              <Tabs.Tab value="mine">My cases</Tabs.Tab>
              <Tabs.Tab value="account">All account cases</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="mine" pt="md">
              {view === 'mine' && <CaseList search={search} view="mine" />}
            </Tabs.Panel>
            <Tabs.Panel value="account" pt="md">
              {view === 'account' && <CaseList search={search} view="account" />}
            </Tabs.Panel>
          </Tabs>
        ) : (
          <CaseList search={search} view="mine" />
        )}
      </Stack>
    </Container>
  );
}
