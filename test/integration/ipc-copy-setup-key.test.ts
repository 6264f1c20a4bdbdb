/**
 * enroll:copySetupKey: main copies the open setup's key under the clipboard
 * policy (concealed, cleared after the delay); the renderer only names the
 * setup. Whole app against the emulator's demo pool; run under
 * scripts/with-keyring.sh.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  DEMO_POOL_ID,
  DEMO_PUBLIC_CLIENT_ID,
  DEMO_REGION,
  DEMO_USERNAME,
  demoSeed,
} from '../../emulator/index';
import { createAppServices } from '../../src-main/composition';
import type { AppServices } from '../../src-main/composition';
import {
  DATA_KEY_ACCOUNT,
  KeytarKeychain,
  createKeytarSecretStore,
} from '../../src-main/core/secrets';
import type { AuthStepView, CopyReceipt, EnrollmentView } from '../../src-main/ipc/contract';
import { MemoryClipboard } from '../harness/memory-clipboard';
import { startEmulator } from './helpers';
import type { Emulator } from './helpers';

let em: Emulator;
let dir: string;
let keychainService: string;
let clipboard: MemoryClipboard;
let app: AppServices;

beforeAll(async () => {
  em = await startEmulator({ seed: demoSeed });
});
afterAll(async () => {
  await em?.close();
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cda-copy-setup-key-'));
  keychainService = `cda-test-${randomBytes(6).toString('hex')}`;
  clipboard = new MemoryClipboard();
  app = await createAppServices({
    dataDir: dir,
    secretStore: createKeytarSecretStore(dir, { service: keychainService }),
    clipboard,
    clock: { now: () => em.clock.now() },
    demoPool: {
      endpoint: em.url,
      region: DEMO_REGION,
      userPoolId: DEMO_POOL_ID,
      clientId: DEMO_PUBLIC_CLIENT_ID,
      credentials: [],
    },
  });
});

afterEach(async () => {
  await app.close();
  await new KeytarKeychain(keychainService).delete(DATA_KEY_ACCOUNT);
  await rm(dir, { recursive: true, force: true });
});

async function ok<T>(channel: string, payload: unknown): Promise<T> {
  const result = await app.dispatch(channel, payload);
  if (!result.ok)
    throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

async function errorCode(channel: string, payload: unknown): Promise<string> {
  const result = await app.dispatch(channel, payload);
  if (result.ok) throw new Error(`${channel} succeeded, but should have failed`);
  return result.error.code;
}

describe('enroll:copySetupKey', () => {
  it('copies an open setup key concealed and on a timer, and refuses once there is none', async () => {
    const ask = await ok<AuthStepView>('auth:start', {
      profileId: 'demo',
      username: DEMO_USERNAME,
      password: DEMO_PASSWORD,
    });
    // A sign-in that is not at MFA_SETUP has no key to copy.
    expect(ask.kind).toBe('REMEMBER_DEVICE');
    await expect(errorCode('enroll:copySetupKey', { attemptId: ask.attemptId })).resolves.toBe(
      'NO_SETUP_KEY',
    );
    await ok('auth:rememberDevice', { attemptId: ask.attemptId, remember: false });

    const enrollment = await ok<EnrollmentView>('enroll:begin', { profileId: 'demo' });
    const receipt = await ok<CopyReceipt>('enroll:copySetupKey', {
      enrollmentId: enrollment.enrollmentId,
    });
    expect(receipt).toEqual({ clearsInSeconds: 30 });
    expect(clipboard.readText()).toBe(enrollment.setup.secretGrouped.replace(/\s/g, ''));
    expect(clipboard.lastConcealed).toBe(true);
    // The pool holds the same key it handed out.
    expect(clipboard.readText()).toBe(
      em.state().pools[DEMO_POOL_ID]?.users[DEMO_USERNAME]?.totp.pendingSecret,
    );

    await ok('enroll:cancel', { enrollmentId: enrollment.enrollmentId });
    await expect(
      errorCode('enroll:copySetupKey', { enrollmentId: enrollment.enrollmentId }),
    ).resolves.toBe('ENROLLMENT_NOT_FOUND');
    await expect(errorCode('enroll:copySetupKey', { attemptId: 'no-such-attempt' })).resolves.toBe(
      'ATTEMPT_NOT_FOUND',
    );
  });

  it('takes a request that names one setup, by attempt or by enrollment, and nothing else', async () => {
    for (const payload of [{}, { attemptId: 'a', enrollmentId: 'b' }, { key: 'JBSWY3DP' }])
      await expect(errorCode('enroll:copySetupKey', payload)).resolves.toBe('INVALID_REQUEST');
  });
});
