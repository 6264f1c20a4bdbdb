/**
 * What it takes to unlock: the operating system's own check of the user
 * (Touch ID on macOS, through the UserVerifier port) where it exists, else
 * the unlock passphrase, which the person chooses the first time the app
 * locks. Locking needs nothing.
 */
import { AppError } from '../errors';
import type { UserVerifier } from '../ports';
import type { AppStateFile } from '../state/app-state';
import type { AppLock } from './app-lock';
import { hashPassphrase, MIN_PASSPHRASE_LENGTH, passphraseMatches } from './passphrase';

/** How the lock screen asks for proof; 'choose-passphrase' until one is set. */
export type UnlockMethod = 'os' | 'passphrase' | 'choose-passphrase';

export interface LockStatus {
  locked: boolean;
  unlockWith: UnlockMethod;
}

export interface UnlockerDeps {
  lock: AppLock;
  state: AppStateFile;
  verifier?: UserVerifier;
}

/** Wrong guesses in a row before each further try waits this long more. */
const FREE_TRIES = 3;
const DELAY_STEP_MS = 1_000;

export class Unlocker {
  private failures = 0;

  constructor(private readonly deps: UnlockerDeps) {}

  async status(): Promise<LockStatus> {
    return { locked: this.deps.lock.locked, unlockWith: await this.method() };
  }

  private async method(): Promise<UnlockMethod> {
    if (this.deps.verifier?.available()) return 'os';
    const state = await this.deps.state.read();
    return state.lock?.passphrase ? 'passphrase' : 'choose-passphrase';
  }

  /** Sets the passphrase; changing one that exists takes the current one. */
  async setPassphrase(passphrase: string, current?: string): Promise<void> {
    if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
      throw new AppError({
        code: 'PASSPHRASE_TOO_SHORT',
        message: `Choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters.`,
        field: 'passphrase',
      });
    }
    const stored = (await this.deps.state.read()).lock?.passphrase;
    if (stored && !(current !== undefined && (await passphraseMatches(current, stored)))) {
      throw new AppError({
        code: 'WRONG_PASSPHRASE',
        message: 'The current passphrase is not right.',
        field: 'current',
      });
    }
    const hash = await hashPassphrase(passphrase);
    await this.deps.state.update((draft) => {
      draft.lock = { ...draft.lock, passphrase: hash };
    });
  }

  async unlock(passphrase?: string): Promise<void> {
    if (!this.deps.lock.locked) return;
    const method = await this.method();
    if (method === 'os') {
      const verifier = this.deps.verifier as UserVerifier;
      if (!(await verifier.verify('unlock Cognito Authenticator'))) {
        throw new AppError({
          code: 'UNLOCK_REFUSED',
          message: 'Your system did not confirm it is you, so the app stays locked. Try again.',
          retryable: true,
        });
      }
    } else if (method === 'choose-passphrase') {
      // The first lock: whoever is here now chooses what every later unlock needs.
      if (passphrase === undefined) throw needPassphrase();
      await this.setPassphrase(passphrase);
    } else {
      if (passphrase === undefined) throw needPassphrase();
      await this.slowDownGuessing();
      const stored = (await this.deps.state.read()).lock?.passphrase;
      if (!stored || !(await passphraseMatches(passphrase, stored))) {
        this.failures++;
        throw new AppError({
          code: 'WRONG_PASSPHRASE',
          message: 'That is not the unlock passphrase. Try again.',
          retryable: true,
          field: 'passphrase',
        });
      }
    }
    this.failures = 0;
    await this.deps.lock.set(false);
  }

  private async slowDownGuessing(): Promise<void> {
    const extra = Math.max(0, this.failures - FREE_TRIES + 1) * DELAY_STEP_MS;
    if (extra > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(extra, 30_000)));
  }
}

function needPassphrase(): AppError {
  return new AppError({
    code: 'PASSPHRASE_REQUIRED',
    message: 'Enter the unlock passphrase.',
    field: 'passphrase',
  });
}
