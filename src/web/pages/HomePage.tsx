import { Badge, Button, Card, Container, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useCaseList } from '../api/cases.ts';
import { useMe } from '../api/session.ts';
import { PriorityBadge, StatusBadge } from '../components/CaseBadges.tsx';
import { formatDateTime } from '../components/format.ts';
import { AnchorLink, ButtonLink } from '../components/links.tsx';
import { NoCaseAccess } from '../components/NoCaseAccess.tsx';

/** Support Center home: Get Support → Open a Case, recent cases, and a search box. */
export function HomePage() {
  const me = useMe();
  const { search: focusSearch } = useSearch({ from: '/authed/' });
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const searchRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focusSearch) searchRef.current?.focus();
  }, [focusSearch]);
  const allowed = me?.caseAccess.allowed ?? false;
  const recent = useCaseList({ view: 'mine', status: 'all', sort: 'updated', order: 'desc', pageSize: 5 });

  return (
    <Container size="lg">
      <Stack gap="lg">
        <div>
          <Title order={1}>Support Center</Title>
          <Text c="dimmed">Hello {me?.name.split(' ')[0]}. How can we help?</Text>
        </div>
        <form
          aria-label="Search your cases"
          onSubmit={(e) => {
            e.preventDefault();
            void navigate({ to: '/cases', search: { q: q.trim() || undefined, status: 'all' } });
          }}
        >
          <Group align="flex-end" wrap="nowrap">
            <TextInput
              ref={searchRef}
              style={{ flex: 1 }}
              label="Search your cases"
              description="A case number or words from its subject or description"
              placeholder="e.g. 00010001 or SAML assertion"
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
            />
            <Button type="submit" variant="light">
              Search
            </Button>
          </Group>
        </form>
        {!allowed ? (
          <NoCaseAccess reason={me?.caseAccess.reason ?? null} />
        ) : (
          <>
            <Card withBorder padding="lg">
              <Title order={2} size="h3">
                Get Support
              </Title>
              <Text mt="xs" c="dimmed">
                Describe the problem and we route it to the right engineers. Recommended solutions appear
                while you type.
              </Text>
              <Group mt="md">
                <ButtonLink to="/cases/new">Open a Case</ButtonLink>
                <ButtonLink to="/cases" variant="default">
                  My cases
                </ButtonLink>
              </Group>
            </Card>
            <section aria-labelledby="recent-cases">
              <Group justify="space-between">
                <Title order={2} size="h3" id="recent-cases">
                  Recent cases
                </Title>
                <AnchorLink to="/cases" search={{ status: 'all' }}>
                  All my cases
                </AnchorLink>
              </Group>
              {recent.data && recent.data.items.length === 0 && (
                <Text mt="sm" c="dimmed">
                  You have no cases yet.
                </Text>
              )}
              {recent.data && recent.data.items.length > 0 && (
                <Table.ScrollContainer minWidth={560}>
                  <Table mt="sm" highlightOnHover>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Case</Table.Th>
                        <Table.Th>Subject</Table.Th>
                        <Table.Th>Status</Table.Th>
                        <Table.Th>Priority</Table.Th>
                        <Table.Th>Updated</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {recent.data.items.map((c) => (
                        <Table.Tr key={c.number}>
                          <Table.Td>
                            <AnchorLink to="/cases/$number" params={{ number: c.number }}>
                              {c.number}
                            </AnchorLink>
                          </Table.Td>
                          <Table.Td>{c.subject}</Table.Td>
                          <Table.Td>
                            <StatusBadge status={c.status} />
                          </Table.Td>
                          <Table.Td>
                            <PriorityBadge priority={c.priority} />
                          </Table.Td>
                          <Table.Td>{formatDateTime(c.updatedAt)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
              {me?.elevatedSupportContact && (
                <Badge mt="sm" variant="light">
                  You are an Elevated Support Contact: All account cases is in My cases.
                </Badge>
              )}
            </section>
          </>
        )}
      </Stack>
    </Container>
  );
}
