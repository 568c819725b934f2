import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { CASE_NUMBER_PATTERN, formatCaseNumber } from '../../../shared/caseNumber.ts';

/**
 * The per-case reply address `support+<number>.<token>@<MAIL_DOMAIN>` (issue 5): the number finds the case,
 * the token (random, stored with the case) proves the mail answers one of our notifications.
 */
export const REPLY_LOCAL_PART = 'support';

/** Tokens are URL-safe base64 (which covers hex): letters, digits, `-` and `_`. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export interface ReplyAddress {
  /** The 8-digit case number, e.g. `00012345`. */
  number: string;
  token: string;
}

export function formatReplyAddress(number: string | number, token: string, domain: string): string {
  const caseNumber = typeof number === 'number' ? formatCaseNumber(number) : number;
  if (!CASE_NUMBER_PATTERN.test(caseNumber)) throw new RangeError(`not a case number: ${caseNumber}`);
  if (!TOKEN_PATTERN.test(token)) throw new RangeError('not a reply token');
  return `${REPLY_LOCAL_PART}+${caseNumber}.${token}@${domain}`;
}

/**
 * The case number and token of a reply address on `domain` (an envelope recipient or a To/Cc address,
 * with or without angle brackets), or null for any other address. The domain and `support+` compare
 * without case; the token is kept exactly (base64 is case-sensitive).
 */
export function parseReplyAddress(address: string, domain: string): ReplyAddress | null {
  const plain = address.trim().replace(/^<(.*)>$/, '$1');
  const at = plain.lastIndexOf('@');
  if (at === -1 || plain.slice(at + 1).toLowerCase() !== domain.trim().toLowerCase()) return null;
  const match = /^([^+]+)\+(\d{8})\.([^.@]+)$/.exec(plain.slice(0, at));
  if (match === null || match[1]!.toLowerCase() !== REPLY_LOCAL_PART) return null;
  const token = match[3]!;
  return TOKEN_PATTERN.test(token) ? { number: match[2]!, token } : null;
}

/**
 * The case number a subject names: `[Case 00012345]`, `Case #00012345`, `case 00012345`, `Case: 00012345`.
 * Only after the word "case" — an order number or a date elsewhere in the subject is not a case.
 * The bracketed form our notifications use wins over a number mentioned in the text.
 */
export function caseNumberFromSubject(subject: string): string | null {
  const bracketed = /\[\s*case\s*#?\s*(\d{8})\s*\]/i.exec(subject);
  if (bracketed) return bracketed[1]!;
  const named = /(?<![\p{L}\p{N}])case\s*(?:#|:|no\.?|number)?\s*#?\s*(\d{8})(?!\d)/iu.exec(subject);
  return named ? named[1]! : null;
}

/** A new reply token: 96 random bits, 16 URL-safe characters. */
export function newReplyToken(): string {
  return randomBytes(12).toString('base64url');
}

/** Compares a token from a mail with the stored one in constant time (also for different lengths). */
export function sameToken(received: string, stored: string): boolean {
  if (stored === '') return false;
  // Digests have one length whatever the inputs, as timingSafeEqual needs; equal digests ⇔ equal tokens.
  return timingSafeEqual(digest(received), digest(stored));
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
