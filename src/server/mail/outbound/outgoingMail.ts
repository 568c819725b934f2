/** One message ready for the relay (or the dev mailbox): addresses, threading headers and both bodies. */
export interface OutgoingMail {
  /** with angle brackets; derived from the outbox row, so a retry reuses it and a receiver can dedupe */
  messageId: string;
  from: string;
  /** the case's reply address, or null (bounces are not to be answered) */
  replyTo: string | null;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string;
  inReplyTo: string | null;
  references: string[];
  /** extra headers (Auto-Submitted, X-Auto-Response-Suppress, …) */
  headers: Record<string, string>;
  /** the SMTP envelope sender; '' is the null sender (<>) of bounces */
  envelopeFrom: string;
  caseId: string | null;
}

/** The thread root of a case: the Message-ID its first mail carries and every later one refers to. */
export function caseThreadId(number: string, domain: string): string {
  return `<case-${number}@${domain}>`;
}

/** The Message-ID of the i-th message written for an outbox row (the first of a new case is its thread root). */
export function outboxMessageId(outboxId: string, index: number, domain: string): string {
  return `<${outboxId}.${index}@${domain}>`;
}
