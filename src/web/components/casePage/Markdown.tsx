import { Anchor, Text, Typography } from '@mantine/core';
import ReactMarkdown, { type Components } from 'react-markdown';

/**
 * Headings inside a comment must not compete with the page's own outline: every Markdown heading
 * becomes a level 4–6 heading in body size (below the section headings of the page).
 */
const headingStyle = { fontSize: 'var(--mantine-font-size-md)', margin: '0.75em 0 0.25em' };
function H4({ children }: { children?: React.ReactNode }) {
  return <h4 style={headingStyle}>{children}</h4>;
}
function H5({ children }: { children?: React.ReactNode }) {
  return <h5 style={headingStyle}>{children}</h5>;
}
function H6({ children }: { children?: React.ReactNode }) {
  return <h6 style={headingStyle}>{children}</h6>;
}

const components: Components = {
  a: ({ href, children }) => (
    <Anchor href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </Anchor>
  ),
  h1: H4,
  h2: H4,
  h3: H5,
  h4: H6,
  h5: H6,
  h6: H6,
  img: ({ alt }) => <Text span>{alt ? `[image: ${alt}]` : '[image]'}</Text>,
};

/**
 * A comment body as Markdown, rendered safely: raw HTML is never interpreted (react-markdown shows
 * it as text), unsafe URLs (javascript: and the like) are dropped by its default URL transform,
 * images are not loaded (no tracking pixels), and links open in a new tab without an opener.
 */
export function Markdown({ children }: { children: string }) {
  return (
    <Typography style={{ overflowWrap: 'anywhere', fontSize: 'var(--mantine-font-size-sm)' }}>
      <ReactMarkdown components={components}>{children}</ReactMarkdown>
    </Typography>
  );
}
