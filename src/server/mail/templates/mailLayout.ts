import { micromark } from 'micromark';
import { REPLY_MARKER } from './mailEvents.ts';

/**
 * One mail described once and written twice: as plain text (readable on its own) and as HTML (a single
 * column without tables, inline styles only, every interpolated value escaped).
 */

/** A piece of a paragraph: plain words, a link, or words in bold. */
export type Inline = string | { text: string; href: string } | { strong: string };

export type Block =
  | { kind: 'paragraph'; parts: Inline[] }
  /** label–value lines (`Status: Open`) */
  | { kind: 'facts'; rows: [label: string, value: string][] }
  /** text a person typed, shown as typed (line breaks kept) under a label */
  | { kind: 'quote'; label: string; text: string }
  /** a comment body: Markdown, shown as source in text and rendered (safely) in HTML */
  | { kind: 'markdown'; source: string }
  | { kind: 'list'; label: string; items: Inline[][] }
  /** the main link of the mail */
  | { kind: 'button'; text: string; href: string };

export interface MailDocument {
  subject: string;
  /** whether the mail starts with the reply marker (every case mail does) */
  replyMarker: boolean;
  headline: string;
  blocks: Block[];
  /** small print after a rule, one paragraph each */
  footer: Inline[][];
}

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A header-safe single line: control characters (CR/LF included) become spaces. */
export function oneLine(value: string): string {
  return value
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

// ——— Markdown ———

const MONO = "ui-monospace,SFMono-Regular,Menlo,Consolas,'Liberation Mono',monospace";

const MARKDOWN_STYLES: Record<string, string> = {
  p: 'margin:0 0 12px 0;',
  ul: 'margin:0 0 12px 0;padding-left:24px;',
  ol: 'margin:0 0 12px 0;padding-left:24px;',
  li: 'margin:0 0 4px 0;',
  blockquote: 'margin:0 0 12px 0;padding:0 0 0 12px;border-left:3px solid #d0d7de;color:#4b5563;',
  pre: `margin:0 0 12px 0;padding:12px;background-color:#f3f4f6;border-radius:4px;font-family:${MONO};font-size:13px;line-height:1.45;white-space:pre-wrap;overflow-wrap:anywhere;`,
  code: `font-family:${MONO};font-size:13px;background-color:#f3f4f6;border-radius:3px;padding:1px 3px;`,
  link: 'color:#1a56c4;',
  heading: 'margin:16px 0 8px 0;font-size:16px;line-height:1.4;',
};

/**
 * Markdown → HTML with micromark's safe defaults: raw HTML is escaped (never `allowDangerousHtml`) and
 * dangerous link protocols (javascript: and the like) are dropped. Images are turned off, as on the case
 * page, so a comment cannot load a remote picture (a tracking pixel) in the reader's mail client: `![a](u)`
 * stays a plain link. Headings are demoted below the mail's own headline. Styles are added to the tags
 * micromark writes; user text can never produce a tag, since micromark escapes every `<` it is given.
 */
export function markdownToHtml(source: string): string {
  const html = micromark(source, { extensions: [{ disable: { null: ['labelStartImage'] } }] });
  return html
    .replace(/<(\/?)h([1-6])>/g, (_m, slash: string, level: string) => {
      const demoted = Math.min(Number(level) + 2, 6);
      return slash ? `</h${demoted}>` : `<h${demoted} style="${MARKDOWN_STYLES.heading}">`;
    })
    .replace(
      /<(p|ul|ol|li|blockquote|pre)>/g,
      (_m, tag: string) => `<${tag} style="${MARKDOWN_STYLES[tag]}">`,
    )
    .replace(/<a href="/g, `<a style="${MARKDOWN_STYLES.link}" href="`)
    .replace(/<code( class="[^"<>]*")?>/g, (_m, cls: string | undefined) => {
      return `<code${cls ?? ''} style="${MARKDOWN_STYLES.code}">`;
    });
}

// ——— plain text ———

function inlineText(parts: Inline[]): string {
  return parts
    .map((part) => {
      if (typeof part === 'string') return part;
      if ('strong' in part) return part.strong;
      return part.text === part.href ? part.href : `${part.text} (${part.href})`;
    })
    .join('');
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return inlineText(block.parts);
    case 'facts':
      return block.rows.map(([label, value]) => `${label}: ${value}`).join('\n');
    case 'quote':
      return `${block.label}:\n${block.text.trimEnd()}`;
    case 'markdown':
      return block.source.trimEnd();
    case 'list':
      return [`${block.label}`, ...block.items.map((item) => `- ${inlineText(item)}`)].join('\n');
    case 'button':
      return `${block.text}: ${block.href}`;
  }
}

export function renderText(doc: MailDocument): string {
  const sections = [
    ...(doc.replyMarker ? [REPLY_MARKER] : []),
    doc.headline,
    ...doc.blocks.map(blockText),
    `-- \n${doc.footer.map(inlineText).join('\n')}`,
  ];
  return `${sections.join('\n\n')}\n`;
}

// ——— HTML ———

const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const TEXT_COLOR = '#1f2328';
const MUTED = '#4b5563'; // 7.6:1 on white
const LINK = '#1a56c4'; // 6.1:1 on white; white on it 6.1:1

function inlineHtml(parts: Inline[]): string {
  return parts
    .map((part) => {
      if (typeof part === 'string') return escapeHtml(part);
      if ('strong' in part) return `<strong>${escapeHtml(part.strong)}</strong>`;
      return `<a href="${escapeHtml(part.href)}" style="color:${LINK};">${escapeHtml(part.text)}</a>`;
    })
    .join('');
}

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p style="margin:0 0 16px 0;">${inlineHtml(block.parts)}</p>`;
    case 'facts':
      return `<p style="margin:0 0 16px 0;">${block.rows
        .map(([label, value]) => `<strong>${escapeHtml(label)}:</strong> ${escapeHtml(value)}`)
        .join('<br>')}</p>`;
    case 'quote':
      return (
        `<p style="margin:0 0 4px 0;"><strong>${escapeHtml(block.label)}:</strong></p>` +
        `<div style="margin:0 0 16px 0;padding:0 0 0 12px;border-left:3px solid #d0d7de;white-space:pre-wrap;overflow-wrap:anywhere;">${escapeHtml(block.text.trimEnd())}</div>`
      );
    case 'markdown':
      return `<div style="margin:0 0 16px 0;overflow-wrap:anywhere;">${markdownToHtml(block.source)}</div>`;
    case 'list':
      return (
        `<p style="margin:0 0 4px 0;">${escapeHtml(block.label)}</p>` +
        `<ul style="margin:0 0 16px 0;padding-left:24px;">${block.items
          .map((item) => `<li style="margin:0 0 4px 0;">${inlineHtml(item)}</li>`)
          .join('')}</ul>`
      );
    case 'button':
      return `<p style="margin:8px 0 24px 0;"><a href="${escapeHtml(block.href)}" style="display:inline-block;padding:10px 18px;background-color:${LINK};color:#ffffff;text-decoration:none;border-radius:6px;font-weight:600;">${escapeHtml(block.text)}</a></p>`;
  }
}

export function renderHtml(doc: MailDocument): string {
  const subject = escapeHtml(doc.subject);
  const marker = doc.replyMarker
    ? `<p style="margin:0 0 16px 0;font-size:12px;color:${MUTED};">${escapeHtml(REPLY_MARKER)}</p>\n`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${subject}</title>
</head>
<body style="margin:0;padding:0;background-color:#f4f5f7;">
<div role="article" aria-roledescription="email" aria-label="${subject}" lang="en" style="max-width:640px;margin:0 auto;padding:24px;background-color:#ffffff;font-family:${FONT};font-size:15px;line-height:1.5;color:${TEXT_COLOR};">
${marker}<h1 style="margin:0 0 16px 0;font-size:20px;line-height:1.3;">${escapeHtml(doc.headline)}</h1>
${doc.blocks.map(blockHtml).join('\n')}
<hr style="border:0;border-top:1px solid #d0d7de;margin:24px 0 16px 0;">
${doc.footer.map((parts) => `<p style="margin:0 0 8px 0;font-size:13px;color:${MUTED};">${inlineHtml(parts)}</p>`).join('\n')}
</div>
</body>
</html>
`;
}
