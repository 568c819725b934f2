import type { Executor } from '../db/database.ts';

export interface PersonView {
  id: string;
  name: string;
  email: string;
}

/** Names and emails for a set of user ids, in one query. */
export async function peopleById(
  db: Executor,
  ids: Iterable<string | null | undefined>,
): Promise<Map<string, PersonView>> {
  const unique = [...new Set([...ids].filter((x): x is string => !!x))];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name', 'email'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}
