import { parseArgs } from 'node:util';
import { buildApp } from './app.ts';
import { hashInitialPassword, insertUser } from './commands/admin/newUser.ts';
import { loadConfig } from './config.ts';
import { migrateToLatest } from './db/migrate.ts';
import { JobScheduler } from './jobs/scheduler.ts';
import { importKnowledgeBase } from './kb/importKnowledgeBase.ts';
import { startMailListener } from './mail/inbound/mailListener.ts';
import { createMailTransport } from './mail/outbound/transport.ts';
import { OutboxWorker } from './outbox/worker.ts';
import { createContext } from './runtime.ts';
import { DEMO_PASSWORD, DEMO_USERS, isEmpty, seedDemo, seedIssueAreas } from './seed/demo.ts';

const USAGE = `casebook <command>

  serve          migrate, seed the demo data into an empty database (unless CASEBOOK_DEMO=0), and serve;
                 the outbox worker and the lifecycle jobs run in the same process (unless --no-worker)
  worker         deliver the outbox (email) and run the lifecycle jobs only; run as many as you like
                 against one PostgreSQL (--once: run the jobs, deliver what is due and stop)
  migrate        bring the database schema up to date
  seed           seed the demo data (SPEC §12) into an empty database
  create-admin   create a vendor support administrator: --email you@vendor.example --name "…" (password from
                 CASEBOOK_ADMIN_PASSWORD or --password)
  import-kb      import knowledge base entries: import-kb <folder of .md files | file.json> [--draft]
                 (idempotent by url, else slug; entries are published unless --draft or their status says)

Configuration: PORT, HOST, DATABASE_URL (sqlite:<path> | postgres://…), DATA_DIR, MAIL_PORT, MAIL_DOMAIN,
SMTP_URL, PUBLIC_URL.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case 'serve': {
      const { values: opts } = parseArgs({ args: rest, options: { 'no-worker': { type: 'boolean' } } });
      const ctx = createContext(config);
      await migrateToLatest(ctx.database);
      let seeded = false;
      if (config.demo && (await isEmpty(ctx))) {
        await seedDemo(ctx);
        seeded = true;
      }
      const app = await buildApp(ctx);
      const transport = createMailTransport(config);
      const worker = opts['no-worker']
        ? null
        : new OutboxWorker(ctx, transport, {
            onError: (err, row) => app.log.warn({ err, outbox: row?.id }, 'mail delivery failed; will retry'),
          });
      const jobs = opts['no-worker']
        ? null
        : new JobScheduler(ctx, {
            onError: (err) => app.log.error({ err }, 'lifecycle jobs failed; will run again'),
            onRun: (report) => app.log.info({ jobs: report }, 'lifecycle jobs'),
          });
      let mailIn: Awaited<ReturnType<typeof startMailListener>> | undefined;
      const shutdown = async () => {
        await mailIn?.close();
        await jobs?.stop();
        await worker?.stop();
        transport.close();
        await app.close();
        await ctx.database.close();
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
      await app.listen({ port: config.port, host: config.host });
      worker?.start();
      jobs?.start();
      mailIn = await startMailListener(ctx, { port: config.mailPort, host: config.host, log: app.log });
      const url = config.publicUrl;
      const lines = [
        '',
        `Casebook is running at ${url}`,
        `  API docs:  ${url}/api/docs`,
        `  database:  ${config.databaseUrl.replace(/\/\/[^@/]*@/, '//***@')}${seeded ? ' (demo data seeded)' : ''}`,
        `  mail out:  ${config.smtpUrl ? `relay ${config.smtpUrl.replace(/\/\/[^@/]*@/, '//***@')}` : `dev mailbox (no SMTP_URL): ${url}/dev/mail`}${worker ? '' : ' (worker not started here)'}`,
        `  mail in:   SMTP on port ${mailIn.port} for @${config.mailDomain} (replies to case mail become comments)`,
      ];
      if (config.demo) {
        lines.push('', `Demo sign-ins (password for all: ${DEMO_PASSWORD}):`);
        for (const u of DEMO_USERS) lines.push(`  ${u.email.padEnd(22)} ${u.note}`);
      }
      process.stdout.write(`${lines.join('\n')}\n\n`);
      return -1;
    }
    case 'worker': {
      const { values: opts } = parseArgs({ args: rest, options: { once: { type: 'boolean' } } });
      const ctx = createContext(config);
      await migrateToLatest(ctx.database);
      const transport = createMailTransport(config);
      const worker = new OutboxWorker(ctx, transport, {
        onError: (err, row) => console.error(`outbox ${row?.id ?? ''}: ${(err as Error).message ?? err}`),
      });
      const jobs = new JobScheduler(ctx, {
        onError: (err) => console.error(`lifecycle jobs: ${(err as Error).message ?? err}`),
      });
      if (opts.once) {
        await jobs.runOnce();
        const n = await worker.drain();
        console.log(`Delivered ${n} outbox row${n === 1 ? '' : 's'}.`);
        transport.close();
        await ctx.database.close();
        return 0;
      }
      const shutdown = async () => {
        await jobs.stop();
        await worker.stop();
        transport.close();
        await ctx.database.close();
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
      worker.start();
      jobs.start();
      console.log(
        `Outbox worker ${worker.id} running (${transport.kind === 'smtp' ? 'SMTP relay' : 'dev mailbox'}).`,
      );
      return -1;
    }
    case 'migrate': {
      const ctx = createContext(config);
      const result = await migrateToLatest(ctx.database);
      const applied = result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
      await ctx.database.close();
      return 0;
    }
    case 'seed': {
      const ctx = createContext(config);
      await migrateToLatest(ctx.database);
      if (!(await isEmpty(ctx))) {
        console.log('The database already holds accounts; the demo seed only fills an empty database.');
      } else {
        const { cases } = await seedDemo(ctx);
        console.log(
          `Seeded the demo data: 2 accounts, 3 orgs, 10 users, ${cases} cases. Password: ${DEMO_PASSWORD}`,
        );
      }
      await ctx.database.close();
      return 0;
    }
    case 'create-admin': {
      const { values } = parseArgs({
        args: rest,
        options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
      });
      const email = values.email?.trim().toLowerCase();
      const password = values.password ?? process.env.CASEBOOK_ADMIN_PASSWORD;
      if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) {
        console.error('create-admin needs --email you@vendor.example');
        return 2;
      }
      if (!password || password.length < 12) {
        console.error(
          'create-admin needs a password of at least 12 characters (--password or CASEBOOK_ADMIN_PASSWORD)',
        );
        return 2;
      }
      const ctx = createContext(config);
      await migrateToLatest(ctx.database);
      await seedIssueAreas(ctx.database.db);
      const existing = await ctx.database.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', email)
        .executeTakeFirst();
      if (existing) {
        console.error(`A user with the email ${email} exists already.`);
        await ctx.database.close();
        return 1;
      }
      const passwordHash = await hashInitialPassword(password, config.argon2);
      await insertUser(
        ctx.database.db,
        {
          kind: 'staff',
          email,
          name: values.name ?? email.split('@')[0]!,
          passwordHash,
          staffRole: 'administrator',
        },
        new Date(),
      );
      console.log(`Created the support administrator ${email}.`);
      await ctx.database.close();
      return 0;
    }
    case 'import-kb': {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { draft: { type: 'boolean' } },
        allowPositionals: true,
      });
      const path = positionals[0];
      if (!path || positionals.length > 1) {
        console.error('import-kb needs one folder of Markdown files or one JSON file');
        return 2;
      }
      const ctx = createContext(config);
      await migrateToLatest(ctx.database);
      const result = await importKnowledgeBase(ctx, path, { status: values.draft ? 'draft' : 'published' });
      await ctx.database.close();
      console.log(
        `Imported the knowledge base: ${result.created} created, ${result.updated} updated, ` +
          `${result.unchanged} unchanged, ${result.failed.length} failed.`,
      );
      for (const f of result.failed) console.error(`  ${f.file}: ${f.error}`);
      return result.failed.length ? 1 : 0;
    }
    default:
      console.log(USAGE);
      return command && command !== 'help' && command !== '--help' ? 2 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
