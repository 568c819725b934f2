import { Alert, Badge, Button, Container, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useEffect } from 'react';
import { OPEN_STATUSES } from '../../shared/enums.ts';
import { caseQuery } from '../api/cases.ts';
import { ApiRequestError } from '../api/client.ts';
import { useMe } from '../api/session.ts';
import { PriorityBadge, StatusBadge } from '../components/CaseBadges.tsx';
import { AttachmentsCard } from '../components/casePage/AttachmentsCard.tsx';
import { CaseHistory } from '../components/casePage/CaseHistory.tsx';
import { CaseDetailsCard, CaseInfoPanel } from '../components/casePage/CaseInfoPanel.tsx';
import { CaseNotFound } from '../components/casePage/CaseNotFound.tsx';
import { CaseTeamCard } from '../components/casePage/CaseTeamCard.tsx';
import { ContactDataCard } from '../components/casePage/ContactDataCard.tsx';
import { Conversation } from '../components/casePage/Conversation.tsx';
import { errorMessage } from '../components/casePage/caseActions.ts';
import { EscalationStatus, RequestEscalationButton } from '../components/casePage/Escalation.tsx';
import { RelatedArticles } from '../components/casePage/RelatedArticles.tsx';
import { reopenable, StatusActions, StatusNotice } from '../components/casePage/StatusActions.tsx';
import { StaffStatusBadge } from '../components/console/StaffBadges.tsx';
import { AnchorLink } from '../components/links.tsx';
import { NoCaseAccess } from '../components/NoCaseAccess.tsx';
import { CaseEscalationActions } from '../components/workspace/EscalationActions.tsx';
import { ReplyComposer } from '../components/workspace/ReplyComposer.tsx';
import { StaffWorkspace } from '../components/workspace/StaffWorkspace.tsx';

const CASE_NUMBER = /^\d{8}$/;

/** One case: info, contact data, team, conversation, attachments, related articles, history, actions. */
export function CasePage() {
  const { number } = useParams({ from: '/authed/cases/$number' });
  const me = useMe();
  const allowed = me?.caseAccess.allowed ?? false;
  const staff = me?.kind === 'staff';
  const valid = CASE_NUMBER.test(number);
  const query = useQuery({ ...caseQuery(number), enabled: allowed && valid });
  const c = query.data;

  useEffect(() => {
    document.title = c ? `Case ${c.number}: ${c.subject} · Casebook` : `Case ${number} · Casebook`;
  }, [c, number]);

  if (!allowed) {
    return (
      <Container size="lg">
        <Stack gap="md">
          <Title order={1}>Case {number}</Title>
          <NoCaseAccess reason={me?.caseAccess.reason ?? null} />
        </Stack>
      </Container>
    );
  }
  const notFound =
    !valid ||
    (query.error instanceof ApiRequestError && (query.error.status === 404 || query.error.status === 400));
  if (notFound) {
    return (
      <Container size="lg">
        <CaseNotFound number={number} />
      </Container>
    );
  }
  if (query.isError) {
    return (
      <Container size="lg">
        <Stack gap="md">
          <Title order={1}>Case {number}</Title>
          <Alert color="red" role="alert" title="The case could not be loaded">
            {errorMessage(query.error)}
          </Alert>
          <Group>
            <Button variant="default" onClick={() => void query.refetch()}>
              Try again
            </Button>
          </Group>
        </Stack>
      </Container>
    );
  }
  if (!c) {
    return (
      <Container size="lg">
        <Text c="dimmed" role="status">
          Loading case {number}…
        </Text>
      </Container>
    );
  }

  return (
    <Container size="xl" px={0}>
      <Stack gap="md">
        <div>
          {staff ? (
            <AnchorLink to="/console" size="sm">
              ← Support console
            </AnchorLink>
          ) : (
            <AnchorLink to="/cases" search={{}} size="sm">
              ← My cases
            </AnchorLink>
          )}
          <Text size="sm" c="dimmed" mt="xs">
            Case {c.number}
          </Text>
          <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
            {c.subject}
          </Title>
          <Group gap="xs" mt="xs">
            {staff ? <StaffStatusBadge status={c.status} /> : <StatusBadge status={c.status} />}
            <PriorityBadge priority={c.priority} />
            {(c.escalation === 'requested' || c.escalation === 'acknowledged') && (
              <Badge variant="outline" color="orange" style={{ color: 'var(--mantine-color-text)' }}>
                Escalated
              </Badge>
            )}
          </Group>
        </div>
        {!staff && (OPEN_STATUSES.includes(c.status) || reopenable(c)) && (
          <Group gap="sm">
            <StatusActions c={c} />
            <RequestEscalationButton c={c} />
          </Group>
        )}
        <StatusNotice c={c} />
        <EscalationStatus c={c} />
        {staff && (
          <CaseEscalationActions number={c.number} escalations={c.escalations} staffRole={me.staffRole} />
        )}
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Stack gap="md">
              <CaseInfoPanel c={c} />
              <CaseDetailsCard c={c} />
              <Conversation
                c={c}
                composer={staff ? <ReplyComposer c={c} queue={c.queue?.key ?? null} /> : undefined}
              />
              <AttachmentsCard c={c} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Stack gap="md">
              {staff && <StaffWorkspace c={c} />}
              <ContactDataCard c={c} />
              <CaseTeamCard c={c} />
              <RelatedArticles subject={c.subject} />
              <CaseHistory number={c.number} />
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
    </Container>
  );
}
