import type { Compilable, CompiledQuery } from 'kysely';
import type { Executor } from './database.ts';

const SENTINEL = '\u0000casebook-parameter-';

/**
 * A query on the request path built and compiled once per executor and then run with new parameters:
 * Kysely's query builder and compiler cost more CPU than the statement itself for a short indexed read
 * (authentication: 65 → 26 µs of CPU per request, docs/performance.md). `build` receives one
 * placeholder per parameter, in order; the values passed to the returned function take their places.
 */
export function preparedQuery<P extends unknown[], R>(
  build: (db: Executor, ...placeholders: { [K in keyof P]: string }) => Compilable<R>,
  parameterCount: P['length'],
): (db: Executor, ...params: P) => Promise<R[]> {
  const compiled = new WeakMap<Executor, { query: CompiledQuery<R>; slots: number[] }>();
  const compile = (db: Executor) => {
    const placeholders = Array.from({ length: parameterCount }, (_, i) => `${SENTINEL}${i}`);
    const query = build(db, ...(placeholders as { [K in keyof P]: string })).compile();
    // Where each parameter of the compiled SQL comes from: one of ours, or a constant of the query.
    const slots = query.parameters.map((p) =>
      typeof p === 'string' && p.startsWith(SENTINEL) ? Number(p.slice(SENTINEL.length)) : -1,
    );
    const entry = { query, slots };
    compiled.set(db, entry);
    return entry;
  };
  return async (db, ...params) => {
    const { query, slots } = compiled.get(db) ?? compile(db);
    const parameters = slots.map((slot, i) => (slot >= 0 ? params[slot] : query.parameters[i]));
    return (await db.executeQuery<R>({ ...query, parameters })).rows;
  };
}
