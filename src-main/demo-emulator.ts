/**
 * The demo backend a fresh install signs in to: the local Cognito emulator,
 * seeded with the demo pool, on a free loopback port. Its state lives in
 * <dataDir>/demo-emulator/, so what the user did there (a new password, an
 * authenticator, a remembered device) is still true after a restart. That
 * state holds the user's refresh tokens and TOTP secret, so it is kept the
 * way the app keeps its own secrets: an envelope-encrypted file whose key
 * (its own, beside the app's) is in the keychain. Lives outside core because
 * it pulls in the emulator, which core must not know.
 */
import { readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DEMO_IDENTITY_POOL_ID,
  DEMO_PASSWORD,
  DEMO_NEW_HIRE,
  DEMO_NEW_HIRE_PASSWORD,
  DEMO_POOL_ID,
  DEMO_PUBLIC_CLIENT_ID,
  DEMO_REGION,
  DEMO_USERNAME,
  demoSeed,
  startEmulator,
} from '../emulator/index';
import type { StatePersistence } from '../emulator/index';
import type { DemoPool } from './core/cognito/profiles';
import type { Keychain } from './core/ports';
import { EnvelopeSecretStore } from './node/envelope-secret-store';

export interface DemoEmulator {
  /** What createAppServices takes as `demoPool`. */
  pool: DemoPool;
  /** The emulator's documented local key pair (not a secret), for admin mode on the demo pool. */
  adminCredentials: { accessKeyId: string; secretAccessKey: string };
  close(): Promise<void>;
}

export const DEMO_EMULATOR_DIR = 'demo-emulator';
export const DEMO_STATE_FILE = 'state.enc';
/** The keychain account of the demo state's data key. */
export const DEMO_KEY_ACCOUNT = 'demo-data-key';
/** Where versions before the encrypted state kept it, in plaintext. */
const PLAINTEXT_STATE_FILE = 'state.json';
const STATE_KEY = 'emulator-state';

/** `keychain` is the app's (the same service as its secrets). */
export async function startDemoEmulator(
  appDataDir: string,
  keychain: Keychain,
): Promise<DemoEmulator> {
  const emulator = await startEmulator({
    port: 0,
    persistence: encryptedState(join(appDataDir, DEMO_EMULATOR_DIR), keychain),
    seed: demoSeed,
  });
  // Read back from the emulator rather than restated, so the sign-in screen
  // checks a new password against the rules the pool will actually apply.
  const seeded = emulator.state().pools[DEMO_POOL_ID];
  const client = seeded?.clients[DEMO_PUBLIC_CLIENT_ID];
  if (!seeded || !client) {
    await emulator.close();
    throw new Error(
      `The demo emulator's saved state in ${join(appDataDir, DEMO_EMULATOR_DIR)} has no demo pool or client; delete that folder to start the demo afresh.`,
    );
  }
  const policy = seeded.passwordPolicy;
  return {
    pool: {
      endpoint: emulator.url,
      region: DEMO_REGION,
      userPoolId: DEMO_POOL_ID,
      clientId: DEMO_PUBLIC_CLIENT_ID,
      authSessionValidityMinutes: client.authSessionValidityMinutes,
      identityPoolId: DEMO_IDENTITY_POOL_ID,
      passwordPolicy: {
        minimumLength: policy.MinimumLength,
        requireUppercase: policy.RequireUppercase,
        requireLowercase: policy.RequireLowercase,
        requireNumbers: policy.RequireNumbers,
        requireSymbols: policy.RequireSymbols,
      },
      credentials: [
        {
          username: DEMO_USERNAME,
          password: DEMO_PASSWORD,
          note: 'if you have changed it, use your new password',
        },
        {
          username: DEMO_NEW_HIRE,
          password: DEMO_NEW_HIRE_PASSWORD,
          note: 'a new hire: the first sign-in asks for a password of your own; then set up an authenticator from MFA settings',
        },
      ],
    },
    adminCredentials: emulator.credentials,
    close: () => emulator.close(),
  };
}

function encryptedState(dir: string, keychain: Keychain): StatePersistence {
  const store = new EnvelopeSecretStore({
    keychain,
    filePath: join(dir, DEMO_STATE_FILE),
    keyAccount: DEMO_KEY_ACCOUNT,
  });
  const plaintext = join(dir, PLAINTEXT_STATE_FILE);
  return {
    where: join(dir, DEMO_STATE_FILE),
    async load() {
      const saved = await store.get(STATE_KEY);
      if (saved !== undefined) return saved;
      // An older version's plaintext state moves into the encrypted file once.
      return readFile(plaintext, 'utf8').catch(() => undefined);
    },
    async save(text) {
      await store.set(STATE_KEY, text);
      await unlink(plaintext).catch(() => undefined);
    },
  };
}
