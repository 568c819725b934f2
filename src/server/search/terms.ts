/**
 * Words as the knowledge base search sees them, the same on SQLite and PostgreSQL: runs of
 * letters, digits and '_' (so invalid_client and E0000004 stay whole), lower-cased. Everything
 * else a user may type — quotes, operators, '*', '-', emoji — is a separator, so query parsing
 * never fails.
 */
const WORD = /[\p{L}\p{N}_]+/gu;
const MAX_TERM = 40;
const MAX_QUERY_TERMS = 12;

/** PostgreSQL's 'english' stop words (Snowball), dropped from queries on both databases alike. */
export const STOP_WORDS = new Set(
  (
    'i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her ' +
    'hers herself it its itself they them their theirs themselves what which who whom this that these ' +
    'those am is are was were be been being have has had having do does did doing a an the and but if ' +
    'or because as until while of at by for with about against between into through during before after ' +
    'above below to from up down in out on off over under again further then once here there when where ' +
    'why how all any both each few more most other some such no nor not only own same so than too very s ' +
    't can will just don should now'
  ).split(' '),
);

/** Every word of a text, lower-cased, in order (for the vocabulary). */
export function words(text: string): string[] {
  const found = text.normalize('NFKC').toLowerCase().match(WORD) ?? [];
  // Leading/trailing underscores are noise ("__init__" → "init"); the FTS tokenizer keeps them,
  // but nobody types them.
  return found.map((w) => w.replace(/^_+|_+$/g, '')).filter((w) => w.length > 0 && w.length <= MAX_TERM);
}

/** The distinct vocabulary words of a text (at least 2 characters). */
export function vocabulary(text: string): Set<string> {
  return new Set(words(text).filter((w) => w.length >= 2));
}

export interface ParsedQuery {
  /** the terms to search, stop words removed, at most 12 */
  terms: string[];
  /** whether the last term is still being typed (the query does not end with a space) */
  lastIsPrefix: boolean;
}

/** Sanitizes what a user typed into plain terms. Never throws. */
export function parseQuery(q: string): ParsedQuery {
  const all = words(q);
  const typing = all.length > 0 && !/[\s\p{P}\p{S}]$/u.test(q.normalize('NFKC'));
  // A single letter being typed says nothing yet ("saml a"): wait for the next keystroke.
  const complete = typing && [...all[all.length - 1]!].length < 2 ? all.slice(0, -1) : all;
  // Stop words are dropped on both databases alike (a query of stop words only finds nothing).
  const terms = [...new Set(complete.filter((w) => !STOP_WORDS.has(w)))].slice(0, MAX_QUERY_TERMS);
  const lastIsPrefix =
    typing &&
    terms.length > 0 &&
    complete[complete.length - 1] === terms[terms.length - 1] &&
    complete.length === all.length;
  return { terms, lastIsPrefix };
}

/** Damerau-Levenshtein distance (optimal string alignment), stopping early above `max`. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= x.length; i++) {
    const row = new Array<number>(y.length + 1).fill(0);
    row[0] = i;
    rows.push(row);
  }
  for (let j = 0; j <= y.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= x.length; i++) {
    let best = Number.POSITIVE_INFINITY;
    const row = rows[i]!;
    const prev = rows[i - 1]!;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      }
      row[j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
  }
  return rows[x.length]![y.length]!;
}

/** How many edits a typed word may be away from a vocabulary word: 1, or 2 for words of 8+ letters. */
export function allowedEdits(term: string): number {
  const n = [...term].length;
  if (n < 4) return 0;
  return n >= 8 ? 2 : 1;
}

/**
 * A light English stem for comparing words in titles, the same for a query word and a title word:
 * plural and common verb and noun endings go, a final e and a doubled consonant fold
 * (assertion → assert, enrollment → enrol, policies → policy, rules → rule, working → work).
 * Deliberately cruder than the databases' Porter stemmers: it only decides title matches (the
 * title bonus) and which words a snippet marks, never what the databases find.
 */
export function lightStem(word: string): string {
  let w = word;
  if ([...w].length <= 3) return w;
  for (const [ending, replacement] of STEM_ENDINGS) {
    if (w.endsWith(ending) && w.length - ending.length >= 3) {
      if (ending === 's' && /(ss|us|is)$/.test(w)) break;
      w = w.slice(0, w.length - ending.length) + replacement;
      break;
    }
  }
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  if (w.length > 4 && /([b-df-hj-np-tv-z])\1$/.test(w)) w = w.slice(0, -1);
  return w;
}

const STEM_ENDINGS: [string, string][] = [
  ['ations', 'ate'],
  ['ation', 'ate'],
  ['ments', ''],
  ['ment', ''],
  ['ions', ''],
  ['ion', ''],
  ['ings', ''],
  ['ing', ''],
  ['ies', 'y'],
  ['ied', 'y'],
  ['es', 'e'],
  ['ed', ''],
  ['s', ''],
];

/** The words of a title for matching query terms: each word, and the parts of words joined by '_'. */
export function titleWords(title: string): string[] {
  const out: string[] = [];
  for (const w of words(title)) {
    out.push(w);
    if (w.includes('_')) out.push(...w.split('_').filter((p) => p.length > 0));
  }
  return out;
}

/**
 * The ways a run-together word may split into two words ("ratelimit" → rate + limit): letters only,
 * 6+ letters, each part 3+ letters and not a stop word.
 */
export function wordSplits(word: string): [string, string][] {
  if (!/^\p{L}{6,}$/u.test(word)) return [];
  const chars = [...word];
  const out: [string, string][] = [];
  for (let i = 3; i <= chars.length - 3; i++) {
    const head = chars.slice(0, i).join('');
    const tail = chars.slice(i).join('');
    if (!STOP_WORDS.has(head) && !STOP_WORDS.has(tail)) out.push([head, tail]);
  }
  return out;
}

/** The first string after every string that starts with `prefix` (for index range scans). */
export function prefixEnd(prefix: string): string {
  const chars = [...prefix];
  const last = chars.pop()?.codePointAt(0) ?? 0;
  return last >= 0x10ffff ? `${prefix}\u{10ffff}` : chars.join('') + String.fromCodePoint(last + 1);
}

/**
 * A snippet of `text` around the words `isMatch` accepts (given lower-cased): the window of at most
 * `maxWords` words holding the most distinct matched words, then the most matches, centred on them;
 * matched words between MARK_START and MARK_END, '…' where the text was cut. Plain text: the
 * result goes through snippetToHtml. Work is linear in the text's length.
 */
export function makeSnippet(text: string, isMatch: (word: string) => boolean, maxWords = 24): string {
  const tokens = [...text.matchAll(WORD)].map((m) => {
    const word = m[0].normalize('NFKC').toLowerCase();
    return { start: m.index, end: m.index + m[0].length, word, match: isMatch(word) };
  });
  if (tokens.length === 0) return '';
  const size = Math.min(maxWords, tokens.length);
  // Slide a window of `size` words, counting matches and distinct matched words.
  const counts = new Map<string, number>();
  let matches = 0;
  const add = (i: number, change: number) => {
    const t = tokens[i]!;
    if (!t.match) return;
    matches += change;
    const n = (counts.get(t.word) ?? 0) + change;
    if (n === 0) counts.delete(t.word);
    else counts.set(t.word, n);
  };
  for (let i = 0; i < size; i++) add(i, 1);
  let best = { start: 0, distinct: counts.size, matches };
  for (let start = 1; start + size <= tokens.length; start++) {
    add(start - 1, -1);
    add(start + size - 1, 1);
    if (counts.size > best.distinct || (counts.size === best.distinct && matches > best.matches)) {
      best = { start, distinct: counts.size, matches };
    }
  }
  let start = best.start;
  if (best.matches > 0) {
    const inWindow = tokens.slice(start, start + size);
    const first = start + inWindow.findIndex((t) => t.match);
    const last = start + inWindow.length - 1 - [...inWindow].reverse().findIndex((t) => t.match);
    const slack = size - (last - first + 1);
    start = Math.max(0, Math.min(tokens.length - size, first - Math.floor(slack / 2)));
  }
  const end = start + size;
  let out = start > 0 ? '…' : '';
  let at = start > 0 ? tokens[start]!.start : 0;
  for (let i = start; i < end; i++) {
    const t = tokens[i]!;
    out += text.slice(at, t.start);
    const word = text.slice(t.start, t.end);
    out += t.match ? `${MARK_START}${word}${MARK_END}` : word;
    at = t.end;
  }
  return end < tokens.length ? `${out}…` : out + text.slice(at);
}

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  );
}

/** Private-use characters the databases put around matched terms in snippets. */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

/** A snippet from the database → HTML: escaped, with the matched terms in <mark>…</mark>. */
export function snippetToHtml(raw: string): string {
  let out = '';
  let open = false;
  for (const part of raw.split(/([\uE000\uE001])/u)) {
    if (part === MARK_START) {
      if (!open) out += '<mark>';
      open = true;
    } else if (part === MARK_END) {
      if (open) out += '</mark>';
      open = false;
    } else out += escapeHtml(part);
  }
  if (open) out += '</mark>';
  return out.replace(/\s+/g, ' ').trim();
}
