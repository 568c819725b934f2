import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * The knowledge base (issue 4): entries of three kinds, their full-text index and the vocabulary
 * used for typo correction.
 *
 * SQLite: `kb_entries` carries an INTEGER PRIMARY KEY `seq` (stable across VACUUM) that an FTS5
 * external-content table `kb_fts(title, body, tags)` points at, kept in sync by triggers. The
 * porter tokenizer stems English; `tokenchars '_'` keeps identifiers such as invalid_client whole.
 *
 * PostgreSQL: a stored generated tsvector column `search` (title A, tags B, body C; 'english')
 * with a GIN index.
 *
 * `kb_terms(term, df)` is the vocabulary of raw lower-cased words, maintained by the application
 * on every write (the same tokenizer on both databases, so typo correction answers identically).
 */
export function knowledgeBase(dialect: DialectName) {
  const ts = dialect === 'postgres' ? sql`timestamptz` : sql`text`;
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema
    async up(db: Kysely<any>): Promise<void> {
      let table = db.schema.createTable('kb_entries');
      if (dialect === 'sqlite') {
        table = table
          .addColumn('seq', 'integer', (c) => c.primaryKey())
          .addColumn('id', 'text', (c) => c.notNull().unique());
      } else {
        table = table.addColumn('id', 'text', (c) => c.primaryKey());
      }
      await table
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) =>
          c.notNull().check(sql`kind in ('kb_article', 'product_doc', 'community_question')`),
        )
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('issue_areas', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('url', 'text', (c) => c.notNull().unique())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'published')`))
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('kb_entries_status')
        .on('kb_entries')
        .columns(['status', 'updated_at'])
        .execute();

      await db.schema
        .createTable('kb_terms')
        .addColumn('term', 'text', (c) => c.primaryKey())
        .addColumn('df', 'integer', (c) => c.notNull())
        .execute();

      if (dialect === 'sqlite') {
        await sql`create virtual table kb_fts using fts5(
          title, body, tags,
          content = 'kb_entries', content_rowid = 'seq',
          tokenize = "porter unicode61 tokenchars '_'"
        )`.execute(db);
        await sql`create trigger kb_entries_ai after insert on kb_entries begin
          insert into kb_fts(rowid, title, body, tags) values (new.seq, new.title, new.body, new.tags);
        end`.execute(db);
        await sql`create trigger kb_entries_ad after delete on kb_entries begin
          insert into kb_fts(kb_fts, rowid, title, body, tags) values ('delete', old.seq, old.title, old.body, old.tags);
        end`.execute(db);
        await sql`create trigger kb_entries_au after update on kb_entries begin
          insert into kb_fts(kb_fts, rowid, title, body, tags) values ('delete', old.seq, old.title, old.body, old.tags);
          insert into kb_fts(rowid, title, body, tags) values (new.seq, new.title, new.body, new.tags);
        end`.execute(db);
      } else {
        await sql`alter table kb_entries add column search tsvector generated always as (
          setweight(to_tsvector('english'::regconfig, title), 'A') ||
          setweight(to_tsvector('english'::regconfig, tags), 'B') ||
          setweight(to_tsvector('english'::regconfig, body), 'C')
        ) stored`.execute(db);
        await sql`create index kb_entries_search on kb_entries using gin (search)`.execute(db);
      }
    },
  };
}
