/**
 * The stores and the two engines over them (the vault and Cognito), built one
 * way for the app, the browser host and `cognito-auth --no-app`, so that the
 * CLI opening the data folder itself reads and writes it exactly as the app
 * does.
 */
import { AwsCredentialsCache } from '../core/cli-bridge/aws-credentials';
import type { IdentityPoolPort } from '../core/cli-bridge/aws-credentials';
import type { ClipboardPolicy } from '../core/clipboard-policy';
import { cognitoStateDocument, vaultTotpPort } from '../core/cognito/app-adapters';
import type { AuthChangeReason } from '../core/cognito/service';
import { CognitoService } from '../core/cognito/service';
import type { Clock, DataFolderLock, SecretStore } from '../core/ports';
import type { AppStateFile } from '../core/state/app-state';
import { VaultService } from '../core/vault';
import { sdkTransportFor } from '../node/cognito-transport';
import { defaultDeviceName } from '../node/device-name';
import { createIdentityPoolTransport } from '../node/identity-pool-transport';
import { readQrInWorker } from '../node/qr-reader';
import { createAppStateFile } from '../node/state-files';

/** What every store of the data folder is built with. */
export interface StoreStorage {
  lock: DataFolderLock;
  /** Told when a damaged file was replaced by its last good copy. */
  onRecovered: (message: string) => void;
}

export interface CoreDeps {
  dataDir: string;
  storage: StoreStorage;
  /** A store, or a factory that builds it with the data folder's storage. */
  secretStore: SecretStore | ((storage: StoreStorage) => SecretStore);
  clipboard: ClipboardPolicy;
  clock: Clock;
  /** Cognito Identity for AWS credentials; default: AWS SDK v3 to the profile's endpoint or region. */
  identityPool?: IdentityPoolPort;
  onVaultChanged?: () => void;
  onAuthChanged?: (profileId: string, reason: AuthChangeReason) => void;
  onProfilesChanged?: () => void;
}

export interface Core {
  state: AppStateFile;
  secrets: SecretStore;
  vault: VaultService;
  cognito: CognitoService;
  awsCredentials: AwsCredentialsCache;
  /** Stops refreshes and closes the engines' HTTP connections, so the process can exit. */
  stop(): void;
}

export function openCore(deps: CoreDeps): Core {
  const secrets =
    typeof deps.secretStore === 'function' ? deps.secretStore(deps.storage) : deps.secretStore;
  const state = createAppStateFile(deps.dataDir, deps.storage);
  const vault = new VaultService({
    secrets,
    state,
    clipboard: deps.clipboard,
    clock: deps.clock,
    onChanged: deps.onVaultChanged,
    readQr: readQrInWorker,
  });
  const identityTransport = deps.identityPool ? undefined : createIdentityPoolTransport();
  const awsCredentials = new AwsCredentialsCache(
    deps.identityPool ?? identityTransport!,
    deps.clock,
  );
  const cognito = new CognitoService({
    secrets,
    state: cognitoStateDocument(state),
    clock: deps.clock,
    vault: vaultTotpPort(vault),
    transportFor: sdkTransportFor,
    deviceName: defaultDeviceName(),
    onAuthChanged: (profileId, reason) => {
      // Credentials bought with the old tokens must not outlive them.
      awsCredentials.forget(profileId);
      deps.onAuthChanged?.(profileId, reason);
    },
    onProfilesChanged: deps.onProfilesChanged,
  });
  return {
    state,
    secrets,
    vault,
    cognito,
    awsCredentials,
    stop() {
      cognito.stop();
      identityTransport?.destroy();
    },
  };
}
