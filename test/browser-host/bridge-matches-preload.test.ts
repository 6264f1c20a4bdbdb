/**
 * The browser host's stand-in for the preload (browser-host/bridge.js, as the
 * host serves it) must behave as the real preload (src-main/preload/index.ts)
 * does: the same members, the same channels and events let through, the same
 * refusals word for word, the same payload-only event delivery.
 */
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadBridge } from '../../browser-host/server';
import { channelNames, eventNames } from '../../src-main/ipc/contract';
import { contextBridge, ipcRenderer } from '../electron/fake-electron';

vi.mock('electron', () => import('../electron/fake-electron'));

interface Bridge {
  invoke(channel: unknown, payload: unknown): Promise<unknown>;
  on(event: unknown, listener: unknown): () => void;
}

/** A WebSocket that opens at once and answers every call as the fake ipcRenderer does. */
class EchoSocket extends EventTarget {
  static readonly OPEN = 1;
  static last: EchoSocket | undefined;
  readyState = 0;
  constructor(readonly url: string) {
    super();
    EchoSocket.last = this;
    queueMicrotask(() => {
      this.readyState = EchoSocket.OPEN;
      this.dispatchEvent(new Event('open'));
    });
  }
  send(raw: string): void {
    const { id, channel, payload } = JSON.parse(raw) as {
      id: number;
      channel: string;
      payload: unknown;
    };
    const result = { ok: true, value: { channel, payload } };
    queueMicrotask(() => this.deliver({ type: 'result', id, result }));
  }
  deliver(data: unknown): void {
    this.dispatchEvent(Object.assign(new Event('message'), { data: JSON.stringify(data) }));
  }
}

let preload: Bridge;
let standIn: Bridge;

beforeAll(async () => {
  await import('../../src-main/preload/index');
  preload = contextBridge.exposeInMainWorld.mock.calls[0]?.[1] as Bridge;

  const window: Record<string, unknown> = {};
  runInNewContext(await loadBridge(), {
    window,
    location: { search: '?harness=secret', host: '127.0.0.1:1' },
    URLSearchParams,
    WebSocket: EchoSocket,
    Object,
    Map,
    Set,
    Promise,
    JSON,
    String,
    Error,
    TypeError,
  });
  standIn = window.authenticator as Bridge;
});

/** What a call does: its result, or the error it throws (by kind and words). */
async function outcome(run: () => unknown): Promise<unknown> {
  try {
    return { returned: await run() };
  } catch (error) {
    return { threw: (error as Error).constructor.name, message: (error as Error).message };
  }
}

describe('the browser host bridge against the preload', () => {
  it('has the same members', () => {
    expect(Object.keys(standIn).sort()).toEqual(Object.keys(preload).sort());
    for (const key of Object.keys(preload)) {
      expect(typeof standIn[key as keyof Bridge]).toBe(typeof preload[key as keyof Bridge]);
    }
  });

  it('lets every contract channel through with its payload', async () => {
    for (const channel of channelNames) {
      const payload = { n: 1 };
      expect(await outcome(() => standIn.invoke(channel, payload))).toEqual(
        await outcome(() => preload.invoke(channel, payload)),
      );
    }
    expect(ipcRenderer.invoke).toHaveBeenCalledTimes(channelNames.length);
  });

  it.each([
    'vault:secrets',
    'ELECTRON_BROWSER_REQUIRE',
    '__proto__',
    'toString',
    'x'.repeat(300),
    42,
    undefined,
    null,
  ])('refuses the non-contract channel %j in the same words', async (channel) => {
    expect(await outcome(() => standIn.invoke(channel, {}))).toEqual(
      await outcome(() => preload.invoke(channel, {})),
    );
  });

  const ignore = (): void => undefined;
  it.each<[string, unknown, unknown]>([
    ['a channel name as an event', 'vault:list', ignore],
    ['an Electron internal', 'ELECTRON_RENDERER_PROCESS', ignore],
    ['a non-function listener', eventNames[0], 'not a function'],
    ['no event at all', undefined, ignore],
  ])('refuses %s in the same words', async (_label, event, listener) => {
    const real = await outcome(() => preload.on(event, listener));
    expect(real).toHaveProperty('threw');
    expect(await outcome(() => standIn.on(event, listener))).toEqual(real);
  });

  it('delivers every contract event with only its payload, until unsubscribed', () => {
    for (const event of eventNames) {
      const viaPreload = vi.fn();
      const viaStandIn = vi.fn();
      const offPreload = preload.on(event, viaPreload);
      const offStandIn = standIn.on(event, viaStandIn);
      ipcRenderer.emit(event, { sender: ipcRenderer }, { changed: event });
      EchoSocket.last?.deliver({ type: 'event', event, payload: { changed: event } });
      expect(viaStandIn.mock.calls).toEqual(viaPreload.mock.calls);
      expect(viaStandIn.mock.calls).toEqual([[{ changed: event }]]);
      offPreload();
      offStandIn();
      ipcRenderer.emit(event, {}, {});
      EchoSocket.last?.deliver({ type: 'event', event, payload: {} });
      expect(viaStandIn).toHaveBeenCalledTimes(1);
      expect(viaPreload).toHaveBeenCalledTimes(1);
    }
  });
});
