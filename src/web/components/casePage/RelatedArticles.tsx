import { Anchor, Card, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiRequestError, api } from '../../api/client.ts';
import { KbSnippet, kbKindLabel } from '../kbSnippet.tsx';
import { errorMessage } from './caseActions.ts';

/**
 * One recommended solution. The knowledge base (issue 4) defines the endpoint; until then this
 * reads the fields every entry will have (title, url) and shows the optional ones when present.
 */
interface Solution {
  title: string;
  url: string;
  kind?: string;
  snippet?: string;
}

function toSolutions(body: unknown): Solution[] {
  const items = (body as { items?: unknown })?.items;
  if (!Array.isArray(items)) return [];
  return items.flatMap((raw): Solution[] => {
    const i = raw as Record<string, unknown>;
    if (typeof i.title !== 'string' || typeof i.url !== 'string') return [];
    return [
      {
        title: i.title,
        url: i.url,
        kind: typeof i.kind === 'string' ? i.kind : undefined,
        snippet:
          typeof i.snippet === 'string' ? i.snippet : typeof i.summary === 'string' ? i.summary : undefined,
      },
    ];
  });
}

/** GET /solutions?q=…; a 404 means the knowledge base is not there yet: no results, not an error. */
async function findSolutions(q: string): Promise<Solution[]> {
  try {
    return toSolutions(await api<unknown>('GET', `/solutions?q=${encodeURIComponent(q)}`));
  } catch (e) {
    if (e instanceof ApiRequestError && e.status === 404) return [];
    throw e;
  }
}

/** Related articles with a find-an-article search, first searched with the case subject. */
export function RelatedArticles({ subject }: { subject: string }) {
  const [q, setQ] = useState(subject);
  const [debounced] = useDebouncedValue(q.trim(), 300);
  const results = useQuery({
    queryKey: ['solutions', debounced],
    queryFn: () => findSolutions(debounced),
    enabled: debounced.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const items = results.data ?? [];
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
              Articles from the knowledge base appear here.
            </Text>
          ) : (
            <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {items.map((s) => (
                <li key={s.url}>
                  <Anchor href={s.url} target="_blank" rel="noopener noreferrer" size="sm">
                    {s.title}
                  </Anchor>
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
      </Stack>
    </Card>
  );
}
