import type { z } from 'zod';
import type { AdminIssueArea } from '../../../shared/api/admin.ts';
import type { Executor } from '../../db/database.ts';

/** Every issue area, active or not, groups and their areas in sort order (the tree in list form). */
export async function adminIssueAreas(
  db: Executor,
  key?: string,
): Promise<z.output<typeof AdminIssueArea>[]> {
  let q = db
    .selectFrom('issue_areas')
    .selectAll()
    .select((eb) =>
      eb
        .selectFrom('cases')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('cases.issue_area_key', '=', 'issue_areas.key')
        .as('cases'),
    );
  if (key) q = q.where('key', '=', key);
  const rows = await q.execute();
  const byOrder = (a: { sort_order: number; name: string }, b: { sort_order: number; name: string }) =>
    a.sort_order - b.sort_order || a.name.localeCompare(b.name);
  const groups = rows.filter((r) => r.parent_key === null).sort(byOrder);
  const ordered = key
    ? rows
    : [
        ...groups.flatMap((g) => [g, ...rows.filter((r) => r.parent_key === g.key).sort(byOrder)]),
        // areas whose group is gone (should not happen) still show, last
        ...rows
          .filter((r) => r.parent_key !== null && !groups.some((g) => g.key === r.parent_key))
          .sort(byOrder),
      ];
  return ordered.map((r) => ({
    key: r.key,
    parent: r.parent_key,
    name: r.name,
    description: r.description,
    queue: r.queue_key,
    common: r.common === 1,
    sortOrder: r.sort_order,
    active: r.active === 1,
    cases: Number(r.cases ?? 0),
  }));
}
