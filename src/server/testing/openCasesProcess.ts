/**
 * A separate process that opens cases against a shared database, for the multi-process case-number
 * test: `tsx openCasesProcess.ts <DATABASE_URL> <dataDir> <opener email> <count>`.
 */
import { NewCase } from '../../shared/api/cases.ts';
import { AttachmentStore } from '../attachments/store.ts';
import { openCase } from '../commands/openCase.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { loadActor } from '../queries/loadActor.ts';
import { newCaseInput } from './builders.ts';

const [url, dataDir, email, count] = process.argv.slice(2);
const config = loadConfig({ DATABASE_URL: url, DATA_DIR: dataDir }, { casesPerHourPerUser: 100_000 });
const ctx = {
  database: openDatabase(config.databaseUrl, { poolSize: 5 }),
  config,
  attachments: new AttachmentStore(dataDir!),
  now: () => new Date(),
};
const user = await ctx.database.db
  .selectFrom('users')
  .select('id')
  .where('email', '=', email!)
  .executeTakeFirstOrThrow();
const actor = (await loadActor(ctx.database.db, user.id))!;
const input = NewCase.parse(newCaseInput());
const numbers = await Promise.all(
  Array.from({ length: Number(count) }, () => openCase(ctx, actor, input).then((r) => r.number)),
);
process.stdout.write(JSON.stringify(numbers));
await ctx.database.close();
