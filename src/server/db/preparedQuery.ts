import type { Compilable, CompiledQuery, Insertable } from 'kysely';
import type { Executor } from './database.ts';
import type { DB } from './schema.ts';

const SENTINEL = '\u0000casebook-parameter-';

/**
 * A query on the request path built and compiled once per database and then run with new parameters:
 * Kysely's query builder and compiler cost more CPU than the statement itself for a short indexed read
 * (authentication: 65 → 26 µs of CPU per request, docs/performance.md). `build` receives one
 * placeholder per parameter, in order; the values passed to the returned function take their places.
 */
export function preparedQuery<P extends unknown[], R>(
  build: (db: Executor, ...placeholders: { [K in keyof P]: string }) => Compilable<R>,
  parameterCount: P['length'],
): (db: Executor, ...params: P) => Promise<R[]> {
  // Keyed by the database's adapter, which its transactions share: the SQL does not depend on the
  // connection, so a query compiled once serves every transaction too.
  const compiled = new WeakMap<object, { query: CompiledQuery<R>; slots: number[] }>();
  const compile = (db: Executor) => {
    const placeholders = Array.from({ length: parameterCount }, (_, i) => `${SENTINEL}${i}`);
    const query = build(db, ...(placeholders as { [K in keyof P]: string })).compile();
    // Where each parameter of the compiled SQL comes from: one of ours, or a constant of the query.
    const slots = query.parameters.map((p) =>
      typeof p === 'string' && p.startsWith(SENTINEL) ? Number(p.slice(SENTINEL.length)) : -1,
    );
    const entry = { query, slots };
    compiled.set(db.getExecutor().adapter, entry);
    return entry;
  };
  return async (db, ...params) => {
    const { query, slots } = compiled.get(db.getExecutor().adapter) ?? compile(db);
    const parameters = slots.map((slot, i) => (slot >= 0 ? params[slot] : query.parameters[i]));
    return (await db.executeQuery<R>({ ...query, parameters })).rows;
  };
}

/**
 * An insert of one row into `table`, compiled once per set of columns (see preparedQuery): for wide rows
 * written on the request path, such as a new case, whose building costs more than the insert. The columns
 * are the row's own keys, so a call site always gives the same set.
 */
export function preparedInsert<T extends keyof DB & string>(table: T) {
  const byColumns = new Map<string, (db: Executor, ...values: unknown[]) => Promise<never[]>>();
  return (db: Executor, row: Insertable<DB[T]>) => {
    const columns = Object.keys(row);
    const key = columns.join(',');
    let insert = byColumns.get(key);
    if (!insert) {
      insert = preparedQuery<unknown[], never>(
        (executor, ...placeholders) =>
          executor
            .insertInto(table as 'cases')
            .values(Object.fromEntries(columns.map((column, i) => [column, placeholders[i]])) as never),
        columns.length,
      );
      byColumns.set(key, insert);
    }
    return insert(db, ...Object.values(row));
  };
}
