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

const binary = electronBinaryPath();
if (!binary) {
  console.error(
    'No Electron binary is installed on this machine, so the desktop app cannot start; run `npm run dev:browser` to use the same app in a browser instead.',
  );
  process.exit(1);
}

const child = spawn(binary, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
