#!/usr/bin/env node
// Checks the system packages one step needs, and on Debian or Ubuntu installs
// the missing ones where it can (as root, or with sudo that asks no password).
// Otherwise it stops with one sentence naming the exact command, before any
// build starts, so nobody meets a wall of node-gyp errors.
//
//   node scripts/system-deps.mjs build   keytar's native build (npm install)
//   node scripts/system-deps.mjs test    the test suite (npm test)
//   node scripts/system-deps.mjs keyring a throwaway Secret Service (npm start without a desktop keyring)
//
// Written for any Node from 18 on.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function onPath(command) {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .some((dir) => dir && existsSync(join(dir, command)));
}

const command = (name) => () => onPath(name);
const file = (path) => () => existsSync(path);

/** Debian package → how to tell it is there. */
const groups = {
  build: {
    'libsecret-1-dev': file('/usr/include/libsecret-1/libsecret/secret.h'),
    'pkg-config': command('pkg-config'),
    make: command('make'),
    'g++': command('g++'),
    python3: command('python3'),
  },
  keyring: {
    'gnome-keyring': command('gnome-keyring-daemon'),
    dbus: command('dbus-run-session'),
    procps: command('pgrep'),
  },
  test: {
    chromium: () => Boolean(process.env.CHROMIUM_PATH) || existsSync('/usr/bin/chromium'),
    awscli: file('/usr/bin/aws'),
    'libsecret-tools': command('secret-tool'),
    'fonts-dejavu-core': file('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'),
    // `ss` tells the CLI bridge which program is calling.
    iproute2: command('ss'),
    // The CLI's completion scripts are loaded into each shell.
    zsh: command('zsh'),
    fish: command('fish'),
    // The browser host's Copy reaches the X11 clipboard through it.
    xclip: command('xclip'),
    // …tested against a real X server.
    xvfb: command('Xvfb'),
  },
};
// The tests run inside a private keyring session too.
groups.test = { ...groups.keyring, ...groups.test };

export function missingPackages(group) {
  const checks = groups[group];
  if (!checks) throw new Error(`unknown group "${group}" (build, test or keyring)`);
  return Object.entries(checks)
    .filter(([, present]) => !present())
    .map(([name]) => name);
}

/** Runs quietly; on failure the end of its output is shown. */
function run(argv) {
  const result = spawnSync(argv[0], argv.slice(1), {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
    if (output) process.stderr.write(`${output.split('\n').slice(-10).join('\n')}\n`);
  }
  return result.status;
}

/** Installs what is missing, or explains how; returns whether everything is there now. */
export function ensureSystemPackages(
  group,
  { log = (line) => process.stderr.write(`${line}\n`) } = {},
) {
  // macOS and Windows builds need only the compiler toolchain node-gyp already asks for.
  if (process.platform !== 'linux') return true;
  const missing = missingPackages(group);
  if (missing.length === 0) return true;
  const aptCommand = `sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (!onPath('apt-get')) {
    log(
      `Missing system packages: ${missing.join(', ')} (Debian names); install your distribution's equivalents and run the command again.`,
    );
    return false;
  }
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = asRoot ? [] : ['sudo', '-n'];
  if (!asRoot && (!onPath('sudo') || run(['sudo', '-n', 'true']) !== 0)) {
    log(
      `Missing system packages: ${missing.join(', ')}; run \`${aptCommand}\` and then the command again.`,
    );
    return false;
  }
  log(`Installing the system packages this needs: ${missing.join(', ')}…`);
  const installed =
    run([...sudo, 'apt-get', 'update', '-qq']) === 0 &&
    run([...sudo, 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...missing]) === 0;
  const still = missingPackages(group);
  if (!installed || still.length > 0) {
    log(
      `Could not install ${still.join(', ') || missing.join(', ')}; run \`${aptCommand}\` and then the command again.`,
    );
    return false;
  }
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const group = process.argv[2] ?? 'build';
  process.exit(ensureSystemPackages(group) ? 0 : 1);
}
