import type { Actor } from './actor.ts';

/** Reports (deflection now; the dashboard of issue 6 later) are for support managers and administrators (SPEC §1). */
export function canSeeReports(actor: Actor): boolean {
  return (
    actor.kind === 'staff' && actor.active && (actor.role === 'manager' || actor.role === 'administrator')
  );
}
