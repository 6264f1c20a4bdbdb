#!/usr/bin/env node
// `npm start`: build, then launch Electron. Where no Electron binary is
// installed, say so in one sentence and point at the browser mode.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinaryPath } from './electron-binary.mjs';

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
if (!binary) {
  console.error(
    'No Electron binary is installed on this machine, so the desktop app cannot start; run `npm run dev:browser` to use the same app in a browser instead.',
  );
  process.exit(1);
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

const child = spawn(binary, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
