import { REPLY_MARKER } from '../templates/mailEvents.ts';
import { htmlToText } from './htmlToText.ts';

/** The bodies of an inbound mail as mailparser gives them (`html` is `false` when there is none). */
export interface InboundBody {
  text?: string | false | null | undefined;
  html?: string | false | null | undefined;
}

/**
 * The new part of a reply: without the quoted history and the signature, trimmed, runs of blank lines
 * collapsed to one. Prefers the text part; converts the HTML when there is none. Stripping never loses a
 * message: if it would leave nothing, the whole text comes back.
 */
export function extractReply({ text, html }: InboundBody): string {
  if (typeof text === 'string' && text.trim() !== '') return replyFromText(text);
  if (typeof html === 'string' && html.trim() !== '') {
    const withoutQuotes = htmlToText(html, { dropQuotes: true });
    if (withoutQuotes !== '') return replyFromText(withoutQuotes);
    return replyFromText(htmlToText(html));
  }
  return '';
}

/** A cut found in the lines: where the quoted history starts and how many lines its opening takes. */
interface QuoteStart {
  index: number;
  lines: number;
  kind: 'marker' | 'attribution' | 'outlook';
}

function replyFromText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const reply = tidy(newPart(lines, 0));
  return reply !== '' ? reply : tidy(lines);
}

function newPart(lines: readonly string[], depth: number): string[] {
  const start = findQuoteStart(lines);
  let part = start === null ? [...lines] : lines.slice(0, start.index);
  part = cutSignature(part);
  part = stripTrailing(part, start?.kind === 'marker');
  if (part.every(isBlank) && start !== null && start.kind !== 'outlook' && depth < 3) {
    // Bottom-posting: the answer comes after the quoted message.
    let next = start.index + start.lines;
    let quoted = isQuoted(lines[start.index]!);
    while (next < lines.length && (isQuoted(lines[next]!) || isBlank(lines[next]!))) {
      quoted ||= isQuoted(lines[next]!);
      next += 1;
    }
    if (quoted && next < lines.length) return newPart(lines.slice(next), depth + 1);
  }
  return part;
}

function findQuoteStart(lines: readonly string[]): QuoteStart | null {
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    // The marker at the top of every notification: a reply is cut there even when the client's attribution
    // line is one not recognised here.
    if (line.includes(REPLY_MARKER)) return { index, lines: 1, kind: 'marker' };
    if (isQuoted(line) || isBlank(line)) continue;
    const attribution = attributionLines(lines, index);
    if (attribution > 0) return { index, lines: attribution, kind: 'attribution' };
    if (ORIGINAL_MESSAGE.test(line.trim()) || SEPARATOR.test(line.trim()) || isHeaderBlock(lines, index)) {
      return { index, lines: 1, kind: 'outlook' };
    }
  }
  return null;
}

/** "On Mon, 3 Nov 2025 at 14:02, Bob <bob@example.com> wrote:" and its translations. */
const ATTRIBUTIONS: readonly RegExp[] = [
  /^On .+ wrote:$/i,
  /^Am .+ schrieb .*:$/i,
  /^Le .+ a écrit ?:$/i,
  /^El .+ escribió ?:$/i,
  /^Op .+ (schreef .*|het volgende geschreven ?):$/i,
  /^Il .+ ha scritto ?:$/i,
  /^Em .+ escreveu ?:$/i,
  /^Den .+ skrev .*:$/i,
  /^\d{4}-\d{2}-\d{2} \d{1,2}:\d{2} GMT[+-]\d{2}:\d{2} .*:$/, // older Gmail
  /^.*<[^<>\s]+@[^<>\s]+> (wrote|writes):$/i,
];
const ATTRIBUTION_OPENING = /^(On|Am|Le|El|Op|Il|Em|Den|\d{4}-\d{2}-\d{2})\s|<[^<>\s]+@/i;

/** How many lines (1–3: clients wrap long attributions) the attribution at `index` takes, or 0. */
function attributionLines(lines: readonly string[], index: number): number {
  if (!ATTRIBUTION_OPENING.test(lines[index]!.trim())) return 0;
  let raw = '';
  for (let count = 1; count <= 3 && index + count <= lines.length; count += 1) {
    const line = lines[index + count - 1]!;
    if (count > 1 && (isBlank(line) || isQuoted(line))) return 0;
    raw = `${raw} ${line}`;
    if (raw.length > 400) return 0;
    if (!line.trimEnd().endsWith(':')) continue;
    const joined = raw.replace(/\s+/g, ' ').trim();
    if (ATTRIBUTIONS.some((pattern) => pattern.test(joined)) && namesWhenOrWho(joined)) return count;
  }
  return 0;
}

/** A real attribution names the sender's address or the time; "On Monday she wrote:" is prose. */
function namesWhenOrWho(line: string): boolean {
  return line.includes('@') || /\d{1,2}[:.]\d{2}/.test(line) || /\b(19|20)\d{2}\b/.test(line);
}

const ORIGINAL_MESSAGE =
  /^-{2,} ?(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Oorspronkelijk bericht|Messaggio originale|Mensagem original|Originalmeddelande|Oprindelig meddelelse) ?-{2,}$/i;
const SEPARATOR = /^_{16,}$/;

const HEADER_FROM = /^[*_]?(From|Von|De|Van|Da|Från|Fra)[*_]? ?:/i;
const HEADER_DATE =
  /^[*_]?(Sent|Date|Gesendet|Datum|Envoyé|Enviado|Fecha|Verzonden|Verstuurd|Inviato|Data|Skickat|Sendt)[*_]? ?:/i;
const HEADER_TO_OR_SUBJECT =
  /^[*_]?(To|An|À|A|Para|Aan|Till|Til|Subject|Betreff|Objet|Asunto|Onderwerp|Oggetto|Assunto|Ämne|Emne)[*_]? ?:/i;

/** Outlook's "From: … / Sent: … / To: … / Subject: …" block heading the quoted message. */
function isHeaderBlock(lines: readonly string[], index: number): boolean {
  if (!HEADER_FROM.test(lines[index]!.trim())) return false;
  let date = false;
  let toOrSubject = false;
  for (let next = index + 1; next < Math.min(lines.length, index + 8); next += 1) {
    const line = lines[next]!.trim();
    date ||= HEADER_DATE.test(line);
    toOrSubject ||= HEADER_TO_OR_SUBJECT.test(line);
    if (date && toOrSubject) return true;
  }
  return false;
}

/** Everything from the signature delimiter "-- " on (many clients drop the trailing space). */
function cutSignature(lines: string[]): string[] {
  const delimiter = lines.findIndex((line) => /^--[ \t]?$/.test(line));
  return delimiter === -1 ? lines : lines.slice(0, delimiter);
}

const MOBILE_SIGNATURES: readonly RegExp[] = [
  /^Sent from (my )?[\p{L}\p{N} .,'’&()-]{1,60}$/iu,
  /^Sent (via|with|using) [\p{L}\p{N} .,'’&()-]{1,60}$/iu,
  /^Get Outlook for (iOS|Android|Mac|Windows)\b.{0,60}$/i,
  /^(Von meinem|Gesendet von|Envoyé de|Enviado desde|Enviado do|Verzonden (vanaf|met)|Verstuurd vanaf|Inviato da|Skickat från|Sendt fra) .{1,60}$/i,
];

/**
 * Drops trailing blank lines, `>`-quoted lines and mobile signatures, and the attribution line of a quote
 * that was dropped (or cut at our marker) when its language is not one recognised above.
 */
function stripTrailing(lines: string[], cutAtMarker: boolean): string[] {
  const part = [...lines];
  let droppedQuote = cutAtMarker;
  for (;;) {
    const last = part.at(-1);
    if (last === undefined) return part;
    const line = last.trim();
    if (line === '' || MOBILE_SIGNATURES.some((pattern) => pattern.test(line))) {
      part.pop();
    } else if (isQuoted(last)) {
      part.pop();
      droppedQuote = true;
    } else if (droppedQuote && looksLikeAttribution(line)) {
      // An attribution in a language not listed above, e.g. "W dniu 3.11.2025 o 14:02 Bob <b@x.pl> napisał:"
      part.pop();
      droppedQuote = false;
    } else {
      return part;
    }
  }
}

function looksLikeAttribution(line: string): boolean {
  return line.endsWith(':') && line.length <= 300 && (line.includes('@') || /\d{1,2}:\d{2}/.test(line));
}

function isQuoted(line: string): boolean {
  return /^[ \t]*>/.test(line);
}

function isBlank(line: string): boolean {
  return line.trim() === '';
}

function tidy(lines: readonly string[]): string {
  return lines
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
