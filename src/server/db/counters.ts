import type { Executor } from './database.ts';
import { preparedQuery } from './preparedQuery.ts';

const counterRow = preparedQuery<[string], { value: number | string }>(
  (db, name) => db.selectFrom('counters').select('value').where('name', '=', name),
  1,
);

/** The value of a row of `counters` (versions such as `kb_version`, `auth_version`), or null without one. */
export async function readCounter(db: Executor, name: string): Promise<number | null> {
  const [row] = await counterRow(db, name);
  return row ? Number(row.value) : null;
}
