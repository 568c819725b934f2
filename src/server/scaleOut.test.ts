import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createContext } from './runtime.ts';
import { seedDemo } from './seed/demo.ts';
import { createTestDatabase, describeEachDatabase, type TestDatabase } from './testing/databases.ts';
import { type SmtpSink, startSmtpSink } from './testing/smtpSink.ts';

const CLI = ['--import', 'tsx', join(import.meta.dirname, 'cli.ts')];
const CASES = 24;
const COMMENTS_PER_CASE = 3;
const CLIENTS = 8;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Starts `casebook <args>` as its own process; resolves once `ready` answers (or the process printed `marker`). */
async function startProcess(
  args: string[],
  env: Record<string, string>,
  ready: () => Promise<boolean>,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...CLI, ...args], { env: { ...process.env, ...env } });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`casebook ${args.join(' ')} exited ${child.exitCode}: ${output}`);
    if (await ready().catch(() => false)) return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`casebook ${args.join(' ')} did not start: ${output}`);
}

interface WebProcess {
  url: string;
  child: ChildProcess;
}

/**
 * Scale-out (SPEC §10, issue 7): two `casebook serve --no-worker` web processes and one
 * `casebook worker` on one database, the load spread over both web processes as a proxy would.
 * Every case number is unique, no comment is lost, and every notification reaches the relay once.
 */
describeEachDatabase('two web processes and a worker on one database', (dialect) => {
  let db: TestDatabase;
  let sink: SmtpSink;
  const web: WebProcess[] = [];
  let worker: ChildProcess | undefined;

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    const env = { DATABASE_URL: db.url, DATA_DIR: db.dataDir };
    const ctx = createContext(loadConfig(env, { argon2: { memoryCost: 1024, timeCost: 1 } }));
    await migrateToLatest(ctx.database);
    await seedDemo(ctx);
    // The demo seed's own mail is not what this test counts.
    await ctx.database.db.updateTable('outbox').set({ sent_at: new Date().toISOString() }).execute();
    await ctx.database.close();
    sink = await startSmtpSink();
    const common = {
      ...env,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      CASEBOOK_DEMO: '0',
      CASES_PER_HOUR: '100000',
    };
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const child = await startProcess(
        ['serve', '--no-worker'],
        { ...common, PORT: String(port), MAIL_PORT: String(await freePort()), PUBLIC_URL: url },
        async () => (await fetch(`${url}/readyz`)).status === 200,
      );
      web.push({ url, child });
    }
    worker = await startProcess(
      ['worker'],
      { ...common, SMTP_URL: `smtp://127.0.0.1:${sink.port}`, WORKER_POLL_MS: '100' },
      async () => true,
    );
  }, 120_000);

  afterAll(async () => {
    for (const p of [...web.map((w) => w.child), worker]) p?.kill('SIGTERM');
    await sink?.stop();
    await db?.drop();
  });

  it('numbers every case once, keeps every comment and sends every notification once', async () => {
    // Signed in on the first process; the session is in the database, so the second takes it too.
    const signIn = await fetch(`${web[0]!.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bob@acme.example', password: 'casebook-demo' }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.getSetCookie()[0]!.split(';')[0]!;
    const { csrfToken } = (await signIn.json()) as { csrfToken: string };
    let turn = 0;
    const post = async (path: string, body: unknown) => {
      const target = web[turn++ % web.length]!;
      const res = await fetch(`${target.url}/api/v1${path}`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const json = (await res.json()) as Record<string, unknown>;
      expect(res.status, JSON.stringify(json)).toBe(201);
      return json;
    };

    // CLIENTS clients at once, each opening its share of cases and commenting on each, alternating
    // between the two web processes request by request.
    const opened: string[] = [];
    const commentIds: string[] = [];
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        for (let i = client; i < CASES; i += CLIENTS) {
          const created = await post('/cases', {
            priority: 'P3',
            subject: `Scale-out case ${i + 1}`,
            description: 'Opened while two web processes share the database.',
            org: 'acme',
            issueArea: 'saml-sso',
            scope: 'single_user',
            caseEmail: 'bob@acme.example',
            contactPhone: '+1 415 555 0100',
            contactTimezone: 'Europe/Berlin',
            teamContacts: ['alice@acme.example'],
          });
          const number = String(created.number);
          opened.push(number);
          const comments = await Promise.all(
            Array.from({ length: COMMENTS_PER_CASE }, (_, c) =>
              post(`/cases/${number}/comments`, { body: `Comment ${c + 1} on ${number}`, internal: false }),
            ),
          );
          commentIds.push(...comments.map((c) => String(c.id)));
        }
      }),
    );

    expect(opened).toHaveLength(CASES);
    expect(new Set(opened).size).toBe(CASES);
    expect(new Set(commentIds).size).toBe(CASES * COMMENTS_PER_CASE);

    const ctx = createContext(loadConfig({ DATABASE_URL: db.url, DATA_DIR: db.dataDir }));
    try {
      const rows = await ctx.database.db
        .selectFrom('cases')
        .leftJoin('comments', 'comments.case_id', 'cases.id')
        .select(['cases.number', (eb) => eb.fn.count<number>('comments.id').as('comments')])
        .where('cases.number', 'in', opened)
        .groupBy('cases.number')
        .execute();
      expect(rows).toHaveLength(CASES);
      for (const r of rows) expect(Number(r.comments), r.number).toBe(COMMENTS_PER_CASE);

      // The worker drains the outbox: every row sent, none given up.
      const deadline = Date.now() + 60_000;
      let pending = Number.POSITIVE_INFINITY;
      while (Date.now() < deadline) {
        const left = await ctx.database.db
          .selectFrom('outbox')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('sent_at', 'is', null)
          .executeTakeFirstOrThrow();
        pending = Number(left.n);
        if (pending === 0) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(pending).toBe(0);
      const sent = await ctx.database.db
        .selectFrom('mail_messages')
        .select(['message_id', 'outbox_id', 'subject'])
        .where('direction', '=', 'out')
        .execute();
      // One "case created" notification per case (plus each comment's), each delivered to the relay once.
      await sink.waitFor(sent.length, 20_000);
      expect(sink.messages).toHaveLength(sent.length);
      const received = sink.messages.map((m) => m.parsed.messageId);
      expect(new Set(received).size).toBe(received.length);
      for (const m of sent) expect(sink.count(m.message_id), m.subject).toBe(1);
      for (const number of opened) {
        const created = sent.filter((m) => m.subject.includes(number) && !/^re:/i.test(m.subject));
        expect(created.length, `case ${number} notifications`).toBeGreaterThanOrEqual(1);
      }
      const outboxRows = await ctx.database.db
        .selectFrom('outbox')
        .select('id')
        .where('dead_at', 'is not', null)
        .execute();
      expect(outboxRows).toEqual([]);
    } finally {
      await ctx.database.close();
    }
  }, 180_000);
});
