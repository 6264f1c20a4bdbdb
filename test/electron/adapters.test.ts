import { join, sep } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { clipboard, net, Notification, protocol, resetFakes } from './fake-electron';
import type { ClipboardItem } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { ElectronClipboard, concealedMarkers } = await import('../../src-main/electron/clipboard');
const { ElectronNotifier } = await import('../../src-main/electron/notifier');
const { registerAppScheme, resolveInside, serveRenderer } =
  await import('../../src-main/electron/renderer-protocol');
const { CONTENT_SECURITY_POLICY } = await import('../../src-main/electron/security');

beforeEach(() => resetFakes());

const raw = (format: string) => `electron application/osclipboard;format="${format}"`;

describe('ElectronClipboard', () => {
  it.each([
    ['darwin', [raw('org.nspasteboard.ConcealedType')]],
    [
      'win32',
      [
        raw('ExcludeClipboardContentFromMonitorProcessing'),
        raw('CanIncludeInClipboardHistory'),
        raw('CanUploadToCloudClipboard'),
      ],
    ],
    ['linux', [raw('x-kde-passwordManagerHint')]],
  ] as const)(
    'writes the text with the %s concealment markers in one item',
    async (platform, markers) => {
      await new ElectronClipboard(platform).writeText('123456', { concealed: true });
      const [items] = clipboard.written;
      expect(items).toHaveLength(1);
      const item = items?.[0] as ClipboardItem;
      expect(item.types.sort()).toEqual(['text/plain', ...markers].sort());
      expect(item.items['text/plain']).toBe('123456');
    },
  );

  it('marks Windows history and cloud sync off with a DWORD 0', async () => {
    const markers = concealedMarkers('win32');
    const dword = markers[raw('CanIncludeInClipboardHistory')] as Blob;
    expect(new Uint8Array(await dword.arrayBuffer())).toEqual(new Uint8Array(4));
    expect(concealedMarkers('linux')[raw('x-kde-passwordManagerHint')]).toBe('secret');
  });

  it('still copies, unmarked, when the platform refuses a marker format', async () => {
    clipboard.failWrite = true;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await new ElectronClipboard('linux').writeText('654321', { concealed: true });
    expect(clipboard.writeText).toHaveBeenCalledWith('654321');
    expect(await new ElectronClipboard().readText()).toBe('654321');
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('writes plain text when concealment is not asked for, and clears', async () => {
    const adapter = new ElectronClipboard('linux');
    await adapter.writeText('hello');
    expect(clipboard.write).not.toHaveBeenCalled();
    expect(clipboard.text).toBe('hello');
    adapter.clear();
    expect(clipboard.text).toBe('');
  });
});

describe('ElectronNotifier', () => {
  it('shows a notification where supported and nothing elsewhere', () => {
    new ElectronNotifier().notify('Copied', 'Clears in 30 s');
    Notification.supported = false;
    new ElectronNotifier().notify('Copied', 'again');
    expect(Notification.shown).toEqual([{ title: 'Copied', body: 'Clears in 30 s', silent: true }]);
  });
});

describe('the app:// renderer protocol', () => {
  const root = join(sep, 'opt', 'app', 'out', 'renderer');

  it('registers app:// as a standard, secure scheme', () => {
    registerAppScheme();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ]);
  });

  it('maps URLs to files inside the renderer folder only', () => {
    expect(resolveInside(root, 'app://bundle/index.html')).toBe(join(root, 'index.html'));
    expect(resolveInside(root, 'app://bundle/')).toBe(join(root, 'index.html'));
    expect(resolveInside(root, 'app://bundle/assets/index-abc.js')).toBe(
      join(root, 'assets', 'index-abc.js'),
    );
    // The URL parser folds plain and %2e dot segments before we see the path.
    expect(resolveInside(root, 'app://bundle/../../etc/passwd')).toBe(join(root, 'etc', 'passwd'));
    expect(resolveInside(root, 'app://bundle/%2e%2e/%2e%2e/etc/passwd')).toBe(
      join(root, 'etc', 'passwd'),
    );
    for (const url of [
      'app://bundle/..%2f..%2fetc%2fpasswd',
      'app://bundle/..%5c..%5cwindows%5cwin.ini',
      'app://bundle/a%00.html',
      'app://bundle/%E0%A4%A',
      'app://other/index.html',
      'not a url',
    ]) {
      expect(resolveInside(root, url), url).toBeUndefined();
    }
  });

  it('serves files with the CSP header and answers 404 outside the folder', async () => {
    serveRenderer(root);
    const handler = protocol.handlers.get('app');
    const ok = await handler?.(new Request('app://bundle/index.html'));
    expect(ok?.status).toBe(200);
    expect(ok?.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(ok?.headers.get('x-content-type-options')).toBe('nosniff');
    expect(net.fetch).toHaveBeenCalledWith(`file://${join(root, 'index.html')}`);

    const outside = await handler?.(new Request('app://bundle/..%2f..%2fetc%2fpasswd'));
    expect(outside?.status).toBe(404);
    expect(net.fetch).toHaveBeenCalledTimes(1);
  });
});
