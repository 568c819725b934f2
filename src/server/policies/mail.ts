import type { Actor } from './actor.ts';

/** The mail log (the dev mailbox included) holds every case's mail: vendor support staff only. */
export function canReadMailLog(actor: Actor): boolean {
  return actor.kind === 'staff' && actor.active;
}

/** Retrying a delivery that was given up: managers and administrators. */
export function canRetryDelivery(actor: Actor): boolean {
  return (
    actor.kind === 'staff' && actor.active && (actor.role === 'manager' || actor.role === 'administrator')
  );
}
