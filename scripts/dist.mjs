#!/usr/bin/env node
// `npm run dist`: build the app, then this platform's installers with
// electron-builder (electron-builder.config.mjs). Packaging needs Electron's
// own binary; where none is installed or can be fetched, say so in one
// sentence instead of failing deep inside electron-builder.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinaryPath } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const build = spawnSync(npm, ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const electronDir = dirname(require.resolve('electron/package.json'));
if (!electronBinaryPath() && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.error('Fetching the Electron binary for this platform…');
  spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    cwd: root,
    stdio: 'ignore',
    timeout: 300_000,
  });
}
if (!electronBinaryPath()) {
  console.error(
    'No Electron binary is installed or can be downloaded on this machine, so no installer can be built here; run `npm run dist` where Electron can be fetched.',
  );
  process.exit(1);
}

const builder = join(dirname(require.resolve('electron-builder/package.json')), 'cli.js');
const result = spawnSync(
  process.execPath,
  [builder, '--config', 'electron-builder.config.mjs', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
