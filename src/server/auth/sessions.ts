import { createHash, randomBytes } from 'node:crypto';
import type { Context } from '../context.ts';
import { preparedQuery } from '../db/preparedQuery.ts';
import { ACTOR_USER_COLUMNS, type ActorUser } from '../queries/loadActor.ts';

export const SESSION_COOKIE = 'casebook_session';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates a stored session; the cookie carries the token, the database only its hash. */
export async function createSession(
  ctx: Context,
  userId: string,
  meta: { ip?: string; userAgent?: string },
): Promise<{ token: string; csrfToken: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionDays * 86_400_000).toISOString();
  await ctx.database.db
    .insertInto('sessions')
    .values({
      id_hash: hashToken(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt,
      revoked_at: null,
      ip: meta.ip ?? null,
      user_agent: meta.userAgent?.slice(0, 500) ?? null,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

const sessionWithUser = preparedQuery<[string], SessionWithUser>(
  (db, idHash) =>
    db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['sessions.csrf_token', 'sessions.expires_at', 'sessions.revoked_at', ...ACTOR_USER_COLUMNS])
      .where('sessions.id_hash', '=', idHash),
  1,
);

export type SessionWithUser = ActorUser & {
  csrf_token: string;
  expires_at: string;
  revoked_at: string | null;
};

/**
 * The live session of a token with its user, in one read (the request path's hot spot): null when
 * the token is unknown, revoked or expired.
 */
export async function findSessionWithUser(ctx: Context, token: string) {
  const [row] = await sessionWithUser(ctx.database.db, hashToken(token));
  if (!row || row.revoked_at || row.expires_at <= ctx.now().toISOString()) return null;
  return row;
}

export async function revokeSession(ctx: Context, token: string): Promise<void> {
  await ctx.database.db
    .updateTable('sessions')
    .set({ revoked_at: ctx.now().toISOString() })
    .where('id_hash', '=', hashToken(token))
    .execute();
}

/** Ends every session of a user (deactivation, password change). */
export async function revokeUserSessions(ctx: Context, userId: string): Promise<void> {
  await ctx.database.db
    .updateTable('sessions')
    .set({ revoked_at: ctx.now().toISOString() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}
