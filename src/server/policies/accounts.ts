import { type Actor, holdsCaseAdmin, isSuperAdmin } from './actor.ts';

/** Only a super admin of the account grants or revokes Case Admin and assigns or removes ESC (SPEC §1). */
export function canManageCasePermissions(actor: Actor, accountId: string): boolean {
  return actor.kind === 'customer' && isSuperAdmin(actor) && actor.accountId === accountId;
}

/** ESC goes only to admins who already hold Case Admin. */
export function canBecomeEsc(target: Actor): boolean {
  return holdsCaseAdmin(target);
}
