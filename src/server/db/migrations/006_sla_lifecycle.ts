import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * The SLA clock and the lifecycle jobs (issue 6). The first-response clock of a case stops while it waits
 * for the customer (or is solved) before the first public reply: `sla_pauses` keeps the finished pauses
 * (a JSON array of `{from, to}`), `sla_paused_at` the start of the current one, so a priority change can
 * recompute the due time from creation with the new target. `first_response_breached` is the stored
 * breach state (a reply after the due time counts as breached). `pending_since` and `reminder_sent_at`
 * drive the reminder and the auto-solve of cases pending the customer.
 */
export function slaLifecycle(dialect: DialectName) {
  const ts = dialect === 'postgres' ? sql`timestamptz` : sql`text`;
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('cases').addColumn('sla_paused_at', ts).execute();
      await db.schema
        .alterTable('cases')
        .addColumn('sla_pauses', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute();
      await db.schema
        .alterTable('cases')
        .addColumn('first_response_breached', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('cases').addColumn('pending_since', ts).execute();
      await db.schema.alterTable('cases').addColumn('reminder_sent_at', ts).execute();

      // Cases already waiting for the customer: their wait starts now (the status change time is not
      // stored), and their clock is paused if not yet answered.
      const now = new Date().toISOString();
      await db
        .updateTable('cases')
        .set({ pending_since: now })
        .where('status', '=', 'pending_customer')
        .execute();
      await db
        .updateTable('cases')
        .set({ sla_paused_at: now })
        .where('status', 'in', ['pending_customer', 'solved', 'closed'])
        .where('first_responded_at', 'is', null)
        .execute();

      // Answered late before this migration: breached (unanswered late cases are marked by the breach job).
      await db
        .updateTable('cases')
        .set({ first_response_breached: 1 })
        .where('first_responded_at', 'is not', null)
        .where('first_response_due_at', 'is not', null)
        .where(sql<boolean>`first_responded_at > first_response_due_at`)
        .execute();

      // The jobs: pending cases by wait, solved by solve time, closed by close time, unanswered by due time.
      await db.schema
        .createIndex('cases_status_pending_since')
        .on('cases')
        .columns(['status', 'pending_since'])
        .execute();
      await db.schema
        .createIndex('cases_status_solved_at')
        .on('cases')
        .columns(['status', 'solved_at'])
        .execute();
      await db.schema
        .createIndex('cases_status_closed_at')
        .on('cases')
        .columns(['status', 'closed_at'])
        .execute();
      await db.schema
        .createIndex('cases_first_response_due')
        .on('cases')
        .columns(['first_response_breached', 'first_response_due_at'])
        .execute();
    },
  };
}
