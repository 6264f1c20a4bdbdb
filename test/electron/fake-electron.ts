/**
 * A stand-in for the `electron` module (no binary exists here), recording
 * what the adapters ask of it. Tests load it with
 * `vi.mock('electron', () => import('./fake-electron'))` and call `resetFakes()`.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export class FakeWebContents extends EventEmitter {
  url = '';
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  sent: { channel: string; payload: unknown }[] = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  getURL(): string {
    return this.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
}

export class BrowserWindow extends EventEmitter {
  static windows: BrowserWindow[] = [];
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.windows;
  }
  readonly webContents = new FakeWebContents();
  loadedUrl: string | undefined;
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.windows.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.url = url;
    return Promise.resolve();
  }
  show(): void {}
}

type InvokeHandler = (event: unknown, payload: unknown) => unknown;

export const ipcMain = {
  handlers: new Map<string, InvokeHandler>(),
  handleCalls: [] as string[],
  handle: vi.fn((channel: string, handler: InvokeHandler) => {
    if (ipcMain.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    ipcMain.handleCalls.push(channel);
    ipcMain.handlers.set(channel, handler);
  }),
  removeHandler: vi.fn((channel: string) => {
    ipcMain.handlers.delete(channel);
  }),
};

export const ipcRenderer = Object.assign(new EventEmitter(), {
  invoke: vi.fn(async (channel: string, payload: unknown) => ({
    ok: true,
    value: { channel, payload },
  })),
});

export const contextBridge = {
  exposeInMainWorld: vi.fn(),
};

export class ClipboardItem {
  constructor(readonly items: Record<string, unknown>) {}
  get types(): string[] {
    return Object.keys(this.items);
  }
}

export const clipboard = {
  text: '',
  written: [] as ClipboardItem[][],
  failWrite: false,
  write: vi.fn(async (items: ClipboardItem[]) => {
    if (clipboard.failWrite) throw new Error('format not supported');
    clipboard.written.push(items);
    clipboard.text = String(items[0]?.items['text/plain'] ?? '');
  }),
  writeText: vi.fn(async (text: string) => {
    clipboard.text = text;
  }),
  readText: vi.fn(async () => clipboard.text),
  clear: vi.fn(() => {
    clipboard.text = '';
  }),
};

export const protocol = {
  registerSchemesAsPrivileged: vi.fn(),
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response>) => {
    protocol.handlers.set(scheme, handler);
  }),
};

export const net = {
  fetch: vi.fn(
    async (url: string) =>
      new Response(`contents of ${url}`, { status: 200, headers: { 'content-type': 'text/html' } }),
  ),
};

export class Notification {
  static supported = true;
  static shown: { title: string; body: string }[] = [];
  static isSupported(): boolean {
    return Notification.supported;
  }
  constructor(readonly options: { title: string; body: string }) {}
  show(): void {
    Notification.shown.push(this.options);
  }
}

export function fakeSession() {
  return {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    webRequest: { onHeadersReceived: vi.fn() },
  };
}

export const session = { defaultSession: fakeSession() };

export function resetFakes(): void {
  BrowserWindow.windows = [];
  ipcMain.handlers.clear();
  ipcMain.handleCalls = [];
  ipcRenderer.removeAllListeners();
  clipboard.text = '';
  clipboard.written = [];
  clipboard.failWrite = false;
  protocol.handlers.clear();
  Notification.supported = true;
  Notification.shown = [];
  session.defaultSession = fakeSession();
  vi.clearAllMocks();
}
