/**
 * The Electron entry: builds the core with the Electron adapters, opens the
 * hardened window and quits cleanly (clipboard taken back, writes flushed).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, session } from 'electron';
import { createAppServices } from './composition';
import type { AppServices } from './composition';
import { startTray } from './composition/tray';
import { readEnvironment } from './node/environment';
import { createKeytarSecretStore, KeytarKeychain } from './node/secrets';
import { startDemoEmulator } from './demo-emulator';
import type { DemoEmulator } from './demo-emulator';
import { appPage, chooseDevServer } from './electron/app-page';
import { ElectronClipboard } from './electron/clipboard';
import { ElectronFileSaver } from './electron/file-saver';
import { ElectronIdleSource } from './electron/idle';
import { ElectronUserVerifier } from './electron/user-verification';
import { forwardEvents, wireIpc } from './electron/ipc';
import { ElectronNotifier } from './electron/notifier';
import { approvalNotice } from './core/cli-bridge/ui-approval-prompt';
import type { ApprovalRequestedEvent } from './core/cli-bridge/ui-approval-prompt';
import { createElectronTray } from './electron/tray';
import { registerAppScheme, serveRenderer } from './electron/renderer-protocol';
import { hardenSession } from './electron/security';
import { createMainWindow, lockDown } from './electron/window';

const here = dirname(fileURLToPath(import.meta.url));
const preloadPath = join(here, '../preload/index.cjs');
const rendererDir = join(here, '../renderer');
const trayIconPath = join(here, '../../resources/tray-icon.png');

const environment = readEnvironment();
// A portable install or a test run keeps its data in a folder of its own.
if (environment.dataDirOverride) app.setPath('userData', environment.dataDirOverride);

// Every renderer sandboxed, not only the main window: a later window cannot forget it.
app.enableSandbox();
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
  const dataDir = app.getPath('userData');
  // Started before Electron is ready, so the two overlap. Without the demo the
  // app still serves the user's own pools, so a failure is logged, not fatal.
  const { keychainService } = environment;
  const keychain = new KeytarKeychain(keychainService);
  const demoStarting = startDemoEmulator(dataDir, keychain).catch((error: unknown) => {
    console.error('[demo] the demo pool could not start:', error);
    return undefined;
  });
  await app.whenReady();
  const devServer = chooseDevServer({
    isPackaged: app.isPackaged,
    configured: environment.rendererUrl,
  });
  if (devServer.refused) console.warn(`[main] ${devServer.refused}; loading the bundled page.`);
  const page = appPage(devServer.url);
  hardenSession(session.defaultSession);
  serveRenderer(rendererDir);
  app.on('web-contents-created', (_event, contents) => lockDown(contents));

  const demo = await demoStarting;
  const services = await createAppServices({
    dataDir,
    secretStore: (storage) =>
      createKeytarSecretStore(dataDir, {
        service: keychainService,
        ...storage,
      }),
    clipboard: new ElectronClipboard(),
    notifier: new ElectronNotifier(),
    fileSaver: new ElectronFileSaver(),
    cliBridge: {
      endpoint: environment.endpointFor(dataDir),
      keychain,
    },
    demoPool: demo?.pool,
    demoAdminCredentials: demo?.adminCredentials,
    idleSource: new ElectronIdleSource(),
    userVerifier: new ElectronUserVerifier(),
  });
  wireIpc(services.dispatch, page.isAppUrl);
  forwardEvents(services.subscribe, page.isAppUrl);

  let window = createMainWindow({ preloadPath, url: page.url });
  const showWindow = (screen?: string) => {
    if (window.isDestroyed()) {
      window = createMainWindow({ preloadPath, url: screen ? `${page.url}#/${screen}` : page.url });
    }
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };
  app.on('second-instance', () => showWindow());
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) showWindow();
  });
  // The app lives on in the tray when its window closes, so the tray and the
  // CLI keep working; the tray's Quit ends it.
  app.on('window-all-closed', () => {});
  // A CLI caller waits for the user's answer: bring the question to the front,
  // and say so in a notification when the window was out of sight (a window
  // manager may refuse to raise it).
  services.subscribe((event, payload) => {
    if (event !== 'cli:approvalRequested') return;
    const hidden =
      window.isDestroyed() || !window.isVisible() || window.isMinimized() || !window.isFocused();
    showWindow();
    if (hidden) {
      const { title, body } = approvalNotice(payload as ApprovalRequestedEvent);
      services.services.notifier?.notify(title, body);
    }
  });
  const electronTray = createElectronTray(trayIconPath, (action) => tray.run(action));
  const tray = startTray(services, {
    render: (menu) => electronTray.render(menu),
    showWindow,
    quit: () => app.quit(),
    logError: (error) => console.error('[tray]', error),
  });
  app.on('will-quit', () => {
    tray.stop();
    electronTray.destroy();
  });
  quitCleanly(services, demo);
}

/**
 * Holds the first quit until the clipboard is taken back and pending writes
 * (the app's and the demo pool's) are on disk.
 */
function quitCleanly(services: AppServices, demo: DemoEmulator | undefined): void {
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    closed = true;
    services
      .close()
      .finally(() => demo?.close())
      .catch((error: unknown) => console.error('[main] clean-up on quit failed:', error))
      .finally(() => app.quit());
  });
}
