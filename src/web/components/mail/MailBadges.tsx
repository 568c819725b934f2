import { Badge } from '@mantine/core';
import type { MailDirection } from './mailQueries.ts';

/** A light tint behind near-black text (as the case badges): above 4.5:1 in the light and the dark scheme. */
function tint(color: string) {
  return {
    backgroundColor: `var(--mantine-color-${color}-1)`,
    color: 'var(--mantine-color-dark-9)',
    border: `1px solid var(--mantine-color-${color}-4)`,
  };
}

export function DirectionBadge({ direction }: { direction: MailDirection }) {
  return (
    <Badge variant="filled" size="sm" style={tint(direction === 'out' ? 'indigo' : 'teal')}>
      {direction === 'out' ? 'Outgoing' : 'Incoming'}
    </Badge>
  );
}
