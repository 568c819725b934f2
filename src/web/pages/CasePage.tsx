import { Container, Title } from '@mantine/core';

export function CasePage() {
  return (
    <Container>
      <Title order={1}>CasePage</Title>
    </Container>
  );
}
