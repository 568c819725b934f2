import { Container, Title } from '@mantine/core';

export function AccountPermissionsPage() {
  return (
    <Container>
      <Title order={1}>AccountPermissionsPage</Title>
    </Container>
  );
}
