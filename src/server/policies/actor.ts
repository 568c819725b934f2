import type { OrgRole, StaffRole } from '../../shared/enums.ts';

/** Who is making a request, as loaded fresh from the database on every request. */
export type Actor = CustomerActor | StaffActor;

export interface CustomerActor {
  kind: 'customer';
  id: string;
  email: string;
  name: string;
  active: boolean;
  accountId: string;
  /** orgs where this user is an admin, with the role */
  orgs: { id: string; slug: string; name: string; role: OrgRole }[];
  /** the stored Case Admin grant (super admins hold Case Admin whatever this says) */
  caseAdminGrant: boolean;
  /** the stored Elevated Support Contact assignment */
  escGrant: boolean;
}

export interface StaffActor {
  kind: 'staff';
  id: string;
  email: string;
  name: string;
  active: boolean;
  role: StaffRole;
  /** keys of the queues this staff user belongs to (issue 6): an engineer works these queues' cases */
  queues: string[];
}

export function isSuperAdmin(actor: Actor): boolean {
  return actor.kind === 'customer' && actor.active && actor.orgs.some((o) => o.role === 'super_admin');
}

/** Case Admin as it takes effect: an active admin with an admin role left, granted or super admin (SPEC §1). */
export function holdsCaseAdmin(actor: Actor): boolean {
  if (actor.kind !== 'customer' || !actor.active || actor.orgs.length === 0) return false;
  return actor.caseAdminGrant || isSuperAdmin(actor);
}

/** Elevated Support Contact as it takes effect: only while Case Admin holds. */
export function isElevatedSupportContact(actor: Actor): boolean {
  return actor.kind === 'customer' && actor.escGrant && holdsCaseAdmin(actor);
}

export function isAdminOfOrg(actor: Actor, orgId: string): boolean {
  return actor.kind === 'customer' && actor.active && actor.orgs.some((o) => o.id === orgId);
}
