import { SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** Label–value pairs as a description list, in one column or in a responsive grid. */
export function InfoList({
  items,
  grid = false,
}: {
  items: { label: string; value: ReactNode }[];
  grid?: boolean;
}) {
  return (
    <SimpleGrid
      component="dl"
      cols={grid ? { base: 1, xs: 2, sm: 3 } : 1}
      spacing="md"
      verticalSpacing="xs"
      m={0}
    >
      {items.map((item) => (
        <div key={item.label} style={{ minWidth: 0 }}>
          <Text component="dt" size="xs" c="dimmed" fw={600} tt="uppercase">
            {item.label}
          </Text>
          <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
            {item.value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}
