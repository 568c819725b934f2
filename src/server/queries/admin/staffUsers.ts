import type { z } from 'zod';
import type { StaffUser } from '../../../shared/api/admin.ts';
import type { Executor } from '../../db/database.ts';

/** Vendor staff users with their queues: active first, then by name; or one by id. */
export async function staffUsers(db: Executor, id?: string): Promise<z.output<typeof StaffUser>[]> {
  let q = db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'staff_role', 'active', 'created_at', 'updated_at'])
    .where('kind', '=', 'staff');
  if (id) q = q.where('id', '=', id);
  const rows = await q.orderBy('active', 'desc').orderBy('name').orderBy('id').execute();
  if (rows.length === 0) return [];
  const memberships = await db
    .selectFrom('queue_members')
    .select(['user_id', 'queue_key'])
    .where(
      'user_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('queue_key')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.staff_role ?? 'engineer',
    active: r.active === 1,
    queues: memberships.filter((m) => m.user_id === r.id).map((m) => m.queue_key),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}
