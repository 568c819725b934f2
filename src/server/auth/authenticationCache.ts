import type { Context } from '../context.ts';
import { readCounter } from '../db/counters.ts';
import type { Database } from '../db/database.ts';
import type { Actor } from '../policies/actor.ts';
import { completeActor } from '../queries/loadActor.ts';
import { findSessionWithUser, type SessionWithUser } from './sessions.ts';

/**
 * Who a session token belongs to — the session, its user, and the actor (orgs and roles, or a staff member's
 * queues) — kept in memory per process and per database, exact: an entry serves only while
 * `counters.auth_version` still holds the value it was read under, and triggers move that counter in the
 * same transaction as any change to sessions, users, org admins, orgs or queue members (migration 009),
 * whichever process or tool makes it. So a request still reads one row (the version) instead of the session
 * joined with its user and the actor's orgs or queues (docs/performance.md: this was most of the cost of a
 * signed-in request), and a revocation, deactivation or role change still takes effect on the next request.
 */
export interface Authentication {
  session: SessionWithUser;
  /** null for a deactivated user (authentication refuses them) */
  actor: Actor | null;
}

interface Entry extends Authentication {
  version: number;
}

/** Most tokens kept per database: past it the cache starts again (each entry costs one read to rebuild). */
const MAX_ENTRIES = 10_000;

const caches = new WeakMap<Database, Map<string, Entry>>();

/** The live session of `token` and its actor, or null (unknown, revoked or expired token). */
export async function authenticateToken(ctx: Context, token: string): Promise<Authentication | null> {
  const { database } = ctx;
  // Without the counter (a database not migrated to 009) nothing is kept.
  const version = await readCounter(database.db, 'auth_version');
  let cache = caches.get(database);
  if (!cache) {
    cache = new Map();
    caches.set(database, cache);
  }
  const kept = cache.get(token);
  if (kept && kept.version === version) {
    if (kept.session.expires_at > ctx.now().toISOString()) return kept;
    cache.delete(token);
    return null;
  }
  const session = await findSessionWithUser(ctx, token);
  if (!session) {
    cache.delete(token);
    return null;
  }
  const actor = session.active === 1 ? frozen(await completeActor(database.db, session)) : null;
  if (version !== null) {
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(token, { version, session: Object.freeze(session), actor });
  }
  return { session, actor };
}

/** Shared by every request of the session: nobody may change it in place. */
function frozen(actor: Actor): Actor {
  if (actor.kind === 'customer') for (const org of actor.orgs) Object.freeze(org);
  Object.freeze(actor.kind === 'customer' ? actor.orgs : actor.queues);
  return Object.freeze(actor);
}
