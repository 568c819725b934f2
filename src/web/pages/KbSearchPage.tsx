import { Container, Group, Loader, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useId } from 'react';
import { issueAreasQuery } from '../api/cases.ts';
import { IssueAreaSelect } from '../components/kb/IssueAreaSelect.tsx';
import { KbNoResults, KbResultList, KbSearchError, KbSearchStart } from '../components/kb/KbResults.tsx';
import { KbSearchBox } from '../components/kb/KbSearchBox.tsx';
import { KB_SEARCH_LIMIT, kbSearchQuery } from '../components/kb/kbQueries.ts';

function countText(count: number, q: string): string {
  if (count === 0) return `No entries match “${q}”.`;
  if (count === 1) return `1 entry matches “${q}”.`;
  if (count >= KB_SEARCH_LIMIT) return `The ${count} best matches for “${q}”.`;
  return `${count} entries match “${q}”.`;
}

/**
 * The knowledge base (SPEC §7): search articles, product documentation and community questions. The
 * query and the issue area live in the URL; typing replaces the history entry, a submitted search or a
 * chosen area adds one.
 */
export function KbSearchPage() {
  const search = useSearch({ from: '/authed/kb' });
  const navigate = useNavigate({ from: '/kb' });
  const headingId = useId();
  const q = search.q ?? '';
  const areas = useQuery(issueAreasQuery);
  const results = useQuery(kbSearchQuery(q, search.issueArea));

  useEffect(() => {
    document.title = q ? `${q} · Knowledge base · Casebook` : 'Knowledge base · Casebook';
  }, [q]);

  const data = q ? results.data : undefined;
  const settled = data && !results.isFetching && !results.isPlaceholderData;

  return (
    <Container size="md">
      <Stack gap="lg">
        <div>
          <Title order={1}>Knowledge base</Title>
          <Text c="dimmed">Articles, product documentation and answers from the community.</Text>
        </div>
        <KbSearchBox
          q={q}
          onSearch={(next, { typed }) =>
            void navigate({ search: (prev) => ({ ...prev, q: next || undefined }), replace: typed })
          }
        >
          <IssueAreaSelect
            areas={areas.data?.items}
            value={search.issueArea}
            onChange={(issueArea) => void navigate({ search: (prev) => ({ ...prev, issueArea }) })}
          />
        </KbSearchBox>
        <div>
          {q && (
            <Group justify="space-between" align="baseline" gap="xs" mb="xs">
              <Title order={2} size="h3" id={headingId}>
                Results
              </Title>
              {results.isFetching && <Loader size="xs" aria-hidden="true" />}
            </Group>
          )}
          {/* Announced politely once a search settles (with no results, the panel below shows it). */}
          <div role="status">
            {settled && data.items.length > 0 ? (
              <Text size="sm" c="dimmed" mb="sm">
                {countText(data.items.length, q)}
              </Text>
            ) : settled ? (
              <VisuallyHidden>{countText(0, q)}</VisuallyHidden>
            ) : (
              <VisuallyHidden>{q && results.isFetching ? 'Searching…' : ''}</VisuallyHidden>
            )}
          </div>
          {!q ? (
            <KbSearchStart />
          ) : results.isError ? (
            <KbSearchError message={results.error.message} onRetry={() => void results.refetch()} />
          ) : data && data.items.length === 0 ? (
            <KbNoResults q={q} />
          ) : data ? (
            <KbResultList items={data.items} labelledBy={headingId} />
          ) : null}
        </div>
      </Stack>
    </Container>
  );
}
