/**
 * The bare baseline, run by bench/run.ts in a child process of its own: a minimal Fastify server
 * (no authentication, no validation, no logger) on the same database, whose routes each do one
 * comparable statement with the bare driver. A scenario's figures divided by its baseline's say how
 * much the application adds over the database work itself. Prints `{"port": …}` when it listens.
 */
import Fastify from 'fastify';
import { openBaselineDatabase } from './baselines/baselineDatabase.ts';
import { caseBaselines } from './baselines/caseBaselines.ts';
import { solutionsBaseline } from './baselines/solutionsBaseline.ts';
import { userBaseline } from './baselines/userBaseline.ts';
import { announceReady } from './lib/childProcess.ts';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is not set');
const database = openBaselineDatabase(url);
const app = Fastify({ logger: false });
solutionsBaseline(app, database);
userBaseline(app, database);
caseBaselines(app, database);
app.get('/healthz', async () => ({ status: 'ok' }));
await app.listen({ host: '127.0.0.1', port: 0 });
announceReady(app.server.address(), async () => {
  await app.close();
  await database.close();
});
