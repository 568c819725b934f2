import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { Config } from '../../config.ts';
import type { OutgoingMail } from './outgoingMail.ts';

/** Where outgoing mail goes: a real relay (SMTP_URL), or nowhere but the dev mailbox (the record is kept). */
export interface MailTransport {
  kind: 'smtp' | 'dev_mailbox';
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** With SMTP_URL a pooled nodemailer transport; without it the dev mailbox (SPEC §10). */
export function createMailTransport(config: Pick<Config, 'smtpUrl'>): MailTransport {
  if (!config.smtpUrl) return { kind: 'dev_mailbox', send: async () => {}, close: () => {} };
  // nodemailer reads the relay from `url` (smtp://user:pass@host:port, smtps://…) and the rest from the options.
  const options = {
    url: config.smtpUrl,
    // A few kept-open connections: a new TCP and SMTP handshake per message would cap delivery at a few per second.
    pool: true,
    maxConnections: 4,
    maxMessages: 1000,
    // Short timeouts: a stalled relay fails the attempt, and the outbox retries it later.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as SMTPTransport.Options;
  const transporter = nodemailer.createTransport(options);
  return {
    kind: 'smtp',
    async send(mail) {
      await transporter.sendMail({
        messageId: mail.messageId,
        from: mail.from,
        ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
        to: mail.to,
        ...(mail.cc.length ? { cc: mail.cc } : {}),
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
        ...(mail.references.length ? { references: mail.references } : {}),
        headers: mail.headers,
        envelope: { from: mail.envelopeFrom, to: [...mail.to, ...mail.cc] },
      });
    },
    close: () => transporter.close(),
  };
}
