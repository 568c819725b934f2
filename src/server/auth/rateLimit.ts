import type { Context } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { preparedQuery } from '../db/preparedQuery.ts';
import { AppError } from '../errors.ts';

/**
 * Fixed-window counters kept in the database, so that every web process shares them (SPEC §10).
 */

interface Window {
  /** ISO start of the current window */
  start: string;
  /** seconds until the next window opens */
  retryAfter: number;
}

function currentWindow(now: Date, windowSeconds: number): Window {
  const startMs = Math.floor(now.getTime() / (windowSeconds * 1000)) * windowSeconds * 1000;
  return {
    start: new Date(startMs).toISOString(),
    retryAfter: Math.max(1, Math.ceil((startMs + windowSeconds * 1000 - now.getTime()) / 1000)),
  };
}

function limited(message: string, window: Window): AppError {
  const wait =
    window.retryAfter < 90 ? `${window.retryAfter} seconds` : `${Math.ceil(window.retryAfter / 60)} minutes`;
  return new AppError(429, 'rate_limited', `${message} Try again in ${wait}.`, undefined, {
    'retry-after': String(window.retryAfter),
  });
}

/**
 * Counts one hit on `key`; throws 429 with Retry-After once `limit` hits are passed inside the window.
 * Given a transaction (`db`), the hit counts only if the transaction commits.
 */
export async function hitRateLimit(
  ctx: Context,
  key: string,
  limit: number,
  windowSeconds: number,
  message: string,
  db: Executor = ctx.database.db,
): Promise<void> {
  const window = currentWindow(ctx.now(), windowSeconds);
  // One statement, atomic on both databases: count the hit and read the count back.
  const [row] = await countHit(db, key, window.start);
  if (!row) throw new Error('The rate limit upsert returned no row');
  if (row.count > limit) throw limited(message, window);
}

const countHit = preparedQuery<[string, string], { count: number }>(
  (db, key, windowStart) =>
    db
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
      .returning('count'),
  2,
);

/** Refuses with 429 when `key` already holds `limit` hits in the current window, without counting this call. */
export async function assertUnderRateLimit(
  ctx: Context,
  key: string,
  limit: number,
  windowSeconds: number,
  message: string,
): Promise<void> {
  const window = currentWindow(ctx.now(), windowSeconds);
  const row = await ctx.database.db
    .selectFrom('rate_limits')
    .select(['count', 'window_start'])
    .where('key', '=', key)
    .executeTakeFirst();
  if (row && row.window_start === window.start && row.count >= limit) throw limited(message, window);
}

/** Clears a key, e.g. after a successful sign-in. */
export async function resetRateLimit(ctx: Context, key: string): Promise<void> {
  await ctx.database.db.deleteFrom('rate_limits').where('key', '=', key).execute();
}
