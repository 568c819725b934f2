import { Badge, type BadgeProps } from '@mantine/core';
import { kbKindLabel } from '../kbSnippet.tsx';

/** Which kind of entry this is: knowledge base article, product documentation or community question. */
export function KbKindBadge({ kind, ...props }: { kind: string } & BadgeProps) {
  return (
    <Badge variant="light" color="gray" size="sm" style={{ color: 'var(--mantine-color-text)' }} {...props}>
      {kbKindLabel(kind)}
    </Badge>
  );
}
