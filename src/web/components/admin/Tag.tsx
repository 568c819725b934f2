import { Badge } from '@mantine/core';
import type { ReactNode } from 'react';

/** A badge with a light tint behind near-black text (above 4.5:1 in both schemes), as CaseBadges does. */
export function Tag({ color, children }: { color: string; children: ReactNode }) {
  return (
    <Badge
      variant="filled"
      size="sm"
      style={{
        backgroundColor: `var(--mantine-color-${color}-1)`,
        color: 'var(--mantine-color-dark-9)',
        border: `1px solid var(--mantine-color-${color}-4)`,
      }}
    >
      {children}
    </Badge>
  );
}
