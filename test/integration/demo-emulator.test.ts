/**
 * The demo pool as a fresh install gets it: the embedded emulator started by
 * src-main/demo-emulator.ts and handed to createAppServices exactly as the
 * Electron entry does, then signed in to through the IPC channels. A restart
 * of both (new port, same data folder) must keep what happened.
 * Run under scripts/with-keyring.sh.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEMO_NEW_HIRE,
  DEMO_NEW_HIRE_PASSWORD,
  DEMO_PASSWORD,
  DEMO_USERNAME,
} from '../../emulator/index';
import { createAppServices } from '../../src-main/composition';
import type { AppServices } from '../../src-main/composition';
import {
  DATA_KEY_ACCOUNT,
  KeytarKeychain,
  createKeytarSecretStore,
} from '../../src-main/node/secrets';
import {
  DEMO_EMULATOR_DIR,
  DEMO_KEY_ACCOUNT,
  DEMO_STATE_FILE,
  startDemoEmulator,
} from '../../src-main/demo-emulator';
import type { DemoEmulator } from '../../src-main/demo-emulator';
import { MemoryClipboard } from '../../browser-host/memory-clipboard';
import { dispatchOk as ok } from '../helpers/dispatch';
import { plaintextSightings, secretsIn } from '../helpers/secret-scan';

let dir: string;
let keychainService: string;
let running: { demo: DemoEmulator; app: AppServices } | undefined;
/** Everything the app logged, scanned for secrets like the files. */
let logged: string[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cda-demo-emulator-'));
  keychainService = `cda-test-${randomBytes(6).toString('hex')}`;
  logged = [];
});

afterEach(async () => {
  await stop();
  await new KeytarKeychain(keychainService).delete(DATA_KEY_ACCOUNT);
  await new KeytarKeychain(keychainService).delete(DEMO_KEY_ACCOUNT);
  await rm(dir, { recursive: true, force: true });
});

/** What src-main/index.ts does at start-up, minus Electron. */
async function start(): Promise<{ demo: DemoEmulator; app: AppServices }> {
  const demo = await startDemoEmulator(dir, new KeytarKeychain(keychainService));
  const app = await createAppServices({
    dataDir: dir,
    secretStore: createKeytarSecretStore(dir, { service: keychainService }),
    clipboard: new MemoryClipboard(),
    demoPool: demo.pool,
    logError: (channel, error) => logged.push(`${channel}: ${String(error)}`),
  });
  running = { demo, app };
  return running;
}

/** What quitting does: the app's clean-up, then the emulator's. */
async function stop(): Promise<void> {
  if (!running) return;
  const { demo, app } = running;
  running = undefined;
  await app.close();
  await demo.close();
}

describe('the embedded demo pool', () => {
  it('is the default profile of a fresh install, on a loopback port, with its credentials', async () => {
    const { demo, app } = await start();
    expect(demo.pool.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const profiles = await ok(app, 'profiles:list', {});
    expect(profiles.selectedId).toBe('demo');
    expect(profiles.profiles).toEqual([
      expect.objectContaining({
        id: 'demo',
        isDemo: true,
        endpoint: demo.pool.endpoint,
        demoCredentials: [
          expect.objectContaining({ username: DEMO_USERNAME }),
          expect.objectContaining({ username: DEMO_NEW_HIRE, password: DEMO_NEW_HIRE_PASSWORD }),
        ],
        passwordPolicy: expect.objectContaining({ minimumLength: 8 }),
      }),
    ]);
    // The demo's state holds the user's refresh tokens and TOTP secret: encrypted, never plaintext.
    expect((await stat(join(dir, DEMO_EMULATOR_DIR, DEMO_STATE_FILE))).mode & 0o777).toBe(0o600);
    expect(await readdir(join(dir, DEMO_EMULATOR_DIR))).not.toContain('state.json');
  });

  it('signs in with the demo credentials, and keeps the session, the authenticator and the remembered device across a restart', async () => {
    let { demo, app } = await start();
    const firstEndpoint = demo.pool.endpoint;
    const ask = await ok(app, 'auth:start', {
      profileId: 'demo',
      username: DEMO_USERNAME,
      password: DEMO_PASSWORD,
    });
    // The demo pool remembers a device only when the user says so.
    expect(ask).toMatchObject({ kind: 'REMEMBER_DEVICE' });
    const signedIn = await ok(app, 'auth:rememberDevice', {
      attemptId: ask.attemptId,
      remember: true,
    });
    expect(signedIn).toMatchObject({ kind: 'SIGNED_IN', device: { status: 'remembered' } });

    const enrollment = await ok(app, 'enroll:begin', { profileId: 'demo' });
    const settings = await ok(app, 'enroll:verify', {
      enrollmentId: enrollment.enrollmentId,
      useThisComputer: true,
    });
    expect(settings).toMatchObject({ enabled: ['SOFTWARE_TOKEN_MFA'] });

    await stop();
    ({ demo, app } = await start());
    // A new free port each run; the profile follows it.
    expect(demo.pool.endpoint).not.toBe(firstEndpoint);

    expect(await ok(app, 'auth:session', { profileId: 'demo' })).toMatchObject({
      session: { username: DEMO_USERNAME, deviceKnown: true },
    });
    // The refresh token was issued by the previous run of the emulator.
    expect(await ok(app, 'auth:refresh', { profileId: 'demo' })).toMatchObject({
      username: DEMO_USERNAME,
    });
    expect(await ok(app, 'mfa:get', { profileId: 'demo' })).toMatchObject({
      enabled: ['SOFTWARE_TOKEN_MFA'],
      preferred: 'SOFTWARE_TOKEN_MFA',
    });

    await ok(app, 'auth:signOut', { profileId: 'demo' });
    // With TOTP on, only the remembered device lets the password alone sign in.
    const again = await ok(app, 'auth:start', {
      profileId: 'demo',
      username: DEMO_USERNAME,
      password: DEMO_PASSWORD,
    });
    expect(again).toMatchObject({ kind: 'SIGNED_IN', device: { usedRememberedDevice: true } });

    // Tokens, the TOTP seed and the device's key and password are all in the
    // encrypted store; not one of them is in the data folder or the log.
    const secrets = await secretsIn(app.services.secrets);
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    await stop();
    expect(await plaintextSightings(secrets, [dir], { log: logged.join('\n') })).toEqual([]);
  });

  it('lets a new hire replace the temporary password at the first sign-in', async () => {
    const { app } = await start();
    const first = await ok(app, 'auth:start', {
      profileId: 'demo',
      username: DEMO_NEW_HIRE,
      password: DEMO_NEW_HIRE_PASSWORD,
    });
    expect(first).toMatchObject({ kind: 'NEW_PASSWORD_REQUIRED', title: 'Choose a new password' });
    const next = await ok(app, 'auth:respond', {
      attemptId: first.attemptId,
      answer: { kind: 'NEW_PASSWORD_REQUIRED', newPassword: 'My-Own-Passw0rd!', attributes: {} },
    });
    expect(['REMEMBER_DEVICE', 'SIGNED_IN']).toContain(next.kind);
  });
});
