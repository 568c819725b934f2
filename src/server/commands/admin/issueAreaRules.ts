import type { Executor } from '../../db/database.ts';
import { AppError, fieldError } from '../../errors.ts';

/**
 * The rules of the two-level issue area list, shared by create and update: a parent is a group (a
 * top-level entry), a group with areas under it stays top-level, the queue exists, and an active area
 * never sits under an inactive group (the case form would show an area without its group).
 */
export async function checkIssueAreaPlacement(
  trx: Executor,
  area: { key: string; parent: string | null; queue: string; active: boolean; isNew: boolean },
): Promise<void> {
  if (area.parent) {
    if (area.parent === area.key) throw fieldError('parent', 'An issue area cannot be its own group');
    const parent = await trx
      .selectFrom('issue_areas')
      .select(['key', 'parent_key', 'active'])
      .where('key', '=', area.parent)
      .executeTakeFirst();
    if (!parent) throw fieldError('parent', 'No issue area group with this key');
    if (parent.parent_key !== null) {
      throw fieldError('parent', 'Issue areas have two levels: choose a top-level group');
    }
    if (!area.isNew) {
      const child = await trx
        .selectFrom('issue_areas')
        .select('key')
        .where('parent_key', '=', area.key)
        .executeTakeFirst();
      if (child) {
        throw fieldError('parent', 'This group has areas under it and stays at the top level');
      }
    }
    if (area.active && parent.active !== 1) {
      throw new AppError(409, 'group_inactive', 'The group is deactivated: reactivate the group first', {
        active: 'The group is deactivated: reactivate the group first',
      });
    }
  }
  const queue = await trx.selectFrom('queues').select('key').where('key', '=', area.queue).executeTakeFirst();
  if (!queue) throw fieldError('queue', 'No queue with this key');
}
