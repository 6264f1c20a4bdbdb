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
  DEMO_PASSWORDLESS,
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
    const everyUser = [
      expect.objectContaining({ profileId: 'demo', username: DEMO_USERNAME }),
      expect.objectContaining({
        profileId: 'demo-new-hire',
        username: DEMO_NEW_HIRE,
        password: DEMO_NEW_HIRE_PASSWORD,
      }),
      expect.objectContaining({ profileId: 'demo-passwordless', username: DEMO_PASSWORDLESS }),
    ];
    expect(profiles.profiles).toEqual([
      expect.objectContaining({
        id: 'demo',
        isDemo: true,
        endpoint: demo.pool.endpoint,
        authFlow: 'USER_SRP_AUTH',
        demoCredentials: everyUser,
        passwordPolicy: expect.objectContaining({ minimumLength: 8 }),
      }),
      expect.objectContaining({
        id: 'demo-new-hire',
        isDemo: true,
        endpoint: demo.pool.endpoint,
        adminCreateUserOnly: true,
        demoCredentials: everyUser,
      }),
      expect.objectContaining({
        id: 'demo-passwordless',
        isDemo: true,
        authFlow: 'USER_AUTH',
        demoCredentials: everyUser,
      }),
    ]);
    expect(profiles.profiles[0]).not.toHaveProperty('adminCreateUserOnly');
    expect(profiles.profiles[2]!.demoCredentials![2]).not.toHaveProperty('password');
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

  it('takes the new hire from the temporary password through a password of their own to an authenticator', async () => {
    const { app } = await start();
    const first = await ok(app, 'auth:start', {
      profileId: 'demo-new-hire',
      username: DEMO_NEW_HIRE,
      password: DEMO_NEW_HIRE_PASSWORD,
    });
    expect(first).toMatchObject({ kind: 'NEW_PASSWORD_REQUIRED', title: 'Choose a new password' });
    const setup = await ok(app, 'auth:respond', {
      attemptId: first.attemptId,
      answer: { kind: 'NEW_PASSWORD_REQUIRED', newPassword: 'My-Own-Passw0rd!', attributes: {} },
    });
    // The pool requires MFA: no way past this step without an authenticator.
    expect(setup).toMatchObject({ kind: 'MFA_SETUP' });
    const done = await ok(app, 'auth:respond', {
      attemptId: setup.attemptId,
      answer: { kind: 'MFA_SETUP', useThisComputer: true },
    });
    expect(done).toMatchObject({ kind: 'SIGNED_IN', signedIn: { username: DEMO_NEW_HIRE } });
  });

  it('signs the passwordless user in with the emailed code, which only demo mode shows', async () => {
    const { app } = await start();
    const choose = await ok(app, 'auth:start', {
      profileId: 'demo-passwordless',
      username: DEMO_PASSWORDLESS,
    });
    expect(choose).toMatchObject({ kind: 'SELECT_CHALLENGE' });
    const codeStep = await ok(app, 'auth:respond', {
      attemptId: choose.attemptId,
      answer: { kind: 'SELECT_CHALLENGE', factor: 'EMAIL_OTP' },
    });
    expect(codeStep).toMatchObject({ kind: 'EMAIL_OTP' });
    const hint = codeStep.fields.find((f) => f.name === 'code')?.hint ?? '';
    const code = /the code (\d{6})/.exec(hint)?.[1] ?? '';
    expect(code, hint).toMatch(/^\d{6}$/);
    const done = await ok(app, 'auth:respond', {
      attemptId: codeStep.attemptId,
      answer: { kind: 'EMAIL_OTP', code },
    });
    expect(done).toMatchObject({ kind: 'SIGNED_IN', signedIn: { username: DEMO_PASSWORDLESS } });
  });
});
