import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticateToken } from '../auth/authenticationCache.ts';
import { SESSION_COOKIE } from '../auth/sessions.ts';
import type { Context } from '../context.ts';
import { AppError } from '../errors.ts';
import { caseAccess } from '../policies/cases.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the actor from the session cookie — exact on every request (a deactivation or revocation
 * takes effect on the next request; authenticationCache.ts) — and enforces CSRF on writes.
 */
export function authenticate(ctx: Context) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const token = request.cookies?.[SESSION_COOKIE];
    if (!token) throw new AppError(401, 'unauthenticated', 'Sign in to continue.');
    const authentication = await authenticateToken(ctx, token);
    if (!authentication) throw new AppError(401, 'unauthenticated', 'Your session has ended. Sign in again.');
    const { session, actor } = authentication;
    if (session.active !== 1 || !actor)
      throw new AppError(401, 'unauthenticated', 'Your user is deactivated.');
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
