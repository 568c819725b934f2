import { Stack, Text, Title } from '@mantine/core';
import { ButtonLink } from '../links.tsx';

/** An entry that does not exist and a draft a customer may not read look the same. */
export function KbEntryNotFound() {
  return (
    <Stack gap="md" maw={640}>
      <Title order={1}>Article not found</Title>
      <Text>
        There is no knowledge base entry at this address that you can read. It may have been removed, or the
        link may be incomplete.
      </Text>
      <div>
        <ButtonLink to="/kb" search={{}} mr="sm" mb="xs">
          Search the knowledge base
        </ButtonLink>
        <ButtonLink to="/cases/new" search={{}} variant="default" mb="xs">
          Open a case
        </ButtonLink>
      </div>
    </Stack>
  );
}
