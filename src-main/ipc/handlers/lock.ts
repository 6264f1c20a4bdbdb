/** Handlers of the app lock and idle-lock setting channels. */
import { AppError } from '../../core/errors';
import type { AppLock } from '../../core/lock/app-lock';
import type { Unlocker } from '../../core/lock/unlock';
import type { IdleLock } from '../../core/lock/idle-lock';
import type { AppStateFile } from '../../core/state/app-state';
import type { HandlerGroup } from '../router';

export interface LockHandlerServices {
  state: AppStateFile;
  lock: AppLock;
  idleLock: Pick<IdleLock, 'minutes' | 'setMinutes'>;
  unlocker: Unlocker;
}

export function lockHandlers({
  state,
  lock,
  idleLock,
  unlocker,
}: LockHandlerServices): HandlerGroup<'lock'> {
  return {
    'lock:get': () => unlocker.status(),
    'lock:set': async ({ locked }) => {
      if (!locked && lock.locked) {
        throw new AppError({
          code: 'UNLOCK_NEEDS_PROOF',
          message:
            'Unlock from the lock screen, with your passphrase or your system’s sign-in check.',
        });
      }
      await lock.set(locked);
      return { locked: lock.locked };
    },
    'lock:unlock': async ({ passphrase }) => {
      await unlocker.unlock(passphrase);
      return { locked: lock.locked };
    },
    'lock:setPassphrase': async ({ passphrase, current }) => {
      await unlocker.setPassphrase(passphrase, current);
      return { ok: true };
    },
    'lock:getIdleMinutes': async () => ({ minutes: idleLock.minutes }),
    'lock:setIdleMinutes': async ({ minutes }) => {
      // Saved first, as with the clipboard delay: the running timer follows the file.
      await state.update((draft) => {
        draft.settings.idleLockMinutes = minutes;
      });
      idleLock.setMinutes(minutes);
      return { minutes };
    },
  };
}
