/** Handlers of the clipboard-delay setting channels. */
import type { ClipboardPolicy } from '../../core/clipboard-policy';
import type { AppStateFile } from '../../core/state/app-state';
import type { HandlerGroup } from '../router';

export interface ClipboardHandlerServices {
  state: AppStateFile;
  clipboard: ClipboardPolicy;
}

export function clipboardHandlers({
  state,
  clipboard,
}: ClipboardHandlerServices): HandlerGroup<'clipboard'> {
  return {
    'clipboard:getClearDelay': async () => ({ seconds: clipboard.clearDelaySeconds }),
    'clipboard:setClearDelay': async ({ seconds }) => {
      // Saved first: the running policy changes only once the setting is on disk.
      await state.update((draft) => {
        draft.settings.clipboardClearSeconds = seconds;
      });
      clipboard.setClearDelay(seconds);
      return { seconds };
    },
  };
}
