import type { Actor } from './actor.ts';

/**
 * Administration (SPEC §1, issue 6): the support administrator configures accounts, orgs, plans,
 * SLA targets, issue areas, queues, staff; managers also keep the canned responses; every staff
 * member reads them (the workspace's picker). Customers get none of it.
 */

const activeStaff = (actor: Actor) => actor.kind === 'staff' && actor.active;

export function canAdminister(actor: Actor): boolean {
  return activeStaff(actor) && actor.kind === 'staff' && actor.role === 'administrator';
}

export function canManageCannedResponses(actor: Actor): boolean {
  return (
    activeStaff(actor) &&
    actor.kind === 'staff' &&
    (actor.role === 'administrator' || actor.role === 'manager')
  );
}

export function canReadCannedResponses(actor: Actor): boolean {
  return activeStaff(actor);
}

/** An administrator may not deactivate themselves, demote themselves, or leave no active administrator. */
export function wouldRemoveAdministrator(
  target: { role: string; active: boolean },
  next: { role: string; active: boolean },
): boolean {
  return target.active && target.role === 'administrator' && !(next.active && next.role === 'administrator');
}
