import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * What a request is authenticated with — its session, its user, the user's orgs and roles, a staff member's
 * queues — is kept in memory per process (auth/actorCache.ts), exact as long as `counters.auth_version` has
 * not moved. Triggers move it on every change to those tables, in the changing transaction, whatever makes
 * the change (a command, the CLI, another process, a hand-written statement): nothing can be forgotten.
 * New sessions (sign-in) do not move it; expiry is checked against the clock on every request.
 */
const WATCHED: { table: string; events: ('insert' | 'update' | 'delete')[] }[] = [
  { table: 'sessions', events: ['update', 'delete'] },
  { table: 'users', events: ['update', 'delete'] },
  { table: 'org_admins', events: ['insert', 'update', 'delete'] },
  { table: 'orgs', events: ['update', 'delete'] },
  { table: 'queue_members', events: ['insert', 'update', 'delete'] },
];

export function authVersion(dialect: DialectName) {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema
    async up(db: Kysely<any>): Promise<void> {
      await db.insertInto('counters').values({ name: 'auth_version', value: 1 }).execute();
      const bump = `update counters set value = value + 1 where name = 'auth_version'`;
      if (dialect === 'postgres') {
        await sql
          .raw(
            `create function bump_auth_version() returns trigger language plpgsql as $$ begin ${bump}; return null; end $$`,
          )
          .execute(db);
        for (const { table, events } of WATCHED) {
          await sql
            .raw(
              `create trigger ${table}_auth_version after ${events.join(' or ')} on ${table} ` +
                'for each statement execute function bump_auth_version()',
            )
            .execute(db);
        }
        return;
      }
      for (const { table, events } of WATCHED) {
        for (const event of events) {
          await sql
            .raw(
              `create trigger ${table}_${event}_auth_version after ${event} on ${table} begin ${bump}; end`,
            )
            .execute(db);
        }
      }
    },
  };
}
