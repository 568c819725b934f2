import { randomBytes } from 'node:crypto';
import type { StaffRole } from '../../../shared/enums.ts';
import { hashPassword } from '../../auth/passwords.ts';
import type { Config } from '../../config.ts';
import type { Executor } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';

/**
 * The one code path that creates a user with a password: `casebook create-admin`, staff users and a
 * customer's first super admin made in administration. Hash first (slow), outside any transaction;
 * insert inside the caller's.
 */

/** A one-time initial password: 16 characters of base64url (96 random bits). */
export function generateInitialPassword(): string {
  return randomBytes(12).toString('base64url');
}

export function hashInitialPassword(password: string, cost: Config['argon2']): Promise<string> {
  return hashPassword(password, cost);
}

export type NewUser =
  | { kind: 'staff'; email: string; name: string; passwordHash: string; staffRole: StaffRole }
  | {
      kind: 'customer';
      email: string;
      name: string;
      passwordHash: string;
      accountId: string;
      caseAdmin: boolean;
    };

/** Inserts the user (email lower-cased) and answers its id. */
export async function insertUser(trx: Executor, user: NewUser, now: Date): Promise<string> {
  const id = newId(now.getTime());
  const iso = now.toISOString();
  await trx
    .insertInto('users')
    .values({
      id,
      email: user.email.trim().toLowerCase(),
      name: user.name,
      password_hash: user.passwordHash,
      kind: user.kind,
      staff_role: user.kind === 'staff' ? user.staffRole : null,
      account_id: user.kind === 'customer' ? user.accountId : null,
      case_admin: user.kind === 'customer' && user.caseAdmin ? 1 : 0,
      esc: 0,
      active: 1,
      created_at: iso,
      updated_at: iso,
    })
    .execute();
  return id;
}

/** True when some user (customer or staff) has this email already. */
export async function emailTaken(trx: Executor, email: string): Promise<boolean> {
  const row = await trx
    .selectFrom('users')
    .select('id')
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  return !!row;
}
