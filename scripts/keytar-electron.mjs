// Builds a second copy of keytar's native addon for Electron, beside the Node
// build that `npm install` made.
//
// The Node build in node_modules/keytar/build stays as it is: the tests and
// the `cognito-auth` CLI run in Node and need it. Rebuilding it in place for
// Electron (@electron/rebuild's way) would break them, and @electron/rebuild
// itself needs a newer Node than this project's. So keytar's sources are copied
// to a work folder and built there with node-gyp against Electron's headers,
// as Electron's "Using Native Node Modules" guide does it by hand, and the
// result lands in out/native/keytar-electron-<version>/keytar.node, where the
// keychain adapter (src-main/core/secrets/keytar-loader.ts) looks for it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import writeFileAtomic from 'write-file-atomic';

const require = createRequire(import.meta.url);

// Only what node-gyp reads: binding.gyp and the C++ sources (package.json names the module).
const KEYTAR_BUILD_INPUTS = ['package.json', 'binding.gyp', 'src'];

/**
 * Makes sure out/native/keytar-electron-<electronVersion>/keytar.node exists.
 * On failure it prints one sentence and returns: the app still starts, only
 * without a keychain.
 */
export function ensureKeytarForElectron(root, electronVersion) {
  const nativeDir = join(root, 'out', 'native');
  const target = join(nativeDir, `keytar-electron-${electronVersion}`, 'keytar.node');
  if (existsSync(target)) return;

  // Inside the project, not the system temp folder: binding.gyp runs
  // `require('node-addon-api')`, which must still resolve from node_modules.
  const work = join(nativeDir, `.keytar-build-${electronVersion}`);
  const log = join(nativeDir, `keytar-electron-${electronVersion}.log`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const keytarDir = dirname(require.resolve('keytar/package.json'));
  for (const entry of KEYTAR_BUILD_INPUTS) {
    cpSync(join(keytarDir, entry), join(work, entry), { recursive: true });
  }

  console.error(`Building the keychain module (keytar) for Electron ${electronVersion}…`);
  const nodeGyp = join(dirname(require.resolve('node-gyp/package.json')), 'bin', 'node-gyp.js');
  const logFd = openSync(log, 'w');
  const build = spawnSync(
    process.execPath,
    [
      nodeGyp,
      'rebuild',
      `--target=${electronVersion}`,
      `--arch=${process.arch}`,
      '--dist-url=https://electronjs.org/headers',
      '--runtime=electron',
      // Electron's headers kept apart from Node's, as the guide's HOME=~/.electron-gyp does.
      `--devdir=${join(homedir(), '.electron-gyp')}`,
    ],
    { cwd: work, stdio: ['ignore', logFd, logFd], timeout: 600_000 },
  );
  closeSync(logFd);

  const built = join(work, 'build', 'Release', 'keytar.node');
  const ok = build.status === 0 && existsSync(built);
  if (ok) {
    mkdirSync(dirname(target), { recursive: true });
    writeFileAtomic.sync(target, readFileSync(built));
    rmSync(log, { force: true });
  } else {
    console.error(
      `Building the keychain module for Electron ${electronVersion} failed (details in ${relative(root, log)}), so the app will start but cannot use the system keychain; run \`npm start\` again to retry (the build downloads Electron's headers and needs a C++ toolchain and libsecret's development files).`,
    );
  }
  rmSync(work, { recursive: true, force: true });
}
