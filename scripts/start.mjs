#!/usr/bin/env node
// `npm start`: build, then launch Electron. Where no Electron binary can be
// had, start the same app in the browser host instead, print its address and
// open it where a desktop browser exists.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinaryPath } from './electron-binary.mjs';
import { ensureNodeRuntime } from './node-runtime.mjs';
import { ensureSystemPackages } from './system-deps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

// Resolved through package.json because electron-vite's exports map does not
// list its bin script.
const electronVite = join(
  dirname(require.resolve('electron-vite/package.json')),
  'bin',
  'electron-vite.js',
);
const build = spawnSync(process.execPath, [electronVite, 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const binary = electronBinaryPath() ?? fetchElectronBinary();
if (binary) {
  const child = spawn(binary, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
} else {
  startBrowserHost();
}

/**
 * `npm install` never downloads Electron (package.json denies its install
 * script, so installs work offline); the first `npm start` fetches it where
 * the network allows. It fails within a second where it does not.
 */
function fetchElectronBinary() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return undefined;
  const installer = join(dirname(require.resolve('electron/package.json')), 'install.js');
  console.error('Downloading the Electron binary for this platform…');
  spawnSync(process.execPath, [installer], { cwd: root, stdio: 'ignore', timeout: 300_000 });
  return electronBinaryPath();
}

function startBrowserHost() {
  console.error(
    'No Electron binary can be had on this machine, so the same app starts in the browser host instead (Ctrl+C stops it).',
  );
  const node = join(ensureNodeRuntime(), process.platform === 'win32' ? 'node.exe' : 'node');
  let argv = [node, join(root, 'scripts', 'dev-browser.mjs'), ...process.argv.slice(2)];
  // Without a desktop session (ssh, a container) no Secret Service answers:
  // run against a private, throwaway keyring rather than fail to store anything.
  if (process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS) {
    if (!ensureSystemPackages('keyring')) process.exit(1);
    console.error(
      'No desktop keyring is reachable from this shell, so this run uses a temporary one: what you save is gone when it stops.',
    );
    argv = [join(root, 'scripts', 'with-keyring.sh'), ...argv];
  }
  const host = spawn(argv[0], argv.slice(1), { cwd: root, stdio: ['inherit', 'pipe', 'inherit'] });
  let opened = false;
  host.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    const url = /https?:\/\/127\.0\.0\.1:\d+\/\S*/.exec(String(chunk))?.[0];
    if (url && !opened) {
      opened = true;
      openInBrowser(url);
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => host.kill(signal));
  host.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** Opens the address in the desktop's browser, where there is a desktop. */
function openInBrowser(url) {
  const opener =
    process.platform === 'darwin'
      ? ['open', url]
      : process.platform === 'win32'
        ? ['cmd', '/c', 'start', '', url]
        : process.env.DISPLAY || process.env.WAYLAND_DISPLAY
          ? ['xdg-open', url]
          : undefined;
  if (!opener) return;
  const child = spawn(opener[0], opener.slice(1), { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}
