import { Container, Title } from '@mantine/core';

export function MyCasesPage() {
  return (
    <Container>
      <Title order={1}>MyCasesPage</Title>
    </Container>
  );
}
