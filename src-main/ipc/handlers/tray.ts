/** Handlers of the tray's pinned-items channels. */
import type { TrayPins } from '../../core/tray/pins';
import type { HandlerGroup } from '../router';

export interface TrayHandlerServices {
  trayPins: TrayPins;
}

export function trayHandlers({ trayPins }: TrayHandlerServices): HandlerGroup<'tray'> {
  return {
    'tray:getPins': async () => ({ pinned: await trayPins.list() }),
    'tray:setPins': async ({ pinned }) => ({ pinned: await trayPins.set(pinned) }),
  };
}
