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
import { createAppBackend } from '../core/cli-bridge/app-backend';
import { AwsCredentialsCache } from '../core/cli-bridge/aws-credentials';
import { createIdentityPoolTransport } from '../node/identity-pool-transport';
import type { BridgeBackend } from '../core/cli-bridge/backend';
import { ClipboardPolicy } from '../core/clipboard-policy';
import { cognitoStateDocument } from '../core/cognito/app-adapters';
import { CognitoService } from '../core/cognito/service';
import { AppError } from '../core/errors';
import { systemClock } from '../core/ports';
import type { Clipboard, DataFolderLock } from '../core/ports';
import { SECRETS_FILE_NAME } from '../node/secrets';
import { EnvelopeSecretStore } from '../node/envelope-secret-store';
import type { Keychain } from '../core/ports';
import { defaultDeviceName } from '../node/device-name';
import { sdkTransportFor } from '../node/cognito-transport';
import { createAppStateFile } from '../node/state-files';
import { VaultService } from '../core/vault/vault-service';

export interface DirectBackendOptions {
  dataDir: string;
  keychain: Keychain;
  /** Held by this process for the command; the app cannot hold it meanwhile. */
  lock: DataFolderLock;
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
  const secrets = new EnvelopeSecretStore({
    keychain: options.keychain,
    filePath: join(options.dataDir, SECRETS_FILE_NAME),
    lock: options.lock,
  });
  const state = createAppStateFile(options.dataDir, { lock: options.lock });
  const vault = new VaultService({
    secrets,
    state,
    clipboard: new ClipboardPolicy(noClipboard),
    clock: systemClock,
  });
  const cognito = new CognitoService({
    secrets,
    state: cognitoStateDocument(state),
    transportFor: sdkTransportFor,
    deviceName: defaultDeviceName(),
  });
  const identityPool = createIdentityPoolTransport();
  const awsCredentials = new AwsCredentialsCache(identityPool, systemClock);
  return {
    ...createAppBackend({ cognito, vault, clock: systemClock, awsCredentials }),
    close: () => {
      cognito.stop();
      identityPool.destroy();
    },
  };
}
