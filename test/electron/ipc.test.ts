import { beforeEach, describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../src-main/ipc/contract';
import type { EventName } from '../../src-main/ipc/contract';
import { BrowserWindow, ipcMain, resetFakes } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { forwardEvents, wireIpc } = await import('../../src-main/electron/ipc');
const { appPage } = await import('../../src-main/electron/app-page');

const page = appPage();
const APP_URL = 'app://bundle/index.html';

beforeEach(() => resetFakes());

function frame(url: string, parent: unknown = null) {
  return { senderFrame: { url, parent } };
}

describe('wireIpc', () => {
  it('registers exactly one ipcMain.handle per contract channel', () => {
    wireIpc(vi.fn(), page.isAppUrl);
    expect([...ipcMain.handleCalls].sort()).toEqual([...channelNames].sort());
  });

  it("dispatches calls from the app's own top-level page, with its URL as context", async () => {
    const dispatch = vi.fn(async () => ({ ok: true as const, value: 'listed' }));
    wireIpc(dispatch, page.isAppUrl);
    const result = await ipcMain.handlers.get('vault:list')?.(frame(`${APP_URL}#/vault`), { x: 1 });
    expect(result).toEqual({ ok: true, value: 'listed' });
    expect(dispatch).toHaveBeenCalledWith(
      'vault:list',
      { x: 1 },
      { transport: 'electron', senderUrl: `${APP_URL}#/vault` },
    );
  });

  it.each([
    ['a null sender frame', { senderFrame: null }],
    ['a foreign page', frame('https://evil.example/index.html')],
    ['a file:// page', frame('file:///tmp/index.html')],
    ['another app:// host', frame('app://other/index.html')],
    ['a subframe of the app page', frame(APP_URL, { url: APP_URL })],
  ])('refuses %s without dispatching', async (_what, event) => {
    const dispatch = vi.fn();
    wireIpc(dispatch, page.isAppUrl);
    const result = await ipcMain.handlers.get('vault:delete')?.(event, { id: 'a' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER', retryable: false },
    });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('accepts the dev server origin in development, and nothing else', async () => {
    const dev = appPage('http://localhost:5173/');
    const dispatch = vi.fn(async () => ({ ok: true as const, value: null }));
    wireIpc(dispatch, dev.isAppUrl);
    const handler = ipcMain.handlers.get('vault:list');
    expect(await handler?.(frame('http://localhost:5173/index.html'), {})).toMatchObject({
      ok: true,
    });
    expect(await handler?.(frame('http://localhost:5174/'), {})).toMatchObject({ ok: false });
    expect(await handler?.(frame(APP_URL), {})).toMatchObject({ ok: false });
  });

  it('removes every handler when unwired', () => {
    const unwire = wireIpc(vi.fn(), page.isAppUrl);
    unwire();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('forwardEvents', () => {
  it('sends events only to live windows showing the app page', () => {
    let emit: ((event: EventName, payload: unknown) => void) | undefined;
    forwardEvents((listener) => {
      emit = listener;
      return () => undefined;
    }, page.isAppUrl);
    const app = new BrowserWindow({});
    void app.loadURL(APP_URL);
    const foreign = new BrowserWindow({});
    void foreign.loadURL('https://evil.example/');
    const closed = new BrowserWindow({});
    void closed.loadURL(APP_URL);
    closed.webContents.destroyed = true;

    emit?.('vault:changed', {});
    expect(app.webContents.sent).toEqual([{ channel: 'vault:changed', payload: {} }]);
    expect(foreign.webContents.sent).toEqual([]);
    expect(closed.webContents.sent).toEqual([]);
  });
});
