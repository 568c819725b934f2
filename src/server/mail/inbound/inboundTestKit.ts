import nodemailer from 'nodemailer';
import type { Config } from '../../config.ts';
import { OutboxWorker } from '../../outbox/worker.ts';
import type { TestDialect } from '../../testing/databases.ts';
import { createHarness, type Harness } from '../../testing/harness.ts';
import { createMailTransport } from '../outbound/transport.ts';
import { type MailListener, startMailListener } from './mailListener.ts';
import { formatReplyAddress } from './replyAddress.ts';

/** What tests of inbound mail share: the harness, the listener on a free loopback port, and a mail client. */
export interface InboundKit {
  h: Harness;
  listener: MailListener;
  domain: string;
  /**
   * sends one message into the listener with nodemailer over a real socket (a second later on the test clock
   * than the last); rejects with the SMTP error
   */
  send(message: MailMessage): Promise<{ response: string; accepted: string[]; rejected: string[] }>;
  /** delivers the outbox to the dev mailbox (so cases get their reply token and sent mail is recorded) */
  drainOutbox(): Promise<number>;
  /** the case's reply address, after its notifications went out */
  replyAddress(number: string): Promise<string>;
  close(): Promise<void>;
}

export type MailMessage = Parameters<ReturnType<typeof nodemailer.createTransport>['sendMail']>[0];

export async function startInboundKit(
  dialect: TestDialect,
  config: Partial<Config> = {},
): Promise<InboundKit> {
  const h = await createHarness(dialect, { config });
  const listener = await startMailListener(h.ctx, { port: 0, host: '127.0.0.1' });
  const worker = new OutboxWorker(h.ctx, createMailTransport({ smtpUrl: undefined }));
  const domain = h.ctx.config.mailDomain;
  const kit: InboundKit = {
    h,
    listener,
    domain,
    async send(message) {
      // Mail arrives one after another, as in life: records and comments order by time.
      h.clock.advance(1000);
      const client = nodemailer.createTransport({
        host: '127.0.0.1',
        port: listener.port,
        secure: false,
        ignoreTLS: true,
      });
      try {
        const info = await client.sendMail(message);
        return {
          response: String(info.response),
          accepted: info.accepted.map(String),
          rejected: info.rejected.map(String),
        };
      } finally {
        client.close();
      }
    },
    drainOutbox: () => worker.drain(),
    async replyAddress(number) {
      await worker.drain();
      const row = await h.ctx.database.db
        .selectFrom('cases')
        .select('reply_token')
        .where('number', '=', number)
        .executeTakeFirstOrThrow();
      if (!row.reply_token) throw new Error(`case ${number} has no reply token`);
      return formatReplyAddress(number, row.reply_token, domain);
    },
    async close() {
      await listener.close();
      await h.close();
    },
  };
  return kit;
}
