import type { AddressInfo } from 'node:net';
import {
  SMTPServer,
  type SMTPServerDataStream,
  type SMTPServerError,
  type SMTPServerSession,
} from 'smtp-server';
import { hitRateLimit } from '../../auth/rateLimit.ts';
import type { Context } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { type ReceiveOutcome, receiveMail } from './receiveMail.ts';

/** The log lines the listener writes itself (a pino or Fastify logger fits). */
export interface MailListenerLog {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
}

export interface MailListenerOptions {
  /** 0 picks a free port (tests) */
  port: number;
  host: string;
  log?: MailListenerLog;
}

export interface MailListener {
  /** the port it listens on (the one picked when asked for 0) */
  port: number;
  close(): Promise<void>;
}

/** Recipients of one message; a relay splits longer lists into several transactions. */
export const MAX_RECIPIENTS = 20;
const SENDER_WINDOW_SECONDS = 3600;

function smtpError(responseCode: number, message: string): SMTPServerError {
  return Object.assign(new Error(message), { responseCode });
}

/**
 * The inbound SMTP listener (SPEC §6, §10): accepts mail for MAIL_DOMAIN and hands every message to
 * `receiveMail`. Plain SMTP without AUTH or STARTTLS: it is the last hop behind the organisation's MX or
 * relay, which does TLS, SPF and DKIM (docs/email.md). Refuses at the protocol level what is not ours to take
 * — relaying to another domain (550), too many recipients (452), a message over MAIL_MAX_BYTES (552), a
 * sender over MAIL_PER_SENDER_PER_HOUR (451, try later) — and answers 250 once a message is handled (posted,
 * a duplicate, ignored as automated, or bounced by us); 451 on an internal error, so the sending MTA keeps
 * the message and tries again.
 */
export async function startMailListener(ctx: Context, options: MailListenerOptions): Promise<MailListener> {
  const { config } = ctx;
  const domain = config.mailDomain.toLowerCase();

  const server = new SMTPServer({
    name: config.mailDomain,
    banner: 'Casebook',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: config.mailMaxBytes,
    maxRecipients: MAX_RECIPIENTS,
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 5_000,
    noDelay: true,

    onMailFrom(address, session, callback) {
      const sender = address.address.trim().toLowerCase();
      // The null sender (bounces) is counted per client address instead.
      const key = sender ? `mail-in:${sender}` : `mail-in:<>:${session.remoteAddress}`;
      hitRateLimit(ctx, key, config.mailPerSenderPerHour, SENDER_WINDOW_SECONDS, 'Too many messages.').then(
        () => callback(),
        (error: unknown) => {
          if (error instanceof AppError && error.status === 429) {
            options.log?.info({ sender, remote: session.remoteAddress }, 'inbound mail rate limited');
            callback(smtpError(451, `4.7.1 Too many messages from ${sender || '<>'}; try again later`));
          } else {
            options.log?.warn({ err: error }, 'inbound mail: rate limit check failed');
            callback(smtpError(451, '4.3.0 Temporary failure; try again later'));
          }
        },
      );
    },

    onRcptTo(address, _session, callback) {
      const at = address.address.lastIndexOf('@');
      if (at <= 0 || address.address.slice(at + 1).toLowerCase() !== domain) {
        callback(
          smtpError(550, `5.7.1 Relay not permitted: only mail for @${config.mailDomain} is accepted`),
        );
        return;
      }
      callback();
    },

    onData(stream: SMTPServerDataStream, session: SMTPServerSession, reply) {
      let answered = false;
      const callback: typeof reply = (error, message) => {
        if (answered) return;
        answered = true;
        reply(error, message);
      };
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        // Over the limit the rest is read and dropped: the answer is 552 whatever it holds.
        if (!stream.sizeExceeded) chunks.push(chunk);
      });
      stream.once('error', (error) => {
        options.log?.warn({ err: error }, 'inbound mail: reading the message failed');
        callback(smtpError(451, '4.3.0 Temporary failure; try again later'));
      });
      stream.once('end', () => {
        if (stream.sizeExceeded) {
          callback(
            smtpError(552, `5.3.4 Message too big: at most ${config.mailMaxBytes} bytes are accepted`),
          );
          return;
        }
        const mailFrom = session.envelope.mailFrom;
        receiveMail(ctx, {
          raw: Buffer.concat(chunks),
          envelopeFrom: mailFrom ? mailFrom.address : '',
          recipients: session.envelope.rcptTo.map((r) => r.address),
        }).then(
          (outcome) => {
            options.log?.info(
              { ...logFields(outcome), remote: session.remoteAddress },
              'inbound mail handled',
            );
            callback(null, `2.0.0 ${describe(outcome)}`);
          },
          (error: unknown) => {
            options.log?.warn({ err: error }, 'inbound mail could not be handled; the sender will retry');
            callback(smtpError(451, '4.3.0 Temporary failure; try again later'));
          },
        );
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    const failed = (error: Error) => reject(error);
    server.once('error', failed);
    server.listen(options.port, options.host, () => {
      server.off('error', failed);
      resolve();
    });
  });
  // Errors of single connections (a client dropping mid-session) must not end the process.
  server.on('error', (error) => options.log?.warn({ err: error }, 'inbound mail connection error'));

  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function describe(outcome: ReceiveOutcome): string {
  switch (outcome.status) {
    case 'posted':
      return `Added to case ${outcome.caseNumber}`;
    case 'duplicate':
      return 'Already received';
    case 'ignored_automated':
      return 'Automated mail: not added to a case';
    case 'bounced':
      return 'Not added to a case; the sender is told why';
  }
}

function logFields(outcome: ReceiveOutcome): Record<string, unknown> {
  return {
    messageId: outcome.messageId,
    status: outcome.status,
    ...(outcome.status === 'posted' ? { caseNumber: outcome.caseNumber } : {}),
    ...(outcome.status === 'bounced' ? { reason: outcome.reason, bounceQueued: outcome.bounceQueued } : {}),
    ...(outcome.status === 'ignored_automated' ? { reason: outcome.reason } : {}),
  };
}
