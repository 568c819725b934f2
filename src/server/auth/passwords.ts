import { hash, verify } from '@node-rs/argon2';

/** Algorithm.Argon2id of @node-rs/argon2 (a const enum, which isolated modules cannot import). */
const ARGON2ID = 2;

import type { Config } from '../config.ts';

/** argon2id, the memory-hard function SPEC §9 asks for. */
export function hashPassword(password: string, cost: Config['argon2']): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, memoryCost: cost.memoryCost, timeCost: cost.timeCost });
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A real hash to verify against when the email is unknown, so both paths take the same time.
let decoy: Promise<string> | undefined;
export function decoyHash(cost: Config['argon2']): Promise<string> {
  decoy ??= hashPassword('decoy-password-for-timing', cost);
  return decoy;
}
