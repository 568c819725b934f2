import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * Email (issue 5). `cases.reply_token` makes each case's reply address (`support+<number>.<token>@…`)
 * unguessable. `mail_messages` records every message sent or received: outgoing ones (also the dev
 * mailbox when no relay is configured), incoming ones with what became of them; a unique
 * (direction, message_id) makes a repeated incoming Message-ID a no-op. The outbox gains a worker's
 * claim and a give-up time, so several workers share it and staff see what could not be delivered.
 */
export function mail(dialect: DialectName) {
  const ts = dialect === 'postgres' ? sql`timestamptz` : sql`text`;
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('cases').addColumn('reply_token', 'text').execute();
      await db.schema.alterTable('outbox').addColumn('claimed_by', 'text').execute();
      await db.schema.alterTable('outbox').addColumn('dead_at', ts).execute();

      await db.schema
        .createTable('mail_messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('out', 'in')`))
        .addColumn('case_id', 'text', (c) => c.references('cases.id'))
        .addColumn('outbox_id', 'text')
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('in_reply_to', 'text')
        .addColumn('references_header', 'text')
        .addColumn('from_address', 'text', (c) => c.notNull())
        .addColumn('to_addresses', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('cc_addresses', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('text_body', 'text', (c) => c.notNull())
        .addColumn('html_body', 'text')
        .addColumn('transport', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('detail', 'text')
        .addColumn('comment_id', 'text')
        .addColumn('created_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('mail_messages_message_id')
        .on('mail_messages')
        .columns(['direction', 'message_id'])
        .unique()
        .execute();
      await db.schema
        .createIndex('mail_messages_case')
        .on('mail_messages')
        .columns(['case_id', 'created_at'])
        .execute();
      await db.schema
        .createIndex('mail_messages_created')
        .on('mail_messages')
        .columns(['direction', 'created_at'])
        .execute();
    },
  };
}
