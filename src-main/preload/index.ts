/**
 * The sandboxed preload: exposes `window.authenticator` and nothing else.
 * It forwards only the contract's channels and events; anything else is
 * refused here before it reaches main (which checks again). Names come from
 * the zod-free names module, so this bundle holds no dependency but electron.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { channelNameList, eventNameList } from '../ipc/names';

const channels: ReadonlySet<string> = new Set(channelNameList);
const events: ReadonlySet<string> = new Set(eventNameList);

export const bridge = {
  invoke(channel: unknown, payload: unknown): Promise<unknown> {
    if (typeof channel !== 'string' || !channels.has(channel)) {
      return Promise.resolve({
        ok: false,
        error: {
          code: 'UNKNOWN_CHANNEL',
          message: `There is no channel named "${String(channel).slice(0, 100)}".`,
          retryable: false,
        },
      });
    }
    return ipcRenderer.invoke(channel, payload);
  },

  on(event: unknown, listener: unknown): () => void {
    if (typeof event !== 'string' || !events.has(event)) {
      throw new Error(`There is no event named "${String(event).slice(0, 100)}".`);
    }
    if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
    // Only the payload goes through: the IPC event object would hand the page ipcRenderer itself.
    const forward = (_event: IpcRendererEvent, payload: unknown) => {
      (listener as (payload: unknown) => void)(payload);
    };
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  },
};

contextBridge.exposeInMainWorld('authenticator', bridge);
