/**
 * Where the app listens and the CLI connects. Both sides compute it from the
 * same inputs (platform, environment, data folder), so nothing has to be
 * written down for the CLI to find the app.
 */
import { join, resolve } from 'node:path';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * The CLI runs this on every call: node:os and node:crypto each cost more to
 * load than the rest of it (node:crypto ~8 ms, for OpenSSL), so os is loaded
 * only where HOME does not say what os.homedir() would (it reads HOME first
 * outside Windows), and the hash is @noble/hashes' plain-JavaScript SHA-256.
 */
const os = () => process.getBuiltinModule('node:os');

/** The app's name as Electron knows it (package.json `name`), which fixes its userData folder. */
export const APP_NAME = 'cognito-desktop-authenticator';

/** Environment variable that points app and CLI at another data folder (tests, portable installs). */
export const DATA_DIR_ENV = 'AUTHENTICATOR_USER_DATA_DIR';
/** Environment variable naming another keychain service (tests keep their entries apart with it). */
export const KEYCHAIN_SERVICE_ENV = 'AUTHENTICATOR_KEYCHAIN_SERVICE';

export interface BridgeEndpoint {
  /** Unix socket path or Windows named-pipe name. */
  path: string;
  /** The private folder holding the socket; absent for a named pipe. */
  dir?: string;
}

export interface EndpointInputs {
  platform: NodeJS.Platform;
  /** XDG_RUNTIME_DIR, the user's private folder for sockets; without it, the data folder. */
  runtimeDir?: string;
  dataDir: string;
  /** Login name, for the Windows pipe name. */
  user?: string;
}

/**
 * Electron's default userData folder for this app, so the CLI finds the data
 * of an app started without overrides.
 */
export function defaultDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  const homedir = () => (platform !== 'win32' && env.HOME) || os().homedir();
  if (platform === 'win32') {
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  }
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP_NAME);
}

/**
 * One socket per data folder: a short hash of the folder's path keeps two
 * installs (or two test runs) sharing $XDG_RUNTIME_DIR from meeting.
 */
export function bridgeEndpoint(inputs: EndpointInputs): BridgeEndpoint {
  const tag = bytesToHex(sha256(utf8ToBytes(resolve(inputs.dataDir)))).slice(0, 12);
  if (inputs.platform === 'win32') {
    const user = (inputs.user ?? os().userInfo().username).replace(/[^A-Za-z0-9_.-]/g, '_');
    return { path: `\\\\.\\pipe\\cognito-auth-${user}-${tag}` };
  }
  const dir = inputs.runtimeDir
    ? join(inputs.runtimeDir, 'cognito-auth')
    : join(inputs.dataDir, 'run');
  return { dir, path: join(dir, `cli-${tag}.sock`) };
}
