import { type Kysely, sql } from 'kysely';
import { DEFAULT_ESC_SEATS, PLANS } from '../../../shared/enums.ts';
import type { DialectName } from '../database.ts';

/** Accounts, orgs, users and permissions; cases with team, conversation, attachments and history;
 * sessions, audit log, outbox, rate limits, counters. */
export function initial(dialect: DialectName) {
  const ts = dialect === 'postgres' ? sql`timestamptz` : sql`text`;
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('plans')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('esc_seats', 'integer', (c) => c.notNull())
        .execute();
      for (const key of PLANS) {
        await db
          .insertInto('plans')
          .values({ key, name: key[0]?.toUpperCase() + key.slice(1), esc_seats: DEFAULT_ESC_SEATS[key] })
          .execute();
      }

      await db.schema
        .createTable('accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('plan', 'text', (c) => c.notNull().references('plans.key'))
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('orgs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('orgs_account').on('orgs').column('account_id').execute();

      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text')
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('customer', 'staff')`))
        .addColumn('staff_role', 'text')
        .addColumn('account_id', 'text', (c) => c.references('accounts.id'))
        .addColumn('case_admin', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('esc', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('users_account').on('users').column('account_id').execute();

      await db.schema
        .createTable('org_admins')
        .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('super_admin', 'admin')`))
        .addColumn('created_at', ts, (c) => c.notNull())
        .addPrimaryKeyConstraint('org_admins_pk', ['org_id', 'user_id'])
        .execute();
      await db.schema.createIndex('org_admins_user').on('org_admins').column('user_id').execute();

      await db.schema
        .createTable('issue_areas')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('parent_key', 'text', (c) => c.references('issue_areas.key'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('queue_key', 'text', (c) => c.notNull())
        .addColumn('common', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();

      await db.schema
        .createTable('cases')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('number', 'text', (c) => c.notNull().unique())
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
        .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
        .addColumn('opener_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('steps_to_reproduce', 'text')
        .addColumn('issue_area_key', 'text', (c) => c.notNull().references('issue_areas.key'))
        .addColumn('queue_key', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('business_impact', 'text')
        .addColumn('case_email', 'text', (c) => c.notNull())
        .addColumn('contact_phone', 'text', (c) => c.notNull())
        .addColumn('contact_timezone', 'text', (c) => c.notNull())
        .addColumn('p1_confirmed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('owner_id', 'text', (c) => c.references('users.id'))
        .addColumn('escalation_state', 'text')
        .addColumn('first_response_due_at', ts)
        .addColumn('first_responded_at', ts)
        .addColumn('solved_at', ts)
        .addColumn('closed_at', ts)
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('cases_opener_updated')
        .on('cases')
        .columns(['opener_id', 'updated_at'])
        .execute();
      await db.schema
        .createIndex('cases_account_updated')
        .on('cases')
        .columns(['account_id', 'updated_at'])
        .execute();
      await db.schema.createIndex('cases_status').on('cases').columns(['status', 'updated_at']).execute();

      await db.schema
        .createTable('case_team')
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('added_by', 'text', (c) => c.references('users.id'))
        .addColumn('added_at', ts, (c) => c.notNull())
        .addPrimaryKeyConstraint('case_team_pk', ['case_id', 'user_id'])
        .execute();
      await db.schema.createIndex('case_team_user').on('case_team').column('user_id').execute();

      await db.schema
        .createTable('comments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('author_id', 'text', (c) => c.references('users.id'))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('internal', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('via', 'text', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('comments_case')
        .on('comments')
        .columns(['case_id', 'created_at'])
        .execute();

      await db.schema
        .createTable('attachments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('uploader_id', 'text', (c) => c.references('users.id'))
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('deleted_at', ts)
        .execute();
      await db.schema.createIndex('attachments_case').on('attachments').column('case_id').execute();
      await db.schema.createIndex('attachments_sha').on('attachments').column('sha256').execute();

      await db.schema
        .createTable('case_history')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('actor_id', 'text', (c) => c.references('users.id'))
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('field', 'text')
        .addColumn('old_value', 'text')
        .addColumn('new_value', 'text')
        .addColumn('created_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('case_history_case')
        .on('case_history')
        .columns(['case_id', 'created_at'])
        .execute();

      await db.schema
        .createTable('escalations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('justification', 'text', (c) => c.notNull())
        .addColumn('requested_by', 'text', (c) => c.references('users.id'))
        .addColumn('requested_at', ts, (c) => c.notNull())
        .addColumn('acknowledged_by', 'text', (c) => c.references('users.id'))
        .addColumn('acknowledged_at', ts)
        .addColumn('resolved_by', 'text', (c) => c.references('users.id'))
        .addColumn('resolved_at', ts)
        .addColumn('resolution_note', 'text')
        .execute();
      await db.schema.createIndex('escalations_case').on('escalations').column('case_id').execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('actor_id', 'text', (c) => c.references('users.id'))
        .addColumn('account_id', 'text', (c) => c.references('accounts.id'))
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target_user_id', 'text', (c) => c.references('users.id'))
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('audit_log_account')
        .on('audit_log')
        .columns(['account_id', 'created_at'])
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('last_seen_at', ts, (c) => c.notNull())
        .addColumn('expires_at', ts, (c) => c.notNull())
        .addColumn('revoked_at', ts)
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

      await db.schema
        .createTable('outbox')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.references('cases.id'))
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('available_at', ts, (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('claimed_until', ts)
        .addColumn('sent_at', ts)
        .addColumn('last_error', 'text')
        .execute();
      await db.schema
        .createIndex('outbox_pending')
        .on('outbox')
        .columns(['sent_at', 'available_at'])
        .execute();

      await db.schema
        .createTable('rate_limits')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('window_start', ts, (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('counters')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'integer', (c) => c.notNull())
        .execute();
      // Case numbers start at 00010001; on PostgreSQL a sequence hands them out without locking.
      await db.insertInto('counters').values({ name: 'case_number', value: 10000 }).execute();
      if (dialect === 'postgres') await sql`create sequence case_number_seq start with 10001`.execute(db);
    },
    // biome-ignore lint/suspicious/noExplicitAny: see up
    async down(db: Kysely<any>): Promise<void> {
      for (const t of [
        'counters',
        'rate_limits',
        'outbox',
        'sessions',
        'audit_log',
        'escalations',
        'case_history',
        'attachments',
        'comments',
        'case_team',
        'cases',
        'issue_areas',
        'org_admins',
        'users',
        'orgs',
        'accounts',
        'plans',
      ]) {
        await db.schema.dropTable(t).ifExists().execute();
      }
      if (dialect === 'postgres') await sql`drop sequence if exists case_number_seq`.execute(db);
    },
  };
}
