/**
 * `npm run bench:mail [-- --db postgres] [--duration 10] [--connections 8]` (issue 5, point 6).
 *
 * Inbound: replies from bob's mail client (nodemailer, pooled SMTP connections) to the reply addresses of
 * his demo cases, into the real listener in a child process, for `--duration` seconds; every reply becomes a
 * comment (checked against the comments table afterwards). Outbound: the notifications those replies wrote
 * to the outbox (one per reply, to the case's team) delivered by `casebook worker --once` in a child process
 * to a counting SMTP sink on loopback. Prints replies/s and sends/s.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { AttachmentStore } from '../src/server/attachments/store.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { seedDemo } from '../src/server/seed/demo.ts';
import { type BenchDialect, createBenchDatabase } from './lib/benchDatabase.ts';
import { startChild } from './lib/childProcess.ts';
import { summarizeProfile } from './lib/profileSummary.ts';
import { formatMb, formatNumber, formatTable } from './lib/table.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '8' },
    profile: { type: 'boolean', default: false },
  },
});
const dialect = values.db as BenchDialect;
const durationMs = Number(values.duration) * 1000;
const connections = Number(values.connections);

const database = await createBenchDatabase(dialect);
const env = {
  DATABASE_URL: database.url,
  DATA_DIR: database.dataDir,
  MAIL_DOMAIN: 'bench.localhost',
  MAIL_PER_SENDER_PER_HOUR: '100000000',
  PUBLIC_URL: 'http://localhost:3000',
};
const config = loadConfig(env);
const ctx = {
  database: openDatabase(config.databaseUrl),
  config,
  attachments: new AttachmentStore(config.dataDir),
  now: () => new Date(),
};
try {
  await migrateToLatest(ctx.database);
  await seedDemo(ctx);
  const db = ctx.database.db;
  // bob's open demo cases, each with a reply token and dave on the team, so each reply notifies someone.
  const bob = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'bob@acme.example')
    .executeTakeFirstOrThrow();
  const dave = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'dave@acme.example')
    .executeTakeFirstOrThrow();
  const cases = await db
    .selectFrom('cases')
    .select(['id', 'number'])
    .where('opener_id', '=', bob.id)
    .where('status', 'not in', ['closed'])
    .execute();
  const addresses: string[] = [];
  for (const c of cases) {
    const token = `bench${c.number}token`;
    await db.updateTable('cases').set({ reply_token: token }).where('id', '=', c.id).execute();
    await db
      .insertInto('case_team')
      .values({ case_id: c.id, user_id: dave.id, added_by: bob.id, added_at: new Date().toISOString() })
      .onConflict((oc) => oc.doNothing())
      .execute();
    addresses.push(`support+${c.number}.${token}@bench.localhost`);
  }
  // Everything the seed queued is not part of the measure.
  await db.updateTable('outbox').set({ sent_at: new Date().toISOString() }).execute();
  const commentsBefore = await countComments();

  const profileDir = values.profile ? mkdtempSync(join(tmpdir(), 'casebook-mail-profile-')) : undefined;
  const listener = await startChild('mail listener', 'mailServer.ts', { env, cpuProfileDir: profileDir });
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: Number(new URL(listener.url).port),
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: connections,
    maxMessages: Number.POSITIVE_INFINITY,
  });
  let accepted = 0;
  let refused = 0;
  const end = Date.now() + durationMs;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: connections * 2 }, async (_, i) => {
      while (Date.now() < end) {
        const to = addresses[(accepted + i) % addresses.length]!;
        try {
          await transport.sendMail({
            from: 'Bob Brandt <bob@acme.example>',
            to,
            subject: 'Re: [Case] still failing',
            messageId: `<${randomUUID()}@acme.example>`,
            text: `Still failing after the change, see the trace.\n\nOn Mon, support wrote:\n> ##- Please type your reply above this line -##\n> We changed the ACS URL.\n`,
          });
          accepted++;
        } catch {
          refused++;
        }
      }
    }),
  );
  const inboundSeconds = (Date.now() - started) / 1000;
  transport.close();
  const listenerPeak = listener.peakRss();
  await listener.stop();
  const posted = (await countComments()) - commentsBefore;

  // Outbound: the worker delivers the notifications the replies wrote.
  let received = 0;
  const sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        received++;
        callback();
      });
    },
  });
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', () => r()));
  const sinkPort = (sink.server.address() as AddressInfo).port;
  const pending = Number(
    (
      await db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('sent_at', 'is', null)
        .executeTakeFirstOrThrow()
    ).n,
  );
  const workerStarted = Date.now();
  await new Promise<void>((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', resolve(import.meta.dirname, '../src/server/cli.ts'), 'worker', '--once'],
      { env: { ...process.env, ...env, SMTP_URL: `smtp://127.0.0.1:${sinkPort}` }, stdio: 'inherit' },
    );
    child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`worker exited with ${code}`))));
  });
  const outboundSeconds = (Date.now() - workerStarted) / 1000;
  await new Promise<void>((r) => sink.close(() => r()));

  console.log(
    `\nMail on ${dialect}, ${connections} SMTP connections, ${formatNumber(durationMs / 1000)} s; ${new Date().toISOString().slice(0, 10)}\n`,
  );
  console.log(
    formatTable(
      ['scenario', 'messages', 'seconds', 'per second', 'check'],
      [
        [
          'inbound replies → comments',
          formatNumber(accepted),
          inboundSeconds.toFixed(1),
          formatNumber(accepted / inboundSeconds, 1),
          `${formatNumber(posted)} comments posted, ${refused} refused; listener peak RSS ${formatMb(listenerPeak)}`,
        ],
        [
          'outbound notifications → SMTP sink',
          formatNumber(received),
          outboundSeconds.toFixed(1),
          formatNumber(received / outboundSeconds, 1),
          `${formatNumber(pending)} outbox rows delivered by one worker process (start-up included)`,
        ],
      ],
    ),
  );
  if (profileDir) {
    const summary = summarizeProfile(profileDir);
    if (summary) {
      console.log(`\nListener CPU profile (${summary.file}):`);
      for (const a of summary.byArea.slice(0, 10)) console.log(`  ${(a.share * 100).toFixed(1)}%  ${a.area}`);
      console.log('  top functions (self time):');
      for (const f of summary.byFunction.slice(0, 15))
        console.log(`  ${(f.share * 100).toFixed(1)}%  ${f.name}`);
    }
  }
  if (posted !== accepted) throw new Error(`${accepted} replies accepted but ${posted} comments posted`);
} finally {
  await ctx.database.close();
  await database.drop();
}

async function countComments(): Promise<number> {
  return Number(
    (
      await ctx.database.db
        .selectFrom('comments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}
