import type { Executor } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import { isStaff } from '../policies/staff.ts';
import { findVisibleCase } from './findVisibleCase.ts';

/**
 * A case a staff user works (issue 6): the same 404 as `findVisibleCase` for a case the caller may not see
 * (an engineer outside the case's queues, a customer of another account), then 403 for a customer who
 * sees the case but is not support staff.
 */
export async function findWorkableCase(db: Executor, actor: Actor, number: string) {
  const found = await findVisibleCase(db, actor, number);
  if (!isStaff(actor)) {
    throw new AppError(403, 'staff_only', 'This action is for support staff; customers use the case page.');
  }
  return { ...found, actor };
}
