import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * Deflection (issue 4): one row per case-form session (the id the form makes when it loads and keeps
 * with its draft), with what the recommended-solutions panel showed, what the user opened, and
 * whether the form ended in a case. `solution_clicks` keeps which entries were opened, once each.
 */
export function deflection(dialect: DialectName) {
  const ts = dialect === 'postgres' ? sql`timestamptz` : sql`text`;
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('form_sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('started_at', ts, (c) => c.notNull())
        .addColumn('last_event_at', ts, (c) => c.notNull())
        .addColumn('issue_area', 'text')
        .addColumn('impressions', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('clicks', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('case_id', 'text', (c) => c.references('cases.id'))
        .addColumn('submitted_at', ts)
        .execute();
      await db.schema.createIndex('form_sessions_started').on('form_sessions').column('started_at').execute();

      await db.schema
        .createTable('solution_clicks')
        .addColumn('session_id', 'text', (c) =>
          c.notNull().references('form_sessions.id').onDelete('cascade'),
        )
        .addColumn('entry_id', 'text', (c) => c.notNull())
        .addColumn('at', ts, (c) => c.notNull())
        .addPrimaryKeyConstraint('solution_clicks_pk', ['session_id', 'entry_id'])
        .execute();
    },
    // biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropTable('solution_clicks').execute();
      await db.schema.dropTable('form_sessions').execute();
    },
  };
}
