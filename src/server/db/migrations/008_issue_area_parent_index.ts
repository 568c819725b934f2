import type { Kysely } from 'kysely';

/**
 * Opening a case asks whether the chosen issue area is a group (has areas under it): an index on
 * `parent_key` answers that without reading the whole list of areas.
 */
export function issueAreaParentIndex() {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.createIndex('issue_areas_parent').on('issue_areas').column('parent_key').execute();
    },
  };
}
