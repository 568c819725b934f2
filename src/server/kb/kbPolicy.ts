import type { KbStatus } from '../db/schema.ts';
import type { Actor } from '../policies/actor.ts';

/** Who may edit the knowledge base: vendor support staff (any staff role). */
export function canEditKnowledgeBase(actor: Actor): boolean {
  return actor.kind === 'staff' && actor.active;
}

/** Customers read published entries; staff read drafts too. */
export function canReadKbEntry(actor: Actor, status: KbStatus): boolean {
  return status === 'published' || canEditKnowledgeBase(actor);
}
