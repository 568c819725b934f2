import { Anchor, Text, Typography } from '@mantine/core';
import type { ReactNode } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';

/**
 * The body of a knowledge base entry sits under the page's h1: its headings start at h2 (an entry's
 * "## Symptoms", "## Cause", "## Resolution" become the page's sections) and stop at h4.
 */
const H2 = ({ children }: { children?: ReactNode }) => <h2>{children}</h2>;
const H3 = ({ children }: { children?: ReactNode }) => <h3>{children}</h3>;
const H4 = ({ children }: { children?: ReactNode }) => <h4>{children}</h4>;

/** The same safety rules as comments (casePage/Markdown.tsx); only the heading levels differ. */
const components: Components = {
  a: ({ href, children }) => (
    <Anchor href={href} target="_blank" rel="noopener noreferrer" underline="always">
      {children}
    </Anchor>
  ),
  h1: H2,
  h2: H2,
  h3: H3,
  h4: H4,
  h5: H4,
  h6: H4,
  img: ({ alt }) => <Text span>{alt ? `[image: ${alt}]` : '[image]'}</Text>,
};

/**
 * An entry's Markdown, rendered safely: raw HTML is never interpreted (react-markdown shows it as
 * text), unsafe URLs (javascript: and the like) are dropped by its default URL transform, images are
 * not loaded, and links open in a new tab without an opener.
 */
export function KbMarkdown({ children }: { children: string }) {
  return (
    <Typography style={{ overflowWrap: 'anywhere' }}>
      <ReactMarkdown components={components}>{children}</ReactMarkdown>
    </Typography>
  );
}
