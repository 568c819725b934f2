import { z } from 'zod';
import { ApiError } from '../../../shared/api/errors.ts';
import { Me, SignIn } from '../../../shared/api/session.ts';
import { decoyHash, verifyPassword } from '../../auth/passwords.ts';
import { assertUnderRateLimit, hitRateLimit, resetRateLimit } from '../../auth/rateLimit.ts';
import { createSession, revokeSession, SESSION_COOKIE } from '../../auth/sessions.ts';
import type { Context } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { authenticate } from '../../http/authenticate.ts';
import type { App } from '../../http/types.ts';
import type { Actor } from '../../policies/actor.ts';
import { holdsCaseAdmin, isElevatedSupportContact, isSuperAdmin } from '../../policies/actor.ts';
import { caseAccess } from '../../policies/cases.ts';
import { loadActor } from '../../queries/loadActor.ts';

async function meView(ctx: Context, actor: Actor, csrfToken: string): Promise<z.infer<typeof Me>> {
  const account =
    actor.kind === 'customer'
      ? await ctx.database.db
          .selectFrom('accounts')
          .select(['id', 'name', 'plan'])
          .where('id', '=', actor.accountId)
          .executeTakeFirst()
      : undefined;
  const access = caseAccess(actor);
  return {
    id: actor.id,
    email: actor.email,
    name: actor.name,
    kind: actor.kind,
    staffRole: actor.kind === 'staff' ? actor.role : null,
    account: account ?? null,
    orgs:
      actor.kind === 'customer' ? actor.orgs.map((o) => ({ slug: o.slug, name: o.name, role: o.role })) : [],
    caseAdmin: holdsCaseAdmin(actor),
    elevatedSupportContact: isElevatedSupportContact(actor),
    superAdmin: isSuperAdmin(actor),
    caseAccess: { allowed: access.allowed, reason: access.reason },
    csrfToken,
  };
}

export async function sessionRoutes(app: App, ctx: Context) {
  const auth = authenticate(ctx);

  app.post(
    '/session',
    {
      schema: {
        tags: ['session'],
        summary: 'Sign in with email and password; sets the session cookie',
        body: SignIn,
        response: { 200: Me, 400: ApiError, 401: ApiError, 429: ApiError },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      await hitRateLimit(
        ctx,
        `sign-in:${email}`,
        ctx.config.signInAttemptsPerWindow,
        ctx.config.signInWindowSeconds,
        'Too many sign-in attempts for this email.',
      );
      // Per client address only failed attempts count, so a busy office behind one address is not locked out.
      const addressKey = `sign-in-ip:${request.ip}`;
      const addressLimit = ctx.config.signInAttemptsPerWindow * 5;
      const addressMessage = 'Too many failed sign-in attempts from your network.';
      await assertUnderRateLimit(
        ctx,
        addressKey,
        addressLimit,
        ctx.config.signInWindowSeconds,
        addressMessage,
      );
      const user = await ctx.database.db
        .selectFrom('users')
        .select(['id', 'password_hash', 'active'])
        .where('email', '=', email)
        .executeTakeFirst();
      let ok = false;
      if (user) ok = await verifyPassword(user.password_hash, password);
      else await verifyPassword(await decoyHash(ctx.config.argon2), password);
      if (!user || !ok || user.active !== 1) {
        await hitRateLimit(
          ctx,
          addressKey,
          Number.MAX_SAFE_INTEGER,
          ctx.config.signInWindowSeconds,
          addressMessage,
        );
        throw new AppError(
          401,
          'invalid_credentials',
          'The email or password is not right, or the user is deactivated.',
        );
      }
      await resetRateLimit(ctx, `sign-in:${email}`);
      const session = await createSession(ctx, user.id, {
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.config.secureCookies,
        expires: new Date(session.expiresAt),
      });
      const actor = await loadActor(ctx.database.db, user.id);
      return meView(ctx, actor!, session.csrfToken);
    },
  );

  app.delete(
    '/session',
    {
      onRequest: auth,
      schema: {
        tags: ['session'],
        summary: 'Sign out: ends the session',
        response: { 204: z.null(), 401: ApiError, 403: ApiError },
      },
    },
    async (request, reply) => {
      if (request.sessionToken) await revokeSession(ctx, request.sessionToken);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      onRequest: auth,
      schema: {
        tags: ['session'],
        summary: 'The signed-in user, their permissions and the CSRF token',
        response: { 200: Me, 401: ApiError },
      },
    },
    async (request) => meView(ctx, request.actor, request.csrfToken ?? ''),
  );
}
