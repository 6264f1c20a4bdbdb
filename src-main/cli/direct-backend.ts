/**
 * `--no-app`: the CLI opens the app's stores itself (the keychain's data key
 * and the encrypted secrets file, the state file) and refreshes tokens with
 * Cognito itself, through the same engine the app uses. Loaded only when
 * the flag is given, so the AWS SDK never slows the common path.
 *
 * The demo profile is not available here: its pool is the emulator that
 * runs inside the app.
 */
import { join } from 'node:path';
import { openCore } from '../composition/core';
import { createAppBackend } from '../core/cli-bridge/app-backend';
import type { BridgeBackend } from '../core/cli-bridge/backend';
import { ClipboardPolicy } from '../core/clipboard-policy';
import { AppError } from '../core/errors';
import { systemClock } from '../core/ports';
import type { Clipboard, DataFolderLock, Keychain } from '../core/ports';
import { EnvelopeSecretStore } from '../node/envelope-secret-store';
import { SECRETS_FILE_NAME } from '../node/secrets';

export interface DirectBackendOptions {
  dataDir: string;
  keychain: Keychain;
  /** Held by this process for the command; the app cannot hold it meanwhile. */
  lock: DataFolderLock;
  /** Told when a damaged file was replaced by its last good copy. */
  onRecovered: (message: string) => void;
}

/** The CLI prints values; it never puts them on the clipboard. */
const noClipboard: Clipboard = {
  writeText() {
    throw new AppError({
      code: 'INTERNAL',
      message: 'The command line tool does not use the clipboard.',
    });
  },
  readText: () => '',
  clear() {},
};

export interface DirectBackend extends BridgeBackend {
  /** Lets the process exit: closes the engine's HTTP connections. */
  close(): void;
}

export function openDirectBackend(options: DirectBackendOptions): DirectBackend {
  const storage = { lock: options.lock, onRecovered: options.onRecovered };
  const core = openCore({
    dataDir: options.dataDir,
    storage,
    secretStore: new EnvelopeSecretStore({
      keychain: options.keychain,
      filePath: join(options.dataDir, SECRETS_FILE_NAME),
      ...storage,
    }),
    clipboard: new ClipboardPolicy(noClipboard),
    clock: systemClock,
  });
  return {
    ...createAppBackend({
      cognito: core.cognito,
      vault: core.vault,
      clock: systemClock,
      awsCredentials: core.awsCredentials,
    }),
    close: () => core.stop(),
  };
}
