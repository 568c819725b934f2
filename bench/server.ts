/**
 * The server under test, run by bench/run.ts in a child process of its own (so the load generator
 * does not share its event loop): the real app (buildApp) on DATABASE_URL, logger off, no web app,
 * on 127.0.0.1 with an ephemeral port. The database is already migrated and loaded. Prints one
 * line of JSON, `{"port": …}`, when it listens; stops on SIGTERM/SIGINT (so `--cpu-prof` writes
 * its profile).
 */
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { createContext } from '../src/server/runtime.ts';
import { announceReady } from './lib/childProcess.ts';

const config = loadConfig(process.env, { logLevel: 'silent' });
const ctx = createContext(config);
const app = await buildApp(ctx, { logger: false, web: false });
await app.listen({ host: '127.0.0.1', port: 0 });
announceReady(app.server.address(), async () => {
  await app.close();
  await ctx.database.close();
});
