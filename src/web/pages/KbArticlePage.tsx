import {
  Alert,
  Anchor,
  Badge,
  Button,
  Container,
  Divider,
  Group,
  Paper,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useEffect } from 'react';
import { issueAreasQuery } from '../api/cases.ts';
import { ApiRequestError } from '../api/client.ts';
import { InfoList } from '../components/casePage/InfoList.tsx';
import { Markdown } from '../components/casePage/Markdown.tsx';
import { formatDateTime } from '../components/format.ts';
import { KbEntryNotFound } from '../components/kb/KbEntryNotFound.tsx';
import { KbKindBadge } from '../components/kb/KbKindBadge.tsx';
import { isWebAddress, kbEntryQuery } from '../components/kb/kbQueries.ts';
import { AnchorLink, ButtonLink } from '../components/links.tsx';

/** One knowledge base entry: kind, title, issue areas, tags, the Markdown body, and a way on to a case. */
export function KbArticlePage() {
  const { id } = useParams({ from: '/authed/kb/$id' });
  const entry = useQuery(kbEntryQuery(id));
  const areas = useQuery(issueAreasQuery);
  const e = entry.data;

  useEffect(() => {
    document.title = e ? `${e.title} · Knowledge base · Casebook` : 'Knowledge base · Casebook';
  }, [e]);

  const back = (
    <AnchorLink to="/kb" search={{}} size="sm">
      ← Knowledge base
    </AnchorLink>
  );
  if (entry.error instanceof ApiRequestError && [400, 404].includes(entry.error.status)) {
    return (
      <Container size="md">
        <KbEntryNotFound />
      </Container>
    );
  }
  if (entry.isError) {
    return (
      <Container size="md">
        <Stack gap="md">
          {back}
          <Title order={1}>Knowledge base</Title>
          <Alert color="red" role="alert" title="The article could not be loaded">
            {entry.error.message}
          </Alert>
          <Group>
            <Button variant="default" onClick={() => void entry.refetch()}>
              Try again
            </Button>
          </Group>
        </Stack>
      </Container>
    );
  }
  if (!e) {
    return (
      <Container size="md">
        <Text c="dimmed" role="status">
          Loading the article…
        </Text>
      </Container>
    );
  }

  const areaName = (key: string) => areas.data?.items.find((a) => a.key === key)?.name ?? key;
  const meta = [
    { label: 'Updated', value: formatDateTime(e.updatedAt) },
    ...(e.issueAreas.length > 0
      ? [
          {
            label: e.issueAreas.length === 1 ? 'Issue area' : 'Issue areas',
            value: e.issueAreas.map(areaName).join(', '),
          },
        ]
      : []),
    ...(e.tags.length > 0
      ? [
          {
            label: 'Tags',
            value: (
              <Group gap={6} component="span" mt={2}>
                {e.tags.map((t) => (
                  <Badge
                    key={t}
                    component="span"
                    variant="outline"
                    color="gray"
                    size="sm"
                    tt="none"
                    style={{ color: 'var(--mantine-color-text)' }}
                  >
                    {t}
                  </Badge>
                ))}
              </Group>
            ),
          },
        ]
      : []),
  ];

  return (
    <Container size="md">
      <Stack gap="lg">
        <div>
          {back}
          <Group gap="xs" mt="sm">
            <KbKindBadge kind={e.kind} />
            {e.status === 'draft' && (
              <Badge
                variant="outline"
                color="orange"
                size="sm"
                style={{ color: 'var(--mantine-color-text)' }}
              >
                Draft: not visible to customers
              </Badge>
            )}
          </Group>
          <Title order={1} size="h2" mt={6} style={{ overflowWrap: 'anywhere' }}>
            {e.title}
          </Title>
        </div>
        <InfoList grid items={meta} />
        <Divider />
        <article aria-label={e.title}>
          <Markdown variant="article">{e.body}</Markdown>
        </article>
        {isWebAddress(e.url) && (
          <Text size="sm">
            <Anchor href={e.url} target="_blank" rel="noopener noreferrer">
              View the original
              <VisuallyHidden> (opens in a new tab)</VisuallyHidden>
            </Anchor>
          </Text>
        )}
        <Paper withBorder p="lg" radius="md" component="aside" aria-labelledby="kb-next-step">
          <Text fw={500} id="kb-next-step">
            Did this not answer your question?
          </Text>
          <Text size="sm" c="dimmed" mt={4}>
            Open a case and describe what you see; our engineers take it from there.
          </Text>
          <Group mt="md" gap="sm">
            <ButtonLink to="/cases/new" search={{}}>
              Open a case
            </ButtonLink>
          </Group>
        </Paper>
      </Stack>
    </Container>
  );
}
