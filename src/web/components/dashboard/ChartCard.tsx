import { Box, Button, Card, Stack, Table, Text, Title } from '@mantine/core';
import { type ReactNode, useId, useState } from 'react';

/**
 * One chart of the dashboard, readable three ways: the chart (for the eye; hidden from screen readers,
 * whose users get the same facts as text), a one-paragraph summary of what it shows, and the numbers as
 * a table behind a disclosure button (WCAG 1.1.1: a text alternative for non-text content).
 */
export function ChartCard({
  title,
  description,
  summary,
  empty,
  chart,
  table,
}: {
  title: string;
  description?: ReactNode;
  /** the chart in words: totals and what stands out */
  summary: ReactNode;
  /** when set, there is nothing to chart: this text is shown instead of chart and table */
  empty?: string | null | undefined;
  chart: ReactNode;
  /** the numbers: a caption-less table head and body (the card's title names it) */
  table: { head: ReactNode; body: ReactNode };
}) {
  const headingId = useId();
  const tableId = useId();
  const [showTable, setShowTable] = useState(false);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={headingId}>
      <Stack gap="xs">
        <div>
          <Title order={2} size="h4" id={headingId}>
            {title}
          </Title>
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
        </div>
        {empty ? (
          <Box py="xl">
            <Text ta="center" c="dimmed">
              {empty}
            </Text>
          </Box>
        ) : (
          <>
            <Text size="sm">{summary}</Text>
            <Box aria-hidden="true" data-chart={title}>
              {chart}
            </Box>
            <div>
              <Button
                variant="default"
                size="compact-sm"
                aria-expanded={showTable}
                aria-controls={tableId}
                onClick={() => setShowTable((v) => !v)}
              >
                {showTable ? 'Hide the numbers' : 'Show the numbers'}
              </Button>
            </div>
            <div id={tableId}>
              {showTable && (
                <Table.ScrollContainer minWidth={320}>
                  <Table striped withTableBorder>
                    <Table.Caption>{title}</Table.Caption>
                    <Table.Thead>{table.head}</Table.Thead>
                    <Table.Tbody>{table.body}</Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </div>
          </>
        )}
      </Stack>
    </Card>
  );
}
