import type { AttachmentStore } from './attachments/store.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';

/** What commands and queries need from the outside world; tests build their own. */
export interface Context {
  database: Database;
  config: Config;
  attachments: AttachmentStore;
  /** the clock; tests may move it */
  now(): Date;
}
