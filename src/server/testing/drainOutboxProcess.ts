/**
 * A separate worker process for the several-workers outbox test:
 * `tsx drainOutboxProcess.ts <DATABASE_URL> <dataDir> <SMTP_URL> <worker id>`; prints how many rows it delivered.
 */
import { AttachmentStore } from '../attachments/store.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { createMailTransport } from '../mail/outbound/transport.ts';
import { OutboxWorker } from '../outbox/worker.ts';

const [url, dataDir, smtpUrl, id] = process.argv.slice(2);
const config = loadConfig({ DATABASE_URL: url, DATA_DIR: dataDir, SMTP_URL: smtpUrl });
const ctx = {
  database: openDatabase(config.databaseUrl, { poolSize: 2 }),
  config,
  attachments: new AttachmentStore(dataDir!),
  now: () => new Date(),
};
const transport = createMailTransport(config);
const worker = new OutboxWorker(ctx, transport, { id: id!, batchSize: 3 });
const delivered = await worker.drain();
process.stdout.write(JSON.stringify(delivered));
transport.close();
await ctx.database.close();
