/** Handlers of the app lock and idle-lock setting channels. */
import type { AppLock } from '../../core/lock/app-lock';
import type { IdleLock } from '../../core/lock/idle-lock';
import type { AppStateFile } from '../../core/state/app-state';
import type { HandlerGroup } from '../router';

export interface LockHandlerServices {
  state: AppStateFile;
  lock: AppLock;
  idleLock: Pick<IdleLock, 'minutes' | 'setMinutes'>;
}

export function lockHandlers({ state, lock, idleLock }: LockHandlerServices): HandlerGroup<'lock'> {
  return {
    'lock:get': async () => ({ locked: lock.locked }),
    'lock:set': async ({ locked }) => {
      await lock.set(locked);
      return { locked: lock.locked };
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
