/**
 * `--no-app`: the CLI opens the app's stores itself (keychain data key and
 * encrypted file, state file) instead of asking the running app. Loaded
 * only when the flag is given.
 */
import { AppError } from '../core/errors';
import type { BridgeBackend } from '../core/cli-bridge/backend';
import { codeFor, mfaCodeFor } from '../core/cli-bridge/vault-codes';
import { ClipboardPolicy } from '../core/clipboard-policy';
import { systemClock } from '../core/ports';
import type { Clipboard } from '../core/ports';
import { EnvelopeSecretStore } from '../core/secrets/envelope-secret-store';
import type { Keychain } from '../core/secrets/keychain';
import { SECRETS_FILE_NAME } from '../core/secrets';
import { createAppStateFile } from '../core/state/app-state';
import { VaultService } from '../core/vault/vault-service';
import { join } from 'node:path';

export interface DirectBackendOptions {
  dataDir: string;
  keychain: Keychain;
}

/** The CLI prints values; it never puts them on the clipboard. */
const noClipboard: Clipboard = {
  writeText() {
    throw new AppError('INTERNAL', 'The command line tool does not use the clipboard.');
  },
  readText: () => '',
  clear() {},
};

export async function openDirectBackend(options: DirectBackendOptions): Promise<BridgeBackend> {
  const secrets = new EnvelopeSecretStore({
    keychain: options.keychain,
    filePath: join(options.dataDir, SECRETS_FILE_NAME),
  });
  const vault = new VaultService({
    secrets,
    state: createAppStateFile(options.dataDir),
    clipboard: new ClipboardPolicy(noClipboard),
    clock: systemClock,
  });
  return {
    getCode: (account) => codeFor(vault, account),
    getMfaCode: (account) => mfaCodeFor(vault, account),
    async getToken() {
      throw new AppError('INTERNAL', 'Tokens without the app are not available yet.');
    },
    async listProfiles() {
      throw new AppError('INTERNAL', 'Profiles without the app are not available yet.');
    },
  };
}
