/** Unlocking needs proof: the OS's own check where it exists, else the scrypt-hashed passphrase. */
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppLock } from '../../../src-main/core/lock/app-lock';
import { passphraseMatches, SCRYPT_PARAMS } from '../../../src-main/core/lock/passphrase';
import { Unlocker } from '../../../src-main/core/lock/unlock';
import type { UserVerifier } from '../../../src-main/core/ports';
import { createAppStateFile } from '../../../src-main/node/state-files';

function setUp(verifier?: UserVerifier) {
  const lock = new AppLock();
  const state = createAppStateFile(mkdtempSync(join(tmpdir(), 'cda-unlock-')));
  return { lock, state, unlocker: new Unlocker({ lock, state, verifier }) };
}

describe('Unlocker', () => {
  it('has the first lock choose the passphrase, then needs it: wrong stays locked, right unlocks', async () => {
    const { lock, state, unlocker } = setUp();
    await lock.set(true);
    await expect(unlocker.status()).resolves.toEqual({
      locked: true,
      unlockWith: 'choose-passphrase',
    });
    await expect(unlocker.unlock('short')).rejects.toMatchObject({ code: 'PASSPHRASE_TOO_SHORT' });
    await unlocker.unlock('correct horse battery');
    expect(lock.locked).toBe(false);

    const stored = (await state.read()).lock?.passphrase;
    expect(stored).toMatchObject({ kdf: 'scrypt', ...SCRYPT_PARAMS });
    await state.flush();
    expect(await readFile(state.path, 'utf8')).not.toContain('correct horse');
    await expect(passphraseMatches('correct horse battery', stored!)).resolves.toBe(true);

    await lock.set(true);
    await expect(unlocker.status()).resolves.toEqual({ locked: true, unlockWith: 'passphrase' });
    await expect(unlocker.unlock()).rejects.toMatchObject({ code: 'PASSPHRASE_REQUIRED' });
    await expect(unlocker.unlock('wrong horse battery')).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
      field: 'passphrase',
    });
    expect(lock.locked).toBe(true);
    await unlocker.unlock('correct horse battery');
    expect(lock.locked).toBe(false);
  });

  it('changes the passphrase only with the current one', async () => {
    const { unlocker, lock } = setUp();
    await unlocker.setPassphrase('first passphrase');
    await expect(unlocker.setPassphrase('second passphrase')).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });
    await expect(unlocker.setPassphrase('second passphrase', 'nope nope')).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });
    await unlocker.setPassphrase('second passphrase', 'first passphrase');
    await lock.set(true);
    await expect(unlocker.unlock('first passphrase')).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });
    await unlocker.unlock('second passphrase');
    expect(lock.locked).toBe(false);
  });

  it("uses the system's own check where there is one, and stays locked when it says no", async () => {
    const answers = [false, true];
    const reasons: string[] = [];
    const verifier: UserVerifier = {
      available: () => true,
      verify: async (reason) => {
        reasons.push(reason);
        return answers.shift() ?? false;
      },
    };
    const { lock, unlocker } = setUp(verifier);
    await lock.set(true);
    await expect(unlocker.status()).resolves.toEqual({ locked: true, unlockWith: 'os' });
    await expect(unlocker.unlock()).rejects.toMatchObject({ code: 'UNLOCK_REFUSED' });
    expect(lock.locked).toBe(true);
    await unlocker.unlock();
    expect(lock.locked).toBe(false);
    expect(reasons).toEqual(['unlock Cognito Authenticator', 'unlock Cognito Authenticator']);
  });
});
