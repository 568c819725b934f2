import type { FastifyReply, FastifyRequest } from 'fastify';
import { findSessionWithUser, SESSION_COOKIE } from '../auth/sessions.ts';
import type { Context } from '../context.ts';
import { AppError } from '../errors.ts';
import { caseAccess } from '../policies/cases.ts';
import { completeActor } from '../queries/loadActor.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the actor from the session cookie, fresh from the database on every request (a
 * deactivation or revocation takes effect on the next request), and enforces CSRF on writes.
 */
export function authenticate(ctx: Context) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const token = request.cookies?.[SESSION_COOKIE];
    if (!token) throw new AppError(401, 'unauthenticated', 'Sign in to continue.');
    const session = await findSessionWithUser(ctx, token);
    if (!session) throw new AppError(401, 'unauthenticated', 'Your session has ended. Sign in again.');
    if (session.active !== 1) throw new AppError(401, 'unauthenticated', 'Your user is deactivated.');
    const actor = await completeActor(ctx.database.db, session);
    if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== session.csrf_token) {
      throw new AppError(
        403,
        'csrf',
        'Missing or wrong x-csrf-token header. Read csrfToken from GET /api/v1/me.',
      );
    }
    request.actor = actor;
    request.sessionToken = token;
    request.csrfToken = session.csrf_token;
  };
}

/** For case routes: the case pages are closed to users without Case Admin, with the reason. */
export async function requireCaseAccess(request: FastifyRequest): Promise<void> {
  const access = caseAccess(request.actor);
  if (!access.allowed) throw new AppError(403, access.code, access.reason ?? 'Not allowed');
}
