import type { ReactNode } from 'react';
import type { KB_KINDS } from '../../shared/api/kb.ts';

type KbKind = (typeof KB_KINDS)[number];

/** How the three kinds of knowledge entry (SPEC §7) are named to people. */
export const KB_KIND_LABELS: Record<KbKind, string> = {
  kb_article: 'Knowledge base article',
  product_doc: 'Product documentation',
  community_question: 'Community question',
};

export function kbKindLabel(kind: string | undefined): string | null {
  if (!kind) return null;
  return (KB_KIND_LABELS as Record<string, string>)[kind] ?? kind;
}

const ENTITIES: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
};
const decodeEntities = (s: string) => s.replace(/&(lt|gt|amp|quot|#39);/g, (m) => ENTITIES[m] ?? m);

/**
 * A search snippet from the server: HTML-escaped text whose matched terms are wrapped in <mark>…</mark>.
 * Rendered as React text and <mark> elements — never as HTML.
 */
export function KbSnippet({ snippet }: { snippet: string }): ReactNode {
  const nodes: ReactNode[] = [];
  let offset = 0;
  for (const part of snippet.split(/(<mark>[\s\S]*?<\/mark>)/g)) {
    if (part) {
      const marked = /^<mark>([\s\S]*)<\/mark>$/.exec(part);
      const key = `at-${offset}`;
      nodes.push(
        marked ? (
          <mark key={key}>{decodeEntities(marked[1] ?? '')}</mark>
        ) : (
          <span key={key}>{decodeEntities(part)}</span>
        ),
      );
    }
    offset += part.length;
  }
  return nodes;
}
