import { Container, Title } from '@mantine/core';

export function OpenCasePage() {
  return (
    <Container>
      <Title order={1}>OpenCasePage</Title>
    </Container>
  );
}
