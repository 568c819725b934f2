import type { Context } from '../context.ts';
import { AppError } from '../errors.ts';

/**
 * A fixed-window counter kept in the database, so that every web process shares it (SPEC §10).
 * Throws 429 with Retry-After once `limit` hits are reached inside `windowSeconds`.
 */
export async function hitRateLimit(
  ctx: Context,
  key: string,
  limit: number,
  windowSeconds: number,
  message: string,
): Promise<void> {
  const now = ctx.now();
  const windowStart = new Date(
    Math.floor(now.getTime() / (windowSeconds * 1000)) * windowSeconds * 1000,
  ).toISOString();
  const row = await ctx.database.transaction(async (trx) => {
    await trx
      .insertInto('rate_limits')
      .values({ key, window_start: windowStart, count: 1 })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          count: eb
            .case()
            .when('rate_limits.window_start', '=', windowStart)
            .then(eb('rate_limits.count', '+', 1))
            .else(1)
            .end(),
          window_start: windowStart,
        })),
      )
      .execute();
    return trx.selectFrom('rate_limits').select(['count']).where('key', '=', key).executeTakeFirstOrThrow();
  });
  if (row.count > limit) {
    const retryAfter = Math.max(
      1,
      Math.ceil((Date.parse(windowStart) + windowSeconds * 1000 - now.getTime()) / 1000),
    );
    throw new AppError(429, 'rate_limited', `${message} Try again in ${formatWait(retryAfter)}.`, undefined, {
      'retry-after': String(retryAfter),
    });
  }
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/** Refuses with 429 when `key` already holds `limit` hits in the current window, without counting this call. */
export async function assertUnderRateLimit(
  ctx: Context,
  key: string,
  limit: number,
  windowSeconds: number,
  message: string,
): Promise<void> {
  const now = ctx.now();
  const windowStart = new Date(
    Math.floor(now.getTime() / (windowSeconds * 1000)) * windowSeconds * 1000,
  ).toISOString();
  const row = await ctx.database.db
    .selectFrom('rate_limits')
    .select(['count', 'window_start'])
    .where('key', '=', key)
    .executeTakeFirst();
  if (row && row.window_start === windowStart && row.count >= limit) {
    const retryAfter = Math.max(
      1,
      Math.ceil((Date.parse(windowStart) + windowSeconds * 1000 - now.getTime()) / 1000),
    );
    throw new AppError(429, 'rate_limited', `${message} Try again in ${formatWait(retryAfter)}.`, undefined, {
      'retry-after': String(retryAfter),
    });
  }
}

/** Clears a key, e.g. after a successful sign-in. */
export async function resetRateLimit(ctx: Context, key: string): Promise<void> {
  await ctx.database.db.deleteFrom('rate_limits').where('key', '=', key).execute();
}
