/**
 * ipcMain wiring: one handler per contract channel, each refusing callers
 * that are not the app's own top-level page, and main→renderer events sent
 * only to windows showing that page.
 */
import { BrowserWindow, ipcMain } from 'electron';
import type { IpcMainInvokeEvent } from 'electron';
import { channelNames } from '../ipc/contract';
import type { EventName, Result } from '../ipc/contract';
import type { CallContext } from '../ipc/router';

export type Dispatch = (
  channel: string,
  payload: unknown,
  ctx?: CallContext,
) => Promise<Result<unknown>>;

const FORBIDDEN: Result<never> = {
  ok: false,
  error: {
    code: 'FORBIDDEN_SENDER',
    message: 'This page is not part of the app, so it may not use the app.',
    retryable: false,
  },
};

export function wireIpc(dispatch: Dispatch, isAppUrl: (url: string) => boolean): () => void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, payload: unknown) => {
      const url = trustedSenderUrl(event, isAppUrl);
      if (url === undefined) return FORBIDDEN;
      return dispatch(channel, payload, { transport: 'electron', senderUrl: url });
    });
  }
  return () => {
    for (const channel of channelNames) ipcMain.removeHandler(channel);
  };
}

/**
 * The sender frame is null once it navigated away or was destroyed; a
 * subframe or any other URL is not the app's page. Either way: refuse.
 */
function trustedSenderUrl(
  event: IpcMainInvokeEvent,
  isAppUrl: (url: string) => boolean,
): string | undefined {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null || !isAppUrl(frame.url)) return undefined;
  return frame.url;
}

export function forwardEvents(
  subscribe: (listener: (event: EventName, payload: unknown) => void) => () => void,
  isAppUrl: (url: string) => boolean,
): () => void {
  return subscribe((event, payload) => {
    for (const window of BrowserWindow.getAllWindows()) {
      const contents = window.webContents;
      if (!contents.isDestroyed() && isAppUrl(contents.getURL())) contents.send(event, payload);
    }
  });
}
