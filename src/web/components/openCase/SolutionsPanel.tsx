import { Anchor, Badge, Card, Group, Loader, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { ApiRequestError, api } from '../../api/client.ts';
import { KbSnippet, kbKindLabel } from '../kbSnippet.tsx';

/** One recommended solution from the knowledge base (issue 4): an article, a doc page or a community question. */
export interface Solution {
  id: string;
  title: string;
  url: string;
  kind: string;
  snippet?: string | null;
}

const DEBOUNCE_MS = 400;
const MIN_QUERY = 3;
const EMPTY_TEXT = 'Suggestions from the knowledge base appear here as you type.';

/**
 * Tells the server what the panel showed or what the user opened, for the deflection measure. Best
 * effort: a lost event must never disturb the form.
 */
function reportEvent(
  formSession: string,
  type: 'shown' | 'opened',
  entryIds: string[],
  issueArea: string,
): void {
  if (entryIds.length === 0) return;
  api('POST', '/solutions/events', { formSession, type, entryIds, issueArea: issueArea || null }).catch(
    () => {},
  );
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
    return (res.items ?? []).filter((s) => typeof s?.id === 'string' && typeof s?.title === 'string');
  } catch (err) {
    if (err instanceof ApiRequestError && (err.status === 404 || err.status === 501)) return [];
    throw err;
  }
}

/**
 * Recommended solutions beside the case form, updated as the subject and description are typed. Each
 * opens in a new tab (the form stays as it is); what was shown and opened is reported under the form
 * session, so support can measure how many cases the knowledge base answers before they are opened.
 */
export function SolutionsPanel({
  subject,
  description,
  issueArea,
  formSession,
}: {
  subject: string;
  description: string;
  issueArea: string;
  formSession: string;
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
  const shownKey = items.map((s) => s.id).join(',');
  const lastShown = useRef('');
  useEffect(() => {
    if (!shownKey || shownKey === lastShown.current) return;
    lastShown.current = shownKey;
    reportEvent(formSession, 'shown', shownKey.split(','), issueArea);
  }, [shownKey, formSession, issueArea]);

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
              const opened = () => reportEvent(formSession, 'opened', [s.id], issueArea);
              return (
                <li key={s.id}>
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
                    <Anchor
                      href={`/kb/${encodeURIComponent(s.id)}`}
                      target="_blank"
                      rel="noopener"
                      onClick={opened}
                      onAuxClick={opened}
                    >
                      {s.title}
                      <VisuallyHidden> (opens in a new tab)</VisuallyHidden>
                    </Anchor>
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
