/**
 * Every environment variable the app, the browser host and `cognito-auth`
 * act on, read here and only here. Reading them in one place is what keeps
 * the three in agreement: when each did its own reading, an empty
 * AUTHENTICATOR_KEYCHAIN_SERVICE meant the default in one (`||`) and an
 * empty service name in another (`??`), so the data key and the CLI's access
 * key ended up in different keychain services.
 */
import { resolve } from 'node:path';
import { bridgeEndpoint, DATA_DIR_ENV, defaultDataDir, KEYCHAIN_SERVICE_ENV } from './endpoint';
import type { BridgeEndpoint } from './endpoint';
import { DEFAULT_KEYCHAIN_SERVICE } from './keychain';

export interface Environment {
  platform: NodeJS.Platform;
  /** AUTHENTICATOR_USER_DATA_DIR, resolved; undefined when unset or empty. */
  dataDirOverride?: string;
  /** The override, else the folder Electron gives this app by default (where an app started without overrides keeps its data). */
  dataDir: string;
  /** AUTHENTICATOR_KEYCHAIN_SERVICE; the default when unset or empty. */
  keychainService: string;
  /** True when AUTHENTICATOR_KEYCHAIN_SERVICE chose the service. */
  keychainServiceChosen: boolean;
  /** ELECTRON_RENDERER_URL: electron-vite's dev server, for the window in development. */
  rendererUrl?: string;
  /** Where the app serves `cognito-auth` for a data folder (XDG_RUNTIME_DIR decides it on Linux). */
  endpointFor(dataDir: string): BridgeEndpoint;
  /** The variables themselves, for what is handed on unread: a command `cognito-auth exec` runs, the clipboard tools. */
  variables: NodeJS.ProcessEnv;
}

export function readEnvironment(
  variables: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): Environment {
  const dataDirValue = variables[DATA_DIR_ENV];
  const dataDirOverride = dataDirValue ? resolve(dataDirValue) : undefined;
  const serviceValue = variables[KEYCHAIN_SERVICE_ENV];
  const rendererUrl = variables.ELECTRON_RENDERER_URL || undefined;
  return {
    platform,
    ...(dataDirOverride ? { dataDirOverride } : {}),
    dataDir: dataDirOverride ?? defaultDataDir(platform, variables),
    keychainService: serviceValue || DEFAULT_KEYCHAIN_SERVICE,
    keychainServiceChosen: Boolean(serviceValue),
    ...(rendererUrl ? { rendererUrl } : {}),
    endpointFor: (dataDir) =>
      bridgeEndpoint({ platform, runtimeDir: variables.XDG_RUNTIME_DIR, dataDir }),
    variables,
  };
}
