import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';

/** A new user's initial password: shown once, here, and never again (the server keeps only its hash). */
export function OneTimePassword({ email, password }: { email: string; password: string }) {
  return (
    <Alert color="teal" title={`Initial password for ${email}`} role="status">
      <Stack gap="xs">
        <Text size="sm">
          Give it to them in a safe way. It is shown only now: the Support Center keeps only its hash.
        </Text>
        <Group gap="sm">
          <Code fz="md" data-testid="initial-password">
            {password}
          </Code>
          <CopyButton value={password}>
            {({ copied, copy }) => (
              <Button size="compact-sm" variant="light" onClick={copy}>
                {copied ? 'Copied' : 'Copy password'}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Alert>
  );
}
