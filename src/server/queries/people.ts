import type { Executor } from '../db/database.ts';
import { preparedQuery } from '../db/preparedQuery.ts';

export interface PersonView {
  id: string;
  name: string;
  email: string;
}

/** Ids per statement at most; a longer list is read in chunks of this size. */
const MAX_IDS = 128;

/**
 * The statement for up to `size` ids (1, 2, 4 … 128 placeholders; the unused ones repeat the first id),
 * compiled once: a list page asks for a handful of people on every request.
 */
const byIdCount = new Map<number, (db: Executor, ...ids: string[]) => Promise<PersonView[]>>();
function peopleQuery(count: number) {
  let size = 1;
  while (size < count) size *= 2;
  let query = byIdCount.get(size);
  if (!query) {
    query = preparedQuery<string[], PersonView>(
      (db, ...ids) => db.selectFrom('users').select(['id', 'name', 'email']).where('id', 'in', ids),
      size,
    );
    byIdCount.set(size, query);
  }
  return { query, size };
}

/** Names and emails for a set of user ids, in one query (one per 128 ids). */
export async function peopleById(
  db: Executor,
  ids: Iterable<string | null | undefined>,
): Promise<Map<string, PersonView>> {
  const unique = [...new Set([...ids].filter((x): x is string => !!x))];
  const people = new Map<string, PersonView>();
  for (let start = 0; start < unique.length; start += MAX_IDS) {
    const chunk = unique.slice(start, start + MAX_IDS);
    const { query, size } = peopleQuery(chunk.length);
    const padded = chunk.concat(Array.from({ length: size - chunk.length }, () => chunk[0]!));
    for (const row of await query(db, ...padded)) people.set(row.id, row);
  }
  return people;
}
