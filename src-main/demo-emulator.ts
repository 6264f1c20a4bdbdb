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
  DEMO_MFA_CLIENT_ID,
  DEMO_MFA_POOL_ID,
  DEMO_PASSWORD,
  DEMO_NEW_HIRE,
  DEMO_NEW_HIRE_PASSWORD,
  DEMO_PASSWORDLESS,
  DEMO_PASSWORDLESS_CLIENT_ID,
  DEMO_PASSWORDLESS_POOL_ID,
  DEMO_POOL_ID,
  DEMO_PUBLIC_CLIENT_ID,
  DEMO_REGION,
  DEMO_USERNAME,
  demoSeed,
  startEmulator,
} from '../emulator/index';
import type { Emulator, PasswordPolicy, StatePersistence } from '../emulator/index';
import type { DemoPool } from './core/cognito/profiles';
import type { PasswordPolicyView } from './core/cognito/views';
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
  const state = emulator.state();
  const seeded = state.pools[DEMO_POOL_ID];
  const client = seeded?.clients[DEMO_PUBLIC_CLIENT_ID];
  const mfaPool = state.pools[DEMO_MFA_POOL_ID];
  const passwordless = state.pools[DEMO_PASSWORDLESS_POOL_ID];
  if (!seeded || !client || !mfaPool || !passwordless) {
    await emulator.close();
    throw new Error(
      `The demo emulator's saved state in ${join(appDataDir, DEMO_EMULATOR_DIR)} has no demo pool or client; delete that folder to start the demo afresh.`,
    );
  }
  return {
    pool: {
      endpoint: emulator.url,
      region: DEMO_REGION,
      userPoolId: DEMO_POOL_ID,
      clientId: DEMO_PUBLIC_CLIENT_ID,
      authSessionValidityMinutes: client.authSessionValidityMinutes,
      identityPoolId: DEMO_IDENTITY_POOL_ID,
      passwordPolicy: policyView(seeded.passwordPolicy),
      credentials: [
        {
          username: DEMO_USERNAME,
          password: DEMO_PASSWORD,
          note: 'a password, then MFA once you set it up; if you changed the password, use yours',
        },
      ],
      journeys: [
        {
          key: 'new-hire',
          displayName: 'Demo: new hire (MFA required)',
          userPoolId: DEMO_MFA_POOL_ID,
          clientId: DEMO_MFA_CLIENT_ID,
          authFlow: 'USER_SRP_AUTH',
          passwordPolicy: policyView(mfaPool.passwordPolicy),
          adminCreateUserOnly: mfaPool.adminCreateUserOnly === true,
          credentials: [
            {
              username: DEMO_NEW_HIRE,
              password: DEMO_NEW_HIRE_PASSWORD,
              note: 'a temporary password: the first sign-in asks for a password of your own, then sets up an authenticator',
            },
          ],
        },
        {
          key: 'passwordless',
          displayName: 'Demo: passwordless (code by email)',
          userPoolId: DEMO_PASSWORDLESS_POOL_ID,
          clientId: DEMO_PASSWORDLESS_CLIENT_ID,
          authFlow: 'USER_AUTH',
          passwordPolicy: policyView(passwordless.passwordPolicy),
          credentials: [
            {
              username: DEMO_PASSWORDLESS,
              note: 'choose a code by email; demo mode shows the code on the next step',
            },
          ],
        },
      ],
      deliveredCode: (poolId, username) => deliveredCode(emulator, poolId, username),
    },
    adminCredentials: emulator.credentials,
    close: () => emulator.close(),
  };
}

function policyView(policy: PasswordPolicy): PasswordPolicyView {
  return {
    minimumLength: policy.MinimumLength,
    requireUppercase: policy.RequireUppercase,
    requireLowercase: policy.RequireLowercase,
    requireNumbers: policy.RequireNumbers,
    requireSymbols: policy.RequireSymbols,
  };
}

const SIGN_IN_CODES = new Set(['SMS_MFA', 'EMAIL_OTP', 'SMS_OTP']);

/** The typed name may be the user's email (an alias): the outbox knows the pool's username. */
function deliveredCode(emulator: Emulator, poolId: string, typed: string): string | undefined {
  const users = emulator.state().pools[poolId]?.users ?? {};
  const user = Object.hasOwn(users, typed)
    ? users[typed]
    : Object.values(users).find((u) => u.attributes.email === typed);
  if (!user) return undefined;
  return emulator.outbox.messages.findLast(
    (m) => m.poolId === poolId && m.username === user.username && SIGN_IN_CODES.has(m.kind),
  )?.code;
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
