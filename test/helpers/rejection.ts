/** The error a call fails with, for tests that look at its code, message or fields. */
import { expect } from 'vitest';
import { AppError } from '../../src-main/core/errors';

type ErrorClass<E> = abstract new (...args: never[]) => E;

/**
 * What `promise` rejects with, checked to be an AppError (or the `kind`
 * given, e.g. an AWS SDK exception); a promise that resolves fails the test.
 */
export async function rejection(promise: Promise<unknown>): Promise<AppError>;
export async function rejection<E>(promise: Promise<unknown>, kind: ErrorClass<E>): Promise<E>;
export async function rejection(
  promise: Promise<unknown>,
  kind: ErrorClass<unknown> = AppError,
): Promise<unknown> {
  const outcome = await promise.then(
    () => ({ failed: false as const }),
    (error: unknown) => ({ failed: true as const, error }),
  );
  if (!outcome.failed) throw new Error('expected the call to fail, but it succeeded');
  expect(outcome.error).toBeInstanceOf(kind);
  return outcome.error;
}
