import { AttachmentStore } from './attachments/store.ts';
import type { Config } from './config.ts';
import type { Context } from './context.ts';
import { openDatabase } from './db/database.ts';

/** Opens the database and the attachment store named by the configuration. */
export function createContext(config: Config): Context {
  return {
    database: openDatabase(config.databaseUrl),
    config,
    attachments: new AttachmentStore(config.dataDir),
    now: () => new Date(),
  };
}
