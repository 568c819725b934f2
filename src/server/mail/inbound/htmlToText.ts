/**
 * HTML mail body → plain text for a case comment: paragraphs, line breaks and list items kept, entities
 * decoded, everything else of the markup dropped. With `dropQuotes`, the quoted history the mail clients
 * mark in their HTML goes too: `<blockquote>`, Gmail's `gmail_quote` (and its signature), Thunderbird's
 * `moz-cite-prefix`, Yahoo's `yahoo_quoted`, and everything from Outlook's `divRplyFwdMsg` / `appendonsend`
 * on (Outlook puts the quoted message after that header block, not inside it).
 *
 * A small tokenizer, not a DOM: mail HTML is often malformed, and an unclosed quote container swallows the
 * rest — the caller converts again without `dropQuotes` when that leaves nothing.
 */
export interface HtmlToTextOptions {
  dropQuotes?: boolean;
}

const TOKEN =
  /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<[!?][^<>]*>|<(\/?)([a-zA-Z][\w:.-]*)((?:[^<>"']|"[^<"]*"|'[^<']*')*)>/g;

const ATTRIBUTE = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/** Elements whose content is not text to show. */
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'template', 'noscript']);

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

/** Blocks separated from their neighbours by a blank line. */
const PARAGRAPHS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'table', 'dl']);

/** Blocks that start and end a line. */
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'header',
  'hgroup',
  'hr',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'section',
  'summary',
  'tbody',
  'tfoot',
  'thead',
  'tr',
  'ul',
]);

/** Containers of quoted history (and of the client's own signature), by class. */
const QUOTE_CLASSES = new Set([
  'gmail_quote',
  'gmail_quote_container',
  'gmail_signature',
  'moz-cite-prefix',
  'moz-signature',
  'yahoo_quoted',
]);

/** Ids after which everything is the quoted message (Outlook). */
const QUOTE_START_IDS = new Set(['divrplyfwdmsg', 'appendonsend']);

export function htmlToText(html: string, options: HtmlToTextOptions = {}): string {
  const out = new TextBuilder();
  const lists: { ordered: boolean; count: number }[] = [];
  let dropping: { name: string; depth: number } | null = null;
  let preDepth = 0;
  let inMsoParagraph = false;
  let position = 0;

  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(html); match !== null; match = TOKEN.exec(html)) {
    if (dropping === null) out.text(html.slice(position, match.index), preDepth > 0);
    position = TOKEN.lastIndex;
    const name = match[2]?.toLowerCase();
    if (name === undefined) continue; // comment, doctype, CDATA, processing instruction
    const closing = match[1] === '/';
    const rawAttributes = match[3] ?? '';
    const selfClosing = rawAttributes.trimEnd().endsWith('/');

    if (!closing && RAW_TEXT.has(name) && !selfClosing) {
      const end = closingTag(name);
      end.lastIndex = position;
      if (end.exec(html) === null) break;
      position = end.lastIndex - name.length - 2;
      TOKEN.lastIndex = position;
      continue;
    }

    if (dropping !== null) {
      if (name === dropping.name && !VOID.has(name) && !selfClosing) {
        dropping.depth += closing ? -1 : 1;
        if (dropping.depth === 0) dropping = null;
      }
      continue;
    }

    if (!closing && options.dropQuotes) {
      const attributes = parseAttributes(rawAttributes);
      if (QUOTE_START_IDS.has((attributes.get('id') ?? '').toLowerCase())) {
        position = html.length;
        break;
      }
      const classes = (attributes.get('class') ?? '').split(/\s+/);
      const isQuote =
        name === 'blockquote' ||
        classes.some((c) => QUOTE_CLASSES.has(c)) ||
        attributes.get('data-smartmail') === 'gmail_signature';
      if (isQuote && !VOID.has(name) && !selfClosing) {
        dropping = { name, depth: 1 };
        continue;
      }
    }

    if (name === 'br') {
      out.lineBreak();
    } else if (name === 'li') {
      out.endLine(1);
      if (!closing) {
        const list = lists.at(-1);
        const indent = '  '.repeat(Math.max(0, lists.length - 1));
        if (list?.ordered) {
          list.count += 1;
          out.prefix(`${indent}${list.count}. `);
        } else {
          out.prefix(`${indent}- `);
        }
      }
    } else if (name === 'ul' || name === 'ol') {
      out.endLine(lists.length === (closing ? 1 : 0) ? 2 : 1);
      if (closing) lists.pop();
      else if (!selfClosing) {
        const start = Number.parseInt(parseAttributes(rawAttributes).get('start') ?? '1', 10);
        lists.push({ ordered: name === 'ol', count: Number.isFinite(start) ? start - 1 : 0 });
      }
    } else if (name === 'td' || name === 'th') {
      if (!closing) out.space();
    } else if (name === 'p') {
      // Outlook writes every line as its own zero-margin `<p class=MsoNormal>`.
      const msoLine = !closing && /^mso/i.test(parseAttributes(rawAttributes).get('class') ?? '');
      out.endLine(msoLine || inMsoParagraph ? 1 : 2);
      inMsoParagraph = msoLine;
    } else if (PARAGRAPHS.has(name)) {
      out.endLine(2);
      if (name === 'pre') preDepth = Math.max(0, preDepth + (closing ? -1 : 1));
    } else if (BLOCKS.has(name)) {
      out.endLine(1);
    }
  }
  if (dropping === null) out.text(html.slice(position), preDepth > 0);
  return out.result();
}

const closingTags = new Map<string, RegExp>();

function closingTag(name: string): RegExp {
  let pattern = closingTags.get(name);
  if (pattern === undefined) {
    pattern = new RegExp(`</${name}`, 'gi');
    closingTags.set(name, pattern);
  }
  return pattern;
}

function parseAttributes(raw: string): Map<string, string> {
  const attributes = new Map<string, string>();
  ATTRIBUTE.lastIndex = 0;
  for (let match = ATTRIBUTE.exec(raw); match !== null; match = ATTRIBUTE.exec(raw)) {
    const name = match[1]!.toLowerCase();
    if (!attributes.has(name)) attributes.set(name, decodeEntities(match[2] ?? match[3] ?? match[4] ?? ''));
  }
  return attributes;
}

/**
 * Collects the text with HTML's whitespace rules: runs of spaces collapse, blocks end lines. Keeps chunks and
 * the state of the end (reading the end of a growing string flattens it each time — quadratic on big mail).
 */
class TextBuilder {
  private readonly chunks: string[] = [];
  private pendingSpace = false;
  /** Line breaks at the end of the text so far; -1 while nothing is written. */
  private trailingNewlines = -1;
  private endsWithSpace = false;

  text(raw: string, preformatted: boolean): void {
    if (raw === '') return;
    const decoded = decodeEntities(raw);
    if (preformatted) {
      this.write(decoded.replace(/\r\n?/g, '\n'));
      return;
    }
    const collapsed = decoded.replace(/[ \t\n\r\f]+/g, ' ');
    // Not String#trim: a no-break space is content, not collapsible whitespace.
    const core = collapsed.replace(/^ /, '').replace(/ $/, '');
    if (collapsed.startsWith(' ')) this.pendingSpace = true;
    this.write(core);
    if (collapsed.endsWith(' ')) this.pendingSpace = true;
  }

  /** A space between table cells, unless at the start of a line. */
  space(): void {
    this.pendingSpace = true;
  }

  prefix(text: string): void {
    this.pendingSpace = false;
    this.write(text);
  }

  lineBreak(): void {
    this.pendingSpace = false;
    this.write('\n');
  }

  /** Ends the current line so that `newlines` line breaks (2 = a blank line) precede what follows. */
  endLine(newlines: number): void {
    this.pendingSpace = false;
    if (this.trailingNewlines === -1 || this.trailingNewlines >= newlines) return;
    this.write('\n'.repeat(newlines - this.trailingNewlines));
  }

  result(): string {
    return this.chunks
      .join('')
      .replace(/\u00a0/g, ' ')
      .replace(/[\u00ad\u200b\ufeff]/g, '')
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }

  private write(text: string): void {
    if (text === '') return;
    if (this.pendingSpace && this.trailingNewlines === 0 && !this.endsWithSpace) this.chunks.push(' ');
    this.pendingSpace = false;
    this.chunks.push(text);
    let newlinesAtEnd = 0;
    while (newlinesAtEnd < text.length && text[text.length - 1 - newlinesAtEnd] === '\n') newlinesAtEnd += 1;
    this.trailingNewlines =
      newlinesAtEnd === text.length ? Math.max(0, this.trailingNewlines) + newlinesAtEnd : newlinesAtEnd;
    this.endsWithSpace = text.endsWith(' ');
  }
}

const LATIN_1 =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute ' +
  'micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring ' +
  'AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml ' +
  'times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil ' +
  'egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ' +
  'ugrave uacute ucirc uuml yacute thorn yuml';

const NAMED_ENTITIES = new Map<string, string>([
  ...LATIN_1.split(' ').map((name, i): [string, string] => [name, String.fromCharCode(160 + i)]),
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['ndash', '–'],
  ['mdash', '—'],
  ['lsquo', '‘'],
  ['rsquo', '’'],
  ['sbquo', '‚'],
  ['ldquo', '“'],
  ['rdquo', '”'],
  ['bdquo', '„'],
  ['lsaquo', '‹'],
  ['rsaquo', '›'],
  ['hellip', '…'],
  ['bull', '•'],
  ['euro', '€'],
  ['trade', '™'],
  ['dagger', '†'],
  ['Dagger', '‡'],
  ['permil', '‰'],
  ['OElig', 'Œ'],
  ['oelig', 'œ'],
  ['Scaron', 'Š'],
  ['scaron', 'š'],
  ['Yuml', 'Ÿ'],
  ['fnof', 'ƒ'],
  ['circ', 'ˆ'],
  ['tilde', '˜'],
  ['ensp', '\u2002'],
  ['emsp', '\u2003'],
  ['thinsp', '\u2009'],
  ['zwnj', '\u200c'],
  ['zwj', '\u200d'],
  ['lrm', '\u200e'],
  ['rlm', '\u200f'],
  ['minus', '−'],
  ['larr', '←'],
  ['rarr', '→'],
  ['uarr', '↑'],
  ['darr', '↓'],
  ['harr', '↔'],
]);

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));?/g,
    (entity: string, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (name !== undefined) {
        // Named references need their semicolon (a bare `&copy` in text is more likely plain text).
        return entity.endsWith(';') ? (NAMED_ENTITIES.get(name) ?? entity) : entity;
      }
      const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
      return String.fromCodePoint(code);
    },
  );
}
