import {
  Alert,
  Badge,
  Button,
  Container,
  Grid,
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
import { useEffect, useId, useState } from 'react';
import { ApiRequestError } from '../api/client.ts';
import { type MeView, useMe } from '../api/session.ts';
import { ButtonLink } from '../components/links.tsx';
import { DeliveryProblems } from '../components/mail/DeliveryProblems.tsx';
import { type MailFilterPatch, MailFilters } from '../components/mail/MailFilters.tsx';
import { MailMessageDetail, NoMessageChosen } from '../components/mail/MailMessageDetail.tsx';
import { MailMessageList } from '../components/mail/MailMessageList.tsx';
import {
  MAIL_PAGE_SIZE,
  mailMessagesQuery,
  newestOutgoingQuery,
  outboxQuery,
} from '../components/mail/mailQueries.ts';
import type { MailSearch } from '../router.tsx';

/** What a customer (or anyone the API refuses) sees instead: the mail log holds every case's mail. */
function StaffOnly() {
  return (
    <Alert color="blue" title="This page is for support staff">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">
          The mail log holds the mail of every case, so only Casebook support staff can open it. Mail about
          your cases is sent to your email address, and every reply is on the case page.
        </Text>
        <ButtonLink to="/cases" size="compact-sm" variant="default">
          My cases
        </ButtonLink>
      </Stack>
    </Alert>
  );
}

/** Whether this is the dev mailbox (no SMTP_URL: nothing leaves the server) or the log of a real relay. */
function MailboxKind() {
  const newest = useQuery(newestOutgoingQuery);
  const transport = newest.data?.items[0]?.transport;
  if (!newest.data) return <Text c="dimmed">Mail sent and received for cases, newest first.</Text>;
  if (transport === 'dev_mailbox') {
    return (
      <Text c="dimmed">
        <Text span fw={600} c="var(--mantine-color-text)" inherit>
          Dev mailbox.
        </Text>{' '}
        No SMTP relay is configured (SMTP_URL); mail is kept here instead of being sent.
      </Text>
    );
  }
  if (transport) {
    return (
      <Text c="dimmed">
        <Text span fw={600} c="var(--mantine-color-text)" inherit>
          Mail log.
        </Text>{' '}
        Mail sent through the SMTP relay and mail received by email, newest first.
      </Text>
    );
  }
  return <Text c="dimmed">Mail sent and received for cases, newest first. Nothing has been sent yet.</Text>;
}

/** The list with its filters and pages, and the chosen message beside it (below it on a phone). */
function Messages({ search }: { search: MailSearch }) {
  const navigate = useNavigate({ from: '/dev/mail' });
  const headingId = useId();
  // counts selections made in the list: each one moves focus to the message
  const [focusRequest, setFocusRequest] = useState(0);
  const list = useQuery(
    mailMessagesQuery({ direction: search.direction, caseNumber: search.case, page: search.page }),
  );
  const data = list.data;
  const total = data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / MAIL_PAGE_SIZE));
  const filtered = Boolean(search.direction || search.case);
  const onFilter = (patch: MailFilterPatch) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch, page: 1 }) });

  return (
    <Stack gap="md">
      <MailFilters direction={search.direction} caseNumber={search.case} onChange={onFilter} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="sm">
            <Group justify="space-between" align="baseline" gap="xs">
              <Title order={2} size="h3" id={headingId}>
                Messages
              </Title>
              <Group gap="xs" aria-live="polite">
                {list.isFetching && list.isPlaceholderData && <Loader size="xs" aria-hidden="true" />}
                {data && (
                  <Text c="dimmed" size="sm">
                    {total === 1 ? '1 message' : `${total.toLocaleString()} messages`}
                    {pages > 1 && ` · page ${search.page} of ${pages}`}
                  </Text>
                )}
              </Group>
            </Group>
            {list.isError ? (
              <Alert color="red" title="The mail could not be loaded" role="alert">
                <Stack gap="xs" align="flex-start">
                  <Text size="sm">
                    {list.error instanceof ApiRequestError && list.error.status === 400
                      ? 'Check the case number: it has up to 8 digits.'
                      : list.error.message}
                  </Text>
                  <Button size="compact-sm" variant="default" onClick={() => void list.refetch()}>
                    Try again
                  </Button>
                </Stack>
              </Alert>
            ) : data && data.items.length === 0 ? (
              <Text size="sm">
                {filtered
                  ? 'No mail matches these filters.'
                  : 'No mail yet. Notifications appear here once the mail worker has delivered them.'}
              </Text>
            ) : (
              <MailMessageList
                items={data?.items ?? null}
                selectedId={search.message}
                labelledBy={headingId}
                refreshing={list.isPlaceholderData}
                onSelect={() => setFocusRequest((n) => n + 1)}
              />
            )}
            {pages > 1 && (
              <Group justify="center" component="nav" aria-label="Pages of mail">
                <Pagination
                  total={pages}
                  value={Math.min(search.page, pages)}
                  onChange={(page) => void navigate({ search: (prev) => ({ ...prev, page }) })}
                  siblings={1}
                  size="sm"
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
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          {search.message ? (
            <MailMessageDetail id={search.message} focus={focusRequest} />
          ) : (
            <NoMessageChosen />
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** How many notifications need a look, for the tab's label. */
function useProblemCount(): number {
  const failing = useQuery(outboxQuery('failing'));
  const givenUp = useQuery(outboxQuery('given_up'));
  return (failing.data?.total ?? 0) + (givenUp.data?.total ?? 0);
}

function StaffMail({ me }: { me: MeView | null }) {
  const search = useSearch({ from: '/authed/dev/mail' });
  const navigate = useNavigate({ from: '/dev/mail' });
  const problems = useProblemCount();
  const canRetry = me?.staffRole === 'manager' || me?.staffRole === 'administrator';
  return (
    <Tabs
      value={search.tab}
      onChange={(tab) =>
        void navigate({ search: (prev) => ({ ...prev, tab: tab === 'problems' ? 'problems' : 'messages' }) })
      }
      keepMounted={false}
    >
      <Tabs.List aria-label="Mail">
        <Tabs.Tab value="messages">Messages</Tabs.Tab>
        <Tabs.Tab
          value="problems"
          rightSection={
            problems > 0 ? (
              <Badge
                size="sm"
                variant="filled"
                style={{
                  backgroundColor: 'var(--mantine-color-red-1)',
                  color: 'var(--mantine-color-dark-9)',
                  border: '1px solid var(--mantine-color-red-4)',
                }}
              >
                {problems}
                <VisuallyHidden> to look at</VisuallyHidden>
              </Badge>
            ) : undefined
          }
        >
          Delivery problems
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="messages" pt="md">
        <Messages search={search} />
      </Tabs.Panel>
      <Tabs.Panel value="problems" pt="md">
        <DeliveryProblems canRetry={canRetry} />
      </Tabs.Panel>
    </Tabs>
  );
}

/**
 * Mail for support staff (issue 5): the dev mailbox when no SMTP relay is configured, else the mail log,
 * and the notifications whose delivery is failing or was given up. Polls every 5 s.
 */
export function MailPage() {
  const me = useMe();
  const isStaff = me?.kind === 'staff';
  const newest = useQuery({ ...newestOutgoingQuery, enabled: isStaff });
  const refused = newest.error instanceof ApiRequestError && newest.error.status === 403;

  useEffect(() => {
    document.title = 'Mail · Casebook';
  }, []);

  return (
    <Container size="xl">
      <Stack gap="lg">
        <div>
          <Title order={1}>Mail</Title>
          {isStaff && !refused && <MailboxKind />}
        </div>
        {!isStaff || refused ? <StaffOnly /> : <StaffMail me={me} />}
      </Stack>
    </Container>
  );
}
