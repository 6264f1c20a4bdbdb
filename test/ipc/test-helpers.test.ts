/**
 * The shared test helpers answer for what they promise: dispatchOk's value is
 * typed by channel, and a call that should have failed but did not fails the
 * test instead of passing it by.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { AppError } from '../../src-main/core/errors';
import type { Result, VaultAccountView } from '../../src-main/ipc/contract';
import { dispatchError, dispatchOk } from '../helpers/dispatch';
import { rejection } from '../helpers/rejection';

const answering = (result: Result<unknown>) => ({ dispatch: async () => result });
const refused: Result<unknown> & { ok: false } = {
  ok: false,
  error: { code: 'LOCKED', message: 'Unlock first.', retryable: false },
};

describe('dispatchOk and dispatchError', () => {
  it('types the value by channel and checks the request against it', async () => {
    const app = answering({ ok: true, value: { id: 'a1' } });
    const added = dispatchOk(app, 'vault:addUri', { uri: 'otpauth://totp/A?secret=JBSWY3DP' });
    expectTypeOf(added).resolves.toEqualTypeOf<VaultAccountView>();
    await expect(added).resolves.toEqual({ id: 'a1' });
    // @ts-expect-error vault:addUri takes a uri, not an id
    void dispatchOk(app, 'vault:addUri', { id: 'a1' });
  });

  it('throws with the error of a failed call, and hands it back when a failure was wanted', async () => {
    await expect(dispatchOk(answering(refused), 'vault:list', {})).rejects.toThrow(
      'vault:list failed: LOCKED Unlock first.',
    );
    await expect(dispatchError(answering(refused), 'vault:list', {})).resolves.toEqual(
      refused.error,
    );
    await expect(
      dispatchError(answering({ ok: true, value: { accounts: [] } }), 'vault:list', {}),
    ).rejects.toThrow('vault:list succeeded, but should have failed');
  });
});

describe('rejection', () => {
  it('hands back the AppError a call fails with', async () => {
    const error = new AppError({ code: 'LOCKED', message: 'Unlock first.' });
    await expect(rejection(Promise.reject(error))).resolves.toBe(error);
  });

  it('fails on a call that succeeds, or fails with another kind of error', async () => {
    await expect(rejection(Promise.resolve(undefined))).rejects.toThrow(
      'expected the call to fail, but it succeeded',
    );
    await expect(rejection(Promise.reject(new TypeError('not an AppError')))).rejects.toThrow();
    await expect(rejection(Promise.reject(new TypeError('x')), TypeError)).resolves.toBeInstanceOf(
      TypeError,
    );
  });
});
