/**
 * Which keytar build the keychain adapter loads. Electron is simulated: a copy
 * of the Node build (which Node loads fine) sits where `npm start` puts the
 * Electron build, and a stubbed versions object says "Electron". The real
 * keychain calls run inside scripts/with-keyring.sh.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../src-main/core/errors';
import type { AppError } from '../../src-main/core/errors';
import {
  electronKeytarPath,
  KeytarKeychain,
  keytarBinaryPath,
  loadKeytar,
} from '../../src-main/core/secrets';
import { keytarLoadFailed } from '../../src-main/core/secrets/keytar-loader';

const require = createRequire(import.meta.url);
const nodeBuild = join(
  dirname(require.resolve('keytar/package.json')),
  'build/Release/keytar.node',
);
const ELECTRON = { electron: '45.5.0' };

let nativeDir: string;

beforeEach(() => {
  nativeDir = realpathSync(mkdtempSync(join(tmpdir(), 'cda-keytar-native-')));
});

afterEach(() => {
  rmSync(nativeDir, { recursive: true, force: true });
});

function placeElectronBuild(contents?: Buffer): string {
  const path = electronKeytarPath(nativeDir, ELECTRON.electron);
  mkdirSync(dirname(path), { recursive: true });
  if (contents) writeFileSync(path, contents);
  else copyFileSync(nodeBuild, path);
  return path;
}

async function keytarPackage(): Promise<unknown> {
  const mod = (await import('keytar')) as { default?: unknown };
  return mod.default ?? mod;
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isAppError(error), `expected an AppError, got ${String(error)}`).toBe(true);
  return error as AppError;
}

describe('keytarBinaryPath', () => {
  it('names the Electron build under Electron when it exists', () => {
    const path = placeElectronBuild();
    expect(path).toBe(join(nativeDir, 'keytar-electron-45.5.0', 'keytar.node'));
    expect(keytarBinaryPath({ nativeDir, versions: ELECTRON })).toBe(path);
  });

  it('answers undefined (the keytar package) in Node, without a folder, or for another Electron version', () => {
    placeElectronBuild();
    expect(keytarBinaryPath({ nativeDir, versions: {} })).toBeUndefined();
    expect(keytarBinaryPath({ versions: ELECTRON })).toBeUndefined();
    expect(keytarBinaryPath({ nativeDir, versions: { electron: '46.0.0' } })).toBeUndefined();
  });
});

describe('loadKeytar', () => {
  it('loads the Electron build under Electron and stores, reads and deletes through it', async () => {
    const path = placeElectronBuild();
    const loaded = await loadKeytar({ nativeDir, versions: ELECTRON });

    expect(require.cache[path], 'the copy in the Electron folder was loaded').toBeDefined();
    expect(loaded).not.toBe(await keytarPackage());

    const keychain = new KeytarKeychain(`cda-test-${randomBytes(6).toString('hex')}`, {
      nativeDir,
      versions: ELECTRON,
    });
    await keychain.set('loader-check', 'electron-build');
    expect(await keychain.get('loader-check')).toBe('electron-build');
    await keychain.delete('loader-check');
    expect(await keychain.get('loader-check')).toBeUndefined();
  });

  it('falls back to the keytar package under Electron when no Electron build exists', async () => {
    const loaded = await loadKeytar({ nativeDir, versions: ELECTRON });
    expect(loaded).toBe(await keytarPackage());
    expect(Object.keys(require.cache).some((key) => key.startsWith(nativeDir))).toBe(false);
  });

  it('loads the keytar package in Node even when an Electron build is present', async () => {
    placeElectronBuild();
    const loaded = await loadKeytar({ nativeDir, versions: {} });
    expect(loaded).toBe(await keytarPackage());
  });

  it('maps a build that cannot load to KEYCHAIN_UNAVAILABLE naming the cause and `npm start`', async () => {
    placeElectronBuild(randomBytes(4096));

    const error = await rejection(loadKeytar({ nativeDir, versions: ELECTRON }));
    expect(error.code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(error.message).toMatch(/native build was made for another runtime/);
    expect(error.message).toMatch(/`npm start`/);
    expect(error.detail).toMatch(/ELF|invalid/i);

    const viaKeychain = await rejection(
      new KeytarKeychain('cda-test-unloadable', { nativeDir, versions: ELECTRON }).get('x'),
    );
    expect(viaKeychain.code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(viaKeychain.message).toBe(error.message);
  });

  it('names the Node-side fix when the load fails outside Electron', () => {
    const error = keytarLoadFailed(new Error('NODE_MODULE_VERSION mismatch'), false);
    expect(error.code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(error.message).toMatch(/native build was made for another runtime/);
    expect(error.message).toMatch(/`npm rebuild keytar`/);
    expect(error.detail).toBe('NODE_MODULE_VERSION mismatch');
  });
});
