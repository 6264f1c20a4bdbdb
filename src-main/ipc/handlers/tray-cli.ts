/** Handlers of the tray pins, clipboard delay, lock and CLI access-list channels (issue 5). */
import type { AccessList } from '../../core/cli-bridge/access-list';
import type { UiApprovalPrompt } from '../../core/cli-bridge/ui-approval-prompt';
import type { ClipboardPolicy } from '../../core/clipboard-policy';
import type { AppStateFile } from '../../core/state/app-state';
import type { AppLock } from '../../core/tray/app-lock';
import type { IdleLock } from '../../core/tray/idle-lock';
import type { TrayPins } from '../../core/tray/pins';
import type { HandlerGroup } from '../router';

export interface TrayCliHandlerServices {
  state: AppStateFile;
  clipboard: ClipboardPolicy;
  lock: AppLock;
  idleLock: Pick<IdleLock, 'minutes' | 'setMinutes'>;
  trayPins: TrayPins;
  cliAccess: AccessList;
  cliApprovals: UiApprovalPrompt;
}

export function trayCliHandlers(
  services: TrayCliHandlerServices,
): HandlerGroup<'tray'> & HandlerGroup<'clipboard'> & HandlerGroup<'lock'> & HandlerGroup<'cli'> {
  const { state, clipboard, lock, idleLock, trayPins, cliAccess, cliApprovals } = services;
  return {
    'tray:getPins': async () => ({ pinned: await trayPins.list() }),
    'tray:setPins': async ({ pinned }) => ({ pinned: await trayPins.set(pinned) }),
    'clipboard:getClearDelay': async () => ({ seconds: clipboard.clearDelaySeconds }),
    'clipboard:setClearDelay': async ({ seconds }) => {
      // Saved first: the running policy changes only once the setting is on disk.
      await state.update((draft) => {
        draft.settings.clipboardClearSeconds = seconds;
      });
      clipboard.setClearDelay(seconds);
      return { seconds };
    },
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
    'cli:listAllowed': async () => ({ programs: await cliAccess.list() }),
    'cli:revokeAllowed': async ({ id }) => {
      await cliAccess.revoke(id);
      return { programs: await cliAccess.list() };
    },
    'cli:answerApproval': async ({ requestId, decision, minutes }) => {
      cliApprovals.answer(requestId, decision, minutes);
      return { ok: true };
    },
  };
}
