/**
 * The mail side under test, for bench/mail.ts, in a child process of its own: the inbound SMTP
 * listener (the real `startMailListener`) on DATABASE_URL (already migrated and seeded), on 127.0.0.1
 * with an ephemeral port. Prints `{"port": …}` when it listens.
 */
import { loadConfig } from '../src/server/config.ts';
import { startMailListener } from '../src/server/mail/inbound/mailListener.ts';
import { createContext } from '../src/server/runtime.ts';
import { announceReady } from './lib/childProcess.ts';

const config = loadConfig(process.env, { logLevel: 'silent' });
const ctx = createContext(config);
const listener = await startMailListener(ctx, { port: 0, host: '127.0.0.1' });
announceReady({ port: listener.port, address: '127.0.0.1', family: 'IPv4' }, async () => {
  await listener.close();
  await ctx.database.close();
});
