import type { Kysely } from 'kysely';

/**
 * My cases and All account cases (issue 7): one index that answers the customer's list from the index
 * alone. The list is the account's cases (`account_id`), most recently updated first (`updated_at`, then
 * `number`), filtered by status and by the visibility rule (`opener_id`, or the case team through `id`):
 * the count reads no table row, and the first page walks the index in order and reads only the rows it
 * returns. It replaces `cases_account_updated` (account_id, updated_at), its prefix, so a write to `cases`
 * maintains no more indexes than before.
 */
export function caseListIndex() {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createIndex('cases_account_list')
        .on('cases')
        .columns(['account_id', 'updated_at', 'number', 'status', 'opener_id', 'id'])
        .execute();
      await db.schema.dropIndex('cases_account_updated').execute();
    },
  };
}
