import type { Executor } from '../db/database.ts';
import { preparedQuery } from '../db/preparedQuery.ts';
import type { CasesTable } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import { type CaseFacts, canSeeCase } from '../policies/cases.ts';

/** A member of a case's team as the case JSON shows it, in the order they were added. */
export interface CaseTeamMember {
  id: string;
  name: string;
  email: string;
  added_at: string;
}

// Both reads are on every case route: compiled once, run with the number or the case id.
const caseByNumber = preparedQuery<[string], CasesTable>(
  (db, number) => db.selectFrom('cases').selectAll().where('number', '=', number),
  1,
);

/** The team of a case with each member's name and email, oldest first (one read). */
export const caseTeam = preparedQuery<[string], CaseTeamMember>(
  (db, caseId) =>
    db
      .selectFrom('case_team')
      .innerJoin('users', 'users.id', 'case_team.user_id')
      .select(['users.id', 'users.name', 'users.email', 'case_team.added_at'])
      .where('case_team.case_id', '=', caseId)
      .orderBy('case_team.added_at'),
  1,
);

/**
 * Loads a case by number for an actor, or answers 404 — the same 404 whether the case does not
 * exist or exists but is not visible (SPEC §11). Every case route starts here. The team it reads for
 * the visibility facts is returned too (`team`), so the case JSON need not read it again.
 */
export async function findVisibleCase(db: Executor, actor: Actor, number: string) {
  const [row] = await caseByNumber(db, number);
  if (!row) throw notFound();
  // case_team.user_id references users (foreign keys on), so the join keeps every member
  const team = await caseTeam(db, row.id);
  const facts: CaseFacts = {
    accountId: row.account_id,
    openerId: row.opener_id,
    teamUserIds: team.map((t) => t.id),
    queueKey: row.queue_key,
    ownerId: row.owner_id,
  };
  if (!canSeeCase(actor, facts)) throw notFound();
  return { row, facts, team };
}

export type VisibleCase = Awaited<ReturnType<typeof findVisibleCase>>;
