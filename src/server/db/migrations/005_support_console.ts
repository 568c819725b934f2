import { type Kysely, sql } from 'kysely';
import { PLANS, PRIORITIES } from '../../../shared/enums.ts';
import { DEFAULT_RESPONSE_TARGETS, DEFAULT_SUPPORT_HOURS } from '../../../shared/sla.ts';
import type { DialectName } from '../database.ts';

/**
 * The support console (issue 6): queues and their members (issue areas already name a queue key;
 * the `triage` queue takes unrouted cases), a round-robin cursor per queue, canned responses, SLA
 * targets and support hours as configuration (seeded with SPEC §4), a merged case's target, and the
 * note a manager writes when acknowledging an escalation.
 */
export function supportConsole(dialect: DialectName) {
  const ts = dialect === 'postgres' ? sql`timestamptz` : sql`text`;
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .alterTable('plans')
        .addColumn('support_hours', 'text', (c) => c.notNull().defaultTo('24x7'))
        .execute();
      for (const plan of PLANS) {
        await db
          .updateTable('plans')
          .set({ support_hours: DEFAULT_SUPPORT_HOURS[plan] })
          .where('key', '=', plan)
          .execute();
      }

      await db.schema
        .createTable('sla_targets')
        .addColumn('plan', 'text', (c) => c.notNull().references('plans.key'))
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('minutes', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('sla_targets_pk', ['plan', 'priority'])
        .execute();
      for (const plan of PLANS) {
        for (const priority of PRIORITIES) {
          await db
            .insertInto('sla_targets')
            .values({ plan, priority, minutes: DEFAULT_RESPONSE_TARGETS[plan][priority] })
            .execute();
        }
      }

      await db.schema
        .createTable('queues')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('triage', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('rr_last_user_id', 'text', (c) => c.references('users.id'))
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('queue_members')
        .addColumn('queue_key', 'text', (c) => c.notNull().references('queues.key'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('added_at', ts, (c) => c.notNull())
        .addPrimaryKeyConstraint('queue_members_pk', ['queue_key', 'user_id'])
        .execute();
      await db.schema.createIndex('queue_members_user').on('queue_members').column('user_id').execute();

      await db.schema
        .createTable('canned_responses')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('queue_key', 'text', (c) => c.references('queues.key'))
        .addColumn('created_by', 'text', (c) => c.references('users.id'))
        .addColumn('created_at', ts, (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .execute();

      await db.schema
        .alterTable('cases')
        .addColumn('merged_into_id', 'text', (c) => c.references('cases.id'))
        .execute();
      await db.schema
        .createIndex('cases_queue_status')
        .on('cases')
        .columns(['queue_key', 'status'])
        .execute();
      await db.schema.createIndex('cases_owner_status').on('cases').columns(['owner_id', 'status']).execute();

      await db.schema.alterTable('escalations').addColumn('acknowledgement_note', 'text').execute();
    },
  };
}
