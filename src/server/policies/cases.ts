import type { ExpressionBuilder, ExpressionWrapper, SqlBool } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type Actor, holdsCaseAdmin, isAdminOfOrg, isElevatedSupportContact } from './actor.ts';
import { staffWorksCase, worksAllQueues } from './staff.ts';

/**
 * THE VISIBILITY RULE (SPEC §1) — the one place it lives.
 *
 * A customer user sees a case iff they hold Case Admin AND (they opened it, OR they are on its case
 * team, OR they are an Elevated Support Contact of the case's account). Never across accounts.
 * Vendor support staff, while active (issue 6, `staff.ts`): a manager or an administrator sees every
 * case; an engineer sees the cases of the queues they belong to and the cases assigned to them.
 *
 * `canSeeCase` decides for one case; `visibleCasesWhere` is the same rule as SQL for lists and
 * search. The visibility matrix test holds the two to each other.
 */

export interface CaseAccess {
  allowed: boolean;
  reason: string | null;
  code: 'ok' | 'inactive' | 'no_admin_role' | 'no_case_admin';
}

export const NO_CASE_ADMIN_MESSAGE =
  'Support cases need the Case Admin permission, which your admin account does not hold. ' +
  'Ask a super admin of your account to grant you Case Admin.';

/** Whether the case pages are open to this user at all, and if not, why, in words for the user. */
export function caseAccess(actor: Actor): CaseAccess {
  if (!actor.active) return { allowed: false, code: 'inactive', reason: 'Your user is deactivated.' };
  if (actor.kind === 'staff') return { allowed: true, code: 'ok', reason: null };
  if (actor.orgs.length === 0) {
    return {
      allowed: false,
      code: 'no_admin_role',
      reason: 'Support cases are for admins: you no longer hold an admin role on any org.',
    };
  }
  if (!holdsCaseAdmin(actor)) return { allowed: false, code: 'no_case_admin', reason: NO_CASE_ADMIN_MESSAGE };
  return { allowed: true, code: 'ok', reason: null };
}

export interface CaseFacts {
  accountId: string;
  openerId: string;
  teamUserIds: readonly string[];
  /** the case's queue and assignee, for the staff branch (absent: the staff user sees it by neither) */
  queueKey?: string;
  ownerId?: string | null;
}

export function canSeeCase(actor: Actor, c: CaseFacts): boolean {
  if (!actor.active) return false;
  if (actor.kind === 'staff') return staffWorksCase(actor, c);
  if (!holdsCaseAdmin(actor) || actor.accountId !== c.accountId) return false;
  return c.openerId === actor.id || c.teamUserIds.includes(actor.id) || isElevatedSupportContact(actor);
}

/**
 * Who may add a comment by replying to a case mail (SPEC §1, §6): an active customer of the case's account
 * who sees the case, or who is on its team and still an admin of the case's org — a team contact without
 * Case Admin gets the emails and may answer them, but cannot open the case pages.
 */
export function canPostByEmail(actor: Actor, c: CaseFacts & { orgId: string }): boolean {
  if (actor.kind !== 'customer' || !actor.active || actor.accountId !== c.accountId) return false;
  return canSeeCase(actor, c) || (c.teamUserIds.includes(actor.id) && isAdminOfOrg(actor, c.orgId));
}

/** The rule as a SQL condition on `cases`, for lists and search. */
export function visibleCasesWhere(actor: Actor) {
  return (eb: ExpressionBuilder<DB, 'cases'>): ExpressionWrapper<DB, 'cases', SqlBool> => {
    const never = eb.val(1).$castTo<number>();
    if (!actor.active) return eb(never, '=', 0);
    if (actor.kind === 'staff') {
      if (worksAllQueues(actor)) return eb(never, '=', 1);
      const assigned = eb('cases.owner_id', '=', actor.id);
      return actor.queues.length > 0
        ? eb.or([eb('cases.queue_key', 'in', actor.queues), assigned])
        : assigned;
    }
    if (!holdsCaseAdmin(actor)) return eb(never, '=', 0);
    return customerCasesWhere(actor.id, actor.accountId, isElevatedSupportContact(actor))(eb);
  };
}

/**
 * The customer branch of the rule, for a customer who holds Case Admin (the caller checks that): the cases
 * of their account they opened or are on the team of, or, for an Elevated Support Contact, every case of
 * the account. It depends on the user, the account and ESC only, so that a list can compile it once with
 * placeholders for the two ids (queries/listCases.ts): keep it that way.
 */
export function customerCasesWhere(userId: string, accountId: string, esc: boolean) {
  return (eb: ExpressionBuilder<DB, 'cases'>): ExpressionWrapper<DB, 'cases', SqlBool> => {
    const sameAccount = eb('cases.account_id', '=', accountId);
    return esc ? sameAccount : eb.and([sameAccount, openedOrOnTeam(userId)(eb)]);
  };
}

/** Cases the user opened or is on the case team of (no other check: a part of the rule, or a filter on top of it). */
export function openedOrOnTeam(userId: string) {
  return (eb: ExpressionBuilder<DB, 'cases'>): ExpressionWrapper<DB, 'cases', SqlBool> =>
    eb.or([
      eb('cases.opener_id', '=', userId),
      eb.exists(
        eb
          .selectFrom('case_team')
          .select('case_team.user_id')
          .whereRef('case_team.case_id', '=', 'cases.id')
          .where('case_team.user_id', '=', userId),
      ),
    ]);
}

/** Opening a case: Case Admin, on an org where the user is an admin. */
export function canOpenCaseOn(actor: Actor, orgId: string): boolean {
  return caseAccess(actor).allowed && actor.kind === 'customer' && isAdminOfOrg(actor, orgId);
}

/** Internal notes are for support staff only: never written or read by a customer. */
export function canSeeInternalNotes(actor: Actor): boolean {
  return actor.kind === 'staff' && actor.active;
}

/** Customer-side actions on a visible case (comment, team, contact data, solve, reopen, escalate). */
export function isCustomerOnCase(actor: Actor, c: CaseFacts): boolean {
  return actor.kind === 'customer' && canSeeCase(actor, c);
}

/**
 * History entries customers never see: internal notes, the vendor's internal routing (queue moves),
 * and a duplicate merged in (its number may belong to a case the customer may not see).
 */
export const STAFF_ONLY_HISTORY_ACTIONS: readonly string[] = [
  'internal_note_added',
  'queue_changed',
  'case_merged_in',
];

/** Only support deletes attachments (SPEC §3). */
export function canDeleteAttachment(actor: Actor): boolean {
  return actor.kind === 'staff' && actor.active;
}
