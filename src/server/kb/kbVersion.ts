import { readCounter } from '../db/counters.ts';
import type { Executor } from '../db/database.ts';

/** The counter row that every knowledge base write moves on, in the write's transaction. */
const VERSION_COUNTER = 'kb_version';

/** Moves the knowledge base's version on: cached search results of every process become stale. */
export async function bumpKnowledgeBaseVersion(trx: Executor): Promise<void> {
  await trx
    .insertInto('counters')
    .values({ name: VERSION_COUNTER, value: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })))
    .execute();
}

export async function knowledgeBaseVersion(db: Executor): Promise<number> {
  return (await readCounter(db, VERSION_COUNTER)) ?? 0;
}

type Listener = () => void;
const listeners = new Set<Listener>();

/** Called once a knowledge base write has committed: caches in this process drop what they kept at once
 * (other processes notice the version within a second). */
export function knowledgeBaseWritten(): void {
  for (const listener of listeners) listener();
}

/** Subscribes to committed knowledge base writes of this process; returns the unsubscribe. */
export function onKnowledgeBaseWritten(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
