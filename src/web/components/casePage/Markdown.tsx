import { Anchor, Text, Typography } from '@mantine/core';
import type { ReactNode } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';

type Level = 2 | 3 | 4 | 5 | 6;

/**
 * Markdown headings take the levels the page leaves them: a comment's must not compete with the
 * page's outline (h4–h6 in body size); a knowledge base entry sits under the page's h1, so its
 * "## Symptoms", "## Cause" become the page's sections (h2–h4).
 */
const VARIANTS = {
  comment: {
    levels: [4, 4, 5, 6, 6, 6],
    headingStyle: { fontSize: 'var(--mantine-font-size-md)', margin: '0.75em 0 0.25em' },
    fontSize: 'var(--mantine-font-size-sm)',
    underline: undefined,
  },
  article: { levels: [2, 2, 3, 4, 4, 4], headingStyle: undefined, fontSize: undefined, underline: 'always' },
} as const;

function components(variant: keyof typeof VARIANTS): Components {
  const v = VARIANTS[variant];
  const heading = (level: Level) => {
    const Tag = `h${level}` as const;
    return ({ children }: { children?: ReactNode }) => <Tag style={v.headingStyle}>{children}</Tag>;
  };
  const [h1, h2, h3, h4, h5, h6] = v.levels.map((l) => heading(l));
  return {
    a: ({ href, children }) => (
      <Anchor href={href} target="_blank" rel="noopener noreferrer" underline={v.underline}>
        {children}
      </Anchor>
    ),
    h1,
    h2,
    h3,
    h4,
    h5,
    h6,
    img: ({ alt }) => <Text span>{alt ? `[image: ${alt}]` : '[image]'}</Text>,
  };
}

const COMPONENTS = { comment: components('comment'), article: components('article') };

/**
 * Markdown (a comment, or a knowledge base entry) rendered safely: raw HTML is never interpreted
 * (react-markdown shows it as text), unsafe URLs (javascript: and the like) are dropped by its default
 * URL transform, images are not loaded (no tracking pixels), and links open in a new tab without an
 * opener.
 */
export function Markdown({
  children,
  variant = 'comment',
}: {
  children: string;
  variant?: keyof typeof VARIANTS;
}) {
  return (
    <Typography style={{ overflowWrap: 'anywhere', fontSize: VARIANTS[variant].fontSize }}>
      <ReactMarkdown components={COMPONENTS[variant]}>{children}</ReactMarkdown>
    </Typography>
  );
}
