#!/usr/bin/env node
/**
 * npm run dev:browser [-- --data <folder>] [-- --port <n>]
 * Rebuilds the renderer when its sources are newer than the build, then runs
 * the browser host (browser-host/cli.ts), which prints the address to open.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const builtPage = join(root, 'out', 'renderer', 'index.html');
const onWindows = process.platform === 'win32';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function builtAt() {
  try {
    return statSync(builtPage).mtimeMs;
  } catch {
    return 0;
  }
}

const onlyHelp = process.argv.slice(2).some((a) => a === '--help' || a === '-h');
if (!onlyHelp && builtAt() < newestMtime(join(root, 'src-renderer'))) {
  console.log('Building the renderer (electron-vite build)…');
  const build = spawnSync('npx', ['electron-vite', 'build'], {
    cwd: root,
    stdio: 'inherit',
    shell: onWindows,
  });
  if (build.status !== 0) {
    console.error('The build failed; see the messages above.');
    process.exit(build.status ?? 1);
  }
}

const harness = spawn(
  process.execPath,
  ['--import', 'tsx', join(root, 'browser-host', 'cli.ts'), ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => harness.kill(signal));
}
harness.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
