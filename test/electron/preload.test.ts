import { beforeAll, describe, expect, it, vi } from 'vitest';
import { channelNames, eventNames } from '../../src-main/ipc/contract';
import { contextBridge, ipcRenderer } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

interface Bridge {
  invoke(channel: unknown, payload: unknown): Promise<unknown>;
  on(event: unknown, listener: unknown): () => void;
}

let bridge: Bridge;

beforeAll(async () => {
  await import('../../src-main/preload/index');
  expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [name, exposed] = contextBridge.exposeInMainWorld.mock.calls[0] as [string, Bridge];
  expect(name).toBe('authenticator');
  bridge = exposed;
});

describe('the preload bridge', () => {
  it('exposes one object with only invoke and on', () => {
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  });

  it('forwards every contract channel to ipcRenderer.invoke', async () => {
    for (const channel of channelNames) {
      expect(await bridge.invoke(channel, { a: 1 })).toEqual({
        ok: true,
        value: { channel, payload: { a: 1 } },
      });
    }
    expect(ipcRenderer.invoke).toHaveBeenCalledTimes(channelNames.length);
  });

  it.each(['vault:secrets', 'ELECTRON_BROWSER_REQUIRE', '__proto__', 'toString', 42, undefined])(
    'refuses the non-contract channel %j without touching IPC',
    async (channel) => {
      ipcRenderer.invoke.mockClear();
      expect(await bridge.invoke(channel, {})).toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL' },
      });
      expect(ipcRenderer.invoke).not.toHaveBeenCalled();
    },
  );

  it('delivers contract events with only their payload, until unsubscribed', () => {
    const listener = vi.fn();
    const off = bridge.on(eventNames[0], listener);
    ipcRenderer.emit(eventNames[0] as string, { sender: ipcRenderer }, { changed: true });
    expect(listener).toHaveBeenCalledWith({ changed: true });
    expect(listener.mock.calls[0]).toHaveLength(1);
    off();
    ipcRenderer.emit(eventNames[0] as string, {}, {});
    expect(listener).toHaveBeenCalledTimes(1);
    expect(ipcRenderer.listenerCount(eventNames[0] as string)).toBe(0);
  });

  it('refuses non-contract events and non-function listeners', () => {
    expect(() => bridge.on('vault:list', () => undefined)).toThrow(/no event named/);
    expect(() => bridge.on('ELECTRON_RENDERER_PROCESS', () => undefined)).toThrow(/no event named/);
    expect(() => bridge.on(eventNames[0], 'not a function')).toThrow(TypeError);
  });
});
