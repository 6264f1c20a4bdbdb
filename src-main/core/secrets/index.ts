import { join } from 'node:path';
import { EnvelopeSecretStore } from './envelope-secret-store';
import { KeytarKeychain, DEFAULT_KEYCHAIN_SERVICE } from './keychain';
import type { KeytarLoadOptions } from './keytar-loader';

export { EnvelopeSecretStore, DATA_KEY_ACCOUNT } from './envelope-secret-store';
export type { EnvelopeSecretStoreOptions, FileWriter } from './envelope-secret-store';
export { KeytarKeychain, DEFAULT_KEYCHAIN_SERVICE, keychainUnavailable } from './keychain';
export type { Keychain } from './keychain';
export { electronKeytarPath, keytarBinaryPath, loadKeytar } from './keytar-loader';
export type { KeytarLoadOptions, KeytarModule } from './keytar-loader';

export const SECRETS_FILE_NAME = 'secrets.enc';

export interface KeytarSecretStoreOptions {
  /** Keychain service name; tests pass their own so they never share entries. */
  service?: string;
  fileName?: string;
  /** Where to find keytar's Electron build; the Node build is used without it. */
  keytar?: KeytarLoadOptions;
}

/** The production store: data key in the OS keychain, secrets in <dataDir>/secrets.enc. */
export function createKeytarSecretStore(
  dataDir: string,
  options: KeytarSecretStoreOptions = {},
): EnvelopeSecretStore {
  return new EnvelopeSecretStore({
    keychain: new KeytarKeychain(options.service ?? DEFAULT_KEYCHAIN_SERVICE, options.keytar),
    filePath: join(dataDir, options.fileName ?? SECRETS_FILE_NAME),
  });
}
