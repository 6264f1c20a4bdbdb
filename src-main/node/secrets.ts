import { join } from 'node:path';
import { EnvelopeSecretStore } from './envelope-secret-store';
import type { EnvelopeSecretStoreOptions } from './envelope-secret-store';
import { KeytarKeychain, DEFAULT_KEYCHAIN_SERVICE } from './keychain';

export { EnvelopeSecretStore, DATA_KEY_ACCOUNT, GENERATION_SUFFIX } from './envelope-secret-store';
export type { EnvelopeSecretStoreOptions } from './envelope-secret-store';
export { KeytarKeychain, DEFAULT_KEYCHAIN_SERVICE, keychainUnavailable } from './keychain';

export const SECRETS_FILE_NAME = 'secrets.enc';

export interface KeytarSecretStoreOptions {
  /** Keychain service name; tests pass their own so they never share entries. */
  service?: string;
  fileName?: string;
  lock?: EnvelopeSecretStoreOptions['lock'];
  onRecovered?: EnvelopeSecretStoreOptions['onRecovered'];
}

/** The production store: data key in the OS keychain, secrets in <dataDir>/secrets.enc. */
export function createKeytarSecretStore(
  dataDir: string,
  options: KeytarSecretStoreOptions = {},
): EnvelopeSecretStore {
  return new EnvelopeSecretStore({
    keychain: new KeytarKeychain(options.service ?? DEFAULT_KEYCHAIN_SERVICE),
    filePath: join(dataDir, options.fileName ?? SECRETS_FILE_NAME),
    lock: options.lock,
    onRecovered: options.onRecovered,
  });
}
