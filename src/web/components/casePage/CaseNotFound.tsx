import { Stack, Text, Title } from '@mantine/core';
import { ButtonLink } from '../links.tsx';

/**
 * A case that does not exist and one the user may not see look the same (SPEC §1, §11): nothing
 * here tells the two apart.
 */
export function CaseNotFound({ number }: { number: string }) {
  return (
    <Stack gap="md" maw={640}>
      <Title order={1}>Case not found</Title>
      <Text>
        There is no case {number} that you can see. A case is visible to the admin who opened it, to its case
        team and to the Elevated Support Contacts of its account.
      </Text>
      <Text c="dimmed">
        If a colleague opened it, ask them to add you to the case team, or open a new case.
      </Text>
      <div>
        <ButtonLink to="/cases" search={{}} variant="default" mr="sm">
          My cases
        </ButtonLink>
        <ButtonLink to="/cases/new" search={{}}>
          Open a case
        </ButtonLink>
      </div>
    </Stack>
  );
}
