#!/usr/bin/env node
/**
 * `npm run bench [-- <name>…]`: builds what the benches run (the app's
 * renderer for the vault's page-load bench and the `cognito-auth` bundle
 * they start as a process), then runs scripts/bench.ts
 * on Node 24, fetched into .tools/ when the machine's is older, so a fresh
 * clone gets numbers instead of a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNodeRuntime } from './node-runtime.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

let nodeDir;
try {
  nodeDir = ensureNodeRuntime();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
const node = join(nodeDir, process.platform === 'win32' ? 'node.exe' : 'node');
const env = { ...process.env, PATH: `${nodeDir}${delimiter}${process.env.PATH ?? ''}` };

function step(args, failure) {
  const run = spawnSync(node, args, { cwd: root, env, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(failure);
    process.exit(run.status ?? 1);
  }
}

step(
  [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
  'Building the app failed; see the messages above.',
);
step(
  [join(root, 'scripts', 'build-cli.mjs')],
  'Building the cognito-auth bundle failed; see the messages above.',
);
step(
  ['--import', 'tsx', join(root, 'scripts', 'bench.ts'), ...process.argv.slice(2)],
  'A bench failed; see the messages above.',
);
