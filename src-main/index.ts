/**
 * The Electron entry: builds the core with the Electron adapters, opens the
 * hardened window and quits cleanly (clipboard taken back, writes flushed).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, session } from 'electron';
import { createAppServices } from './composition';
import type { AppServices } from './composition';
import { createKeytarSecretStore } from './core/secrets';
import { appPage } from './electron/app-page';
import { ElectronClipboard } from './electron/clipboard';
import { forwardEvents, wireIpc } from './electron/ipc';
import { ElectronNotifier } from './electron/notifier';
import { registerAppScheme, serveRenderer } from './electron/renderer-protocol';
import { hardenSession } from './electron/security';
import { createMainWindow, lockDown } from './electron/window';

const here = dirname(fileURLToPath(import.meta.url));
const preloadPath = join(here, '../preload/index.cjs');
const rendererDir = join(here, '../renderer');

// End-to-end tests run the app against a throw-away profile and keychain entry.
if (process.env.AUTHENTICATOR_USER_DATA_DIR) {
  app.setPath('userData', process.env.AUTHENTICATOR_USER_DATA_DIR);
}

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start().catch((error: unknown) => {
    console.error('[main] start-up failed:', error);
    dialog.showErrorBox(
      'Cognito Authenticator could not start',
      error instanceof Error ? error.message : String(error),
    );
    app.exit(1);
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  const page = appPage(app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL);
  hardenSession(session.defaultSession);
  serveRenderer(rendererDir);
  app.on('web-contents-created', (_event, contents) => lockDown(contents));

  const dataDir = app.getPath('userData');
  const services = await createAppServices({
    dataDir,
    secretStore: createKeytarSecretStore(dataDir, {
      service: process.env.AUTHENTICATOR_KEYCHAIN_SERVICE,
    }),
    clipboard: new ElectronClipboard(),
    notifier: new ElectronNotifier(),
  });
  wireIpc(services.dispatch, page.isAppUrl);
  forwardEvents(services.subscribe, page.isAppUrl);

  let window = createMainWindow({ preloadPath, url: page.url });
  const showWindow = () => {
    if (window.isDestroyed()) window = createMainWindow({ preloadPath, url: page.url });
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };
  app.on('second-instance', showWindow);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) showWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  quitCleanly(services);
}

/** Holds the first quit until the clipboard is taken back and pending writes are on disk. */
function quitCleanly(services: AppServices): void {
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    closed = true;
    services
      .close()
      .catch((error: unknown) => console.error('[main] clean-up on quit failed:', error))
      .finally(() => app.quit());
  });
}
