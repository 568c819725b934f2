import { Card, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { findSolutions } from '../kb/kbQueries.ts';
import { KbSnippet, kbKindLabel } from '../kbSnippet.tsx';
import { AnchorLink } from '../links.tsx';
import { errorMessage } from './caseActions.ts';

/**
 * Related articles with a find-an-article search (GET /solutions), first searched with the case
 * subject; each title opens the entry's page in the knowledge base.
 */
export function RelatedArticles({ subject }: { subject: string }) {
  const [q, setQ] = useState(subject);
  const [debounced] = useDebouncedValue(q.trim(), 300);
  const results = useQuery({
    queryKey: ['kb', 'related', debounced],
    queryFn: () => findSolutions(debounced),
    enabled: debounced.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const items = debounced ? (results.data?.items ?? []) : [];
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="related-articles-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="related-articles-title">
          Related articles
        </Title>
        <TextInput
          type="search"
          label="Find an article"
          description="Search the knowledge base, documentation and community"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          rightSection={results.isFetching ? <Loader size="xs" aria-hidden="true" /> : null}
        />
        <div aria-live="polite">
          {results.isError ? (
            <Text size="sm" c="dimmed">
              Articles cannot be searched right now: {errorMessage(results.error)}
            </Text>
          ) : items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {debounced && results.isSuccess && !results.isFetching
                ? 'No articles match these words. Try fewer or other words.'
                : 'Articles from the knowledge base appear here.'}
            </Text>
          ) : (
            <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {items.map((s) => (
                <li key={s.id}>
                  <AnchorLink to="/kb/$id" params={{ id: s.id }} size="sm">
                    {s.title}
                  </AnchorLink>
                  {(s.kind || s.snippet) && (
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {kbKindLabel(s.kind)}
                      {s.kind && s.snippet ? ' · ' : null}
                      {s.snippet ? <KbSnippet snippet={s.snippet} /> : null}
                    </Text>
                  )}
                </li>
              ))}
            </Stack>
          )}
        </div>
        <AnchorLink to="/kb" search={{ q: debounced || undefined }} size="sm">
          Search the whole knowledge base
        </AnchorLink>
      </Stack>
    </Card>
  );
}
