/**
 * Loads keytar's native addon built for the runtime this process is.
 *
 * `npm install` builds keytar for Node, which the tests and the `cognito-auth`
 * CLI run in. Electron's main process needs a build made against Electron's
 * headers, so `npm start` (scripts/keytar-electron.mjs) builds a second copy
 * into <nativeDir>/keytar-electron-<Electron version>/keytar.node and leaves
 * the Node build untouched.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as KeytarApi from 'keytar';
import { AppError } from '../errors';

/** The calls the app makes; the bare addon and keytar's JS wrapper both have them. */
export type KeytarModule = Pick<typeof KeytarApi, 'getPassword' | 'setPassword' | 'deletePassword'>;

export interface KeytarLoadOptions {
  /** Folder holding keytar-electron-<version>/ (out/native in the built app). */
  nativeDir?: string;
  /** process.versions unless given; tests pass their own to act as Electron. */
  versions?: { readonly electron?: string };
}

/** Where `npm start` puts the Electron build; scripts/keytar-electron.mjs uses the same name. */
export function electronKeytarPath(nativeDir: string, electronVersion: string): string {
  return join(nativeDir, `keytar-electron-${electronVersion}`, 'keytar.node');
}

/**
 * The Electron build when running under Electron and it exists; otherwise
 * undefined, meaning the `keytar` package (its Node build) is the one to load.
 */
export function keytarBinaryPath(options: KeytarLoadOptions = {}): string | undefined {
  const electron = (options.versions ?? process.versions).electron;
  if (!electron || !options.nativeDir) return undefined;
  const path = electronKeytarPath(options.nativeDir, electron);
  return existsSync(path) ? path : undefined;
}

export async function loadKeytar(options: KeytarLoadOptions = {}): Promise<KeytarModule> {
  const inElectron = Boolean((options.versions ?? process.versions).electron);
  const binary = keytarBinaryPath(options);
  try {
    if (binary) return createRequire(import.meta.url)(binary) as KeytarModule;
    const mod = (await import('keytar')) as KeytarModule & { default?: KeytarModule };
    return mod.default ?? mod;
  } catch (error) {
    throw keytarLoadFailed(error, inElectron);
  }
}

/**
 * A native addon built for another runtime (Node's ABI under Electron, or
 * another Node or Electron version) is by far the usual reason keytar fails
 * to load, so the message names that cause and the command that rebuilds it.
 */
export function keytarLoadFailed(error: unknown, inElectron: boolean): AppError {
  const raw = error instanceof Error ? error.message : String(error);
  const fix = inElectron
    ? 'Run `npm start` again: it rebuilds the keychain module for this Electron version.'
    : 'Run `npm rebuild keytar` to rebuild it for this Node version.';
  return new AppError(
    'KEYCHAIN_UNAVAILABLE',
    `The keychain module (keytar) could not be loaded, most likely because its native build was made for another runtime, so the app cannot keep secrets safely. ${fix}`,
    false,
    raw,
  );
}
