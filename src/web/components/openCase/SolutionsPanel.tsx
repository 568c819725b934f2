import { Anchor, Badge, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ApiRequestError, api } from '../../api/client.ts';
import { KbSnippet, kbKindLabel } from '../kbSnippet.tsx';

/** One recommended solution from the knowledge base (issue 4): an article, a doc page or a community question. */
export interface Solution {
  title: string;
  url: string;
  kind: string;
  snippet?: string | null;
}

const DEBOUNCE_MS = 400;
const MIN_QUERY = 3;
const EMPTY_TEXT = 'Suggestions from the knowledge base appear here as you type.';

/** Only web and same-site addresses become links; anything else (javascript:, data:) is dropped. */
function safeHref(url: string): string | null {
  if (url.startsWith('/') && !url.startsWith('//')) return url;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/**
 * GET /api/v1/solutions?q=&issueArea=&limit=5. Until the knowledge base exists the endpoint answers
 * 404, which means "no suggestions", never an error to show.
 */
async function fetchSolutions(q: string, issueArea: string): Promise<Solution[]> {
  const params = new URLSearchParams({ q, limit: '5' });
  if (issueArea) params.set('issueArea', issueArea);
  try {
    const res = await api<{ items?: Solution[] }>('GET', `/solutions?${params.toString()}`);
    return (res.items ?? []).filter((s) => typeof s?.title === 'string' && typeof s?.url === 'string');
  } catch (err) {
    if (err instanceof ApiRequestError && (err.status === 404 || err.status === 501)) return [];
    throw err;
  }
}

/** Recommended solutions beside the case form, updated as the subject and description are typed. */
export function SolutionsPanel({
  subject,
  description,
  issueArea,
}: {
  subject: string;
  description: string;
  issueArea: string;
}) {
  const text = `${subject.trim()} ${description.trim().slice(0, 500)}`.trim();
  const [q] = useDebouncedValue(text, DEBOUNCE_MS);
  const enabled = q.length >= MIN_QUERY;
  const solutions = useQuery({
    queryKey: ['solutions', q, issueArea],
    queryFn: () => fetchSolutions(q, issueArea),
    enabled,
    staleTime: 60_000,
    retry: false,
    placeholderData: keepPreviousData,
  });
  const items = enabled ? (solutions.data ?? []) : [];

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="solutions-title">
      <Group justify="space-between" wrap="nowrap">
        <Title order={2} size="h4" id="solutions-title">
          Recommended solutions
        </Title>
        {enabled && solutions.isFetching && <Loader size="xs" aria-hidden="true" />}
      </Group>
      <div aria-live="polite">
        {items.length === 0 ? (
          <Text size="sm" c="dimmed" mt="xs">
            {solutions.isError
              ? 'Suggestions are not available right now. You can still open the case.'
              : EMPTY_TEXT}
          </Text>
        ) : (
          <Stack gap="sm" mt="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {items.map((s) => {
              const href = safeHref(s.url);
              return (
                <li key={`${s.kind}:${s.url}`}>
                  <Badge
                    variant="light"
                    color="gray"
                    size="sm"
                    mb={2}
                    style={{ color: 'var(--mantine-color-text)' }}
                  >
                    {kbKindLabel(s.kind)}
                  </Badge>
                  <Text fw={600} size="sm">
                    {href ? (
                      <Anchor href={href} target="_blank" rel="noopener noreferrer">
                        {s.title}
                      </Anchor>
                    ) : (
                      s.title
                    )}
                  </Text>
                  {s.snippet && (
                    <Text size="sm" c="dimmed" lineClamp={3}>
                      <KbSnippet snippet={s.snippet} />
                    </Text>
                  )}
                </li>
              );
            })}
          </Stack>
        )}
      </div>
    </Card>
  );
}
