import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SinkMessage {
  envelopeFrom: string;
  recipients: string[];
  parsed: ParsedMail;
  raw: Buffer;
}

export interface SmtpSink {
  port: number;
  messages: SinkMessage[];
  /** how many messages carried this Message-ID */
  count(messageId: string): number;
  /** waits until at least n messages have arrived */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
  /** the relay goes down (connections refused) … */
  stop(): Promise<void>;
  /** … and comes back on the same port */
  restart(): Promise<void>;
}

/** A real SMTP relay on loopback that keeps what it receives, for outbound mail tests. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: SinkMessage[] = [];
  let server: SMTPServer;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['AUTH', 'STARTTLS'],
        logger: false,
        // a relay that goes down drops its connections at once (the default waits 30 s for them)
        closeTimeout: 50,
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', async () => {
            const raw = Buffer.concat(chunks);
            messages.push({
              envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              recipients: session.envelope.rcptTo.map((r) => r.address),
              parsed: await simpleParser(raw),
              raw,
            });
            callback();
          });
        },
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server.server.address() as AddressInfo).port;
        resolve();
      });
    });
  await listen();
  return {
    get port() {
      return port;
    },
    messages,
    count: (id) => messages.filter((m) => m.parsed.messageId === id).length,
    async waitFor(n, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (messages.length < n) {
        if (Date.now() > until) throw new Error(`expected ${n} messages, the sink has ${messages.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    restart: listen,
  };
}
