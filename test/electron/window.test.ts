import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, resetFakes, session } from './fake-electron';
import type { FakeWebContents } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { createMainWindow, lockDown } = await import('../../src-main/electron/window');
const { CONTENT_SECURITY_POLICY, hardenSession } = await import('../../src-main/electron/security');

beforeEach(() => resetFakes());

function preventable() {
  return { preventDefault: vi.fn() };
}

describe('createMainWindow', () => {
  it('hardens webPreferences and loads the app page', () => {
    const window = createMainWindow({
      preloadPath: '/app/out/preload/index.cjs',
      url: 'app://bundle/index.html',
    }) as unknown as BrowserWindow;
    expect(window.options.webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    });
    expect(window.loadedUrl).toBe('app://bundle/index.html');
  });

  it('denies navigation, redirects, webviews and window.open', () => {
    const window = createMainWindow({
      preloadPath: 'p',
      url: 'app://bundle/index.html',
    }) as unknown as BrowserWindow;
    const contents = window.webContents;
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = preventable();
      contents.emit(name, event, 'https://evil.example/');
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
  });

  it('locks down any other webContents the same way', () => {
    const contents = new (class extends BrowserWindow {})({}).webContents as FakeWebContents;
    lockDown(contents as never);
    const event = preventable();
    contents.emit('will-navigate', event, 'file:///etc/passwd');
    expect(event.preventDefault).toHaveBeenCalled();
    expect(contents.windowOpenHandler?.({ url: 'x' })).toEqual({ action: 'deny' });
  });
});

describe('hardenSession', () => {
  it('denies every permission request and check', () => {
    hardenSession(session.defaultSession as never);
    const request = session.defaultSession.setPermissionRequestHandler.mock.calls[0]?.[0] as (
      wc: unknown,
      permission: string,
      callback: (granted: boolean) => void,
    ) => void;
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
    ]) {
      const callback = vi.fn();
      request({}, permission, callback);
      expect(callback, permission).toHaveBeenCalledWith(false);
    }
    const check = session.defaultSession.setPermissionCheckHandler.mock.calls[0]?.[0] as (
      ...args: unknown[]
    ) => boolean;
    expect(check({}, 'media', 'app://bundle')).toBe(false);
  });

  it('puts our CSP on every response, replacing any the server sent', () => {
    hardenSession(session.defaultSession as never);
    const onHeaders = session.defaultSession.webRequest.onHeadersReceived.mock.calls[0]?.[0] as (
      details: { responseHeaders?: Record<string, string[]> },
      callback: (response: { responseHeaders: Record<string, string[]> }) => void,
    ) => void;
    const callback = vi.fn();
    onHeaders(
      {
        responseHeaders: {
          'content-security-policy': ["script-src 'unsafe-eval'"],
          'Content-Type': ['text/html'],
        },
      },
      callback,
    );
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: {
        'Content-Type': ['text/html'],
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });
});

describe('the content security policy', () => {
  const directives = (policy: string) =>
    new Map(
      policy
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean)
        .map((d) => [d.split(/\s+/)[0], d]),
    );

  it('allows no inline script, eval or foreign origin', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|\*|https?:/);
    const policy = directives(CONTENT_SECURITY_POLICY);
    expect(policy.get('script-src')).toBe("script-src 'self'");
    expect(policy.get('object-src')).toBe("object-src 'none'");
    expect(policy.get('frame-ancestors')).toBe("frame-ancestors 'none'");
  });

  it("agrees with the renderer's meta tag (which cannot carry frame-ancestors)", async () => {
    const html = await readFile(join(import.meta.dirname, '../../src-renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta, 'index.html has a CSP meta tag').toBeDefined();
    const header = directives(CONTENT_SECURITY_POLICY);
    header.delete('frame-ancestors');
    expect(directives(meta ?? '')).toEqual(header);
  });
});
