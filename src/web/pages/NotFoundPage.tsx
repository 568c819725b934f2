import { Anchor, Container, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';

export function NotFoundPage() {
  return (
    <Container size="sm" py="xl">
      <Title order={1}>Page not found</Title>
      <Text mt="md">
        There is nothing at this address. Go to the{' '}
        <Anchor component={Link} to="/">
          Support Center
        </Anchor>
        .
      </Text>
    </Container>
  );
}
