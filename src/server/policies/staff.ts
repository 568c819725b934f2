import type { Actor, StaffActor } from './actor.ts';

/**
 * Vendor support staff roles (SPEC §1, issue 6), as small predicates.
 *
 * - An **engineer** sees and works the cases of the queues they belong to, plus the cases assigned to
 *   them (wherever those are): replies, internal notes, status, priority, assignment within the queue,
 *   moving a case to another queue, merging duplicates.
 * - A **manager** sees and works every case, reassigns to any active staff user, handles escalations
 *   (acknowledge, resolve) and sees reports.
 * - An **administrator** configures (accounts, queues, SLA targets, staff…) and also sees and works every
 *   case, and handles escalations like a manager.
 *
 * Which cases a staff user sees is part of THE visibility rule in `cases.ts`; these predicates say what
 * staff may do on a case they see.
 */

export function isStaff(actor: Actor): actor is StaffActor {
  return actor.kind === 'staff' && actor.active;
}

/** Managers and administrators see and work every case, whatever the queue. */
export function worksAllQueues(actor: Actor): boolean {
  return isStaff(actor) && (actor.role === 'manager' || actor.role === 'administrator');
}

/** The staff console (queue lists, workspace commands) is for active staff of every role. */
export function canUseConsole(actor: Actor): boolean {
  return isStaff(actor);
}

/** Whether a staff user works a case of `queueKey` assigned to `ownerId` (the staff branch of the visibility rule). */
export function staffWorksCase(actor: Actor, c: { queueKey?: string; ownerId?: string | null }): boolean {
  if (!isStaff(actor)) return false;
  if (worksAllQueues(actor)) return true;
  return (
    (c.queueKey !== undefined && actor.queues.includes(c.queueKey)) ||
    (c.ownerId !== undefined && c.ownerId !== null && c.ownerId === actor.id)
  );
}

/** Reassigning to anyone on the staff (not only a member of the case's queue). */
export function canAssignToAnyone(actor: Actor): boolean {
  return worksAllQueues(actor);
}

/** Escalations are handled by support managers (and administrators) (SPEC §1). */
export function canHandleEscalations(actor: Actor): boolean {
  return worksAllQueues(actor);
}

/** Who may be given a case: active staff; an engineer only for a queue they belong to (checked by the caller). */
export function canBeAssigned(user: { kind: string; active: number | boolean }): boolean {
  return user.kind === 'staff' && (user.active === 1 || user.active === true);
}
