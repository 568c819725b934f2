import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { KbSnippet } from '../kbSnippet.tsx';
import { AnchorLink, ButtonLink } from '../links.tsx';
import { KbKindBadge } from './KbKindBadge.tsx';
import type { SolutionView } from './kbQueries.ts';

/** Results of a knowledge base search, best first: kind, title (to the entry's page) and the matching words. */
export function KbResultList({ items, labelledBy }: { items: SolutionView[]; labelledBy: string }) {
  return (
    <Stack
      gap="md"
      component="ol"
      aria-labelledby={labelledBy}
      style={{ listStyle: 'none', padding: 0, margin: 0 }}
    >
      {items.map((s) => (
        <li key={s.id}>
          <Paper withBorder p="md" radius="md">
            <KbKindBadge kind={s.kind} mb={4} />
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              <AnchorLink to="/kb/$id" params={{ id: s.id }}>
                {s.title}
              </AnchorLink>
            </Text>
            {s.snippet && (
              <Text size="sm" c="dimmed" lineClamp={3} mt={4}>
                <KbSnippet snippet={s.snippet} />
              </Text>
            )}
          </Paper>
        </li>
      ))}
    </Stack>
  );
}

/** What to do when the knowledge base has nothing: other words, or a case. */
export function KbNoResults({ q }: { q: string }) {
  return (
    <Paper withBorder p="lg" radius="md">
      <Text fw={500}>No entries match “{q}”.</Text>
      <Text size="sm" c="dimmed" mt={4}>
        Try fewer words, other words for the same thing, or an error code such as E0000004. If nothing helps,
        open a case and our engineers will look into it.
      </Text>
      <Group mt="md" gap="sm">
        <ButtonLink to="/cases/new">Open a case</ButtonLink>
      </Group>
    </Paper>
  );
}

/** Before the first search: what can be found here, and where cases are searched instead. */
export function KbSearchStart() {
  return (
    <Paper withBorder p="lg" radius="md">
      <Text fw={500}>Type what you are looking for to search the knowledge base.</Text>
      <Text size="sm" c="dimmed" mt={4}>
        It holds knowledge base articles, product documentation and community questions. To find one of your
        cases instead, search in{' '}
        <AnchorLink to="/cases" search={{ status: 'all' }} underline="always">
          My cases
        </AnchorLink>
        .
      </Text>
      <Group mt="md" gap="sm">
        <ButtonLink to="/cases/new" variant="default">
          Open a case
        </ButtonLink>
      </Group>
    </Paper>
  );
}

export function KbSearchError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <Alert color="red" title="The knowledge base could not be searched" role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{message}</Text>
        <Button size="compact-sm" variant="default" onClick={onRetry}>
          Try again
        </Button>
      </Stack>
    </Alert>
  );
}
