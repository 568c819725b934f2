import { expect } from 'vitest';
import { AppError } from '../errors.ts';

/** Awaits a command that must be refused and answers its AppError (status, code, fields) for assertions. */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
