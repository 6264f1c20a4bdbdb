/**
 * End to end: the whole app (composition, engine, vault, keychain store,
 * CLI bridge) signed in against the emulator over HTTP, then the real
 * `cognito-auth` binary. The emulator's clock starts 59.5 minutes behind, so
 * the hour-long tokens it issues have 30 s left in real time: that is what
 * lets `--no-app` (which runs on the system clock) be seen refreshing.
 * Run under scripts/with-keyring.sh.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_EMAIL,
  DEMO_PASSWORD,
  DEMO_POOL_ID,
  DEMO_PUBLIC_CLIENT_ID,
  DEMO_USERNAME,
  demoSeed,
  startEmulator,
} from '../../emulator/index';
import type { Emulator } from '../../emulator/index';
import type { AppServices } from '../../src-main/composition';
import { BEARER_TOKEN_ACCOUNT } from '../../src-main/core/cli-bridge/bearer-token';
import type { ApprovalRequestedEvent } from '../../src-main/core/cli-bridge/ui-approval-prompt';
import { DATA_KEY_ACCOUNT, KeytarKeychain } from '../../src-main/node/secrets';
import { openAppWithBridge } from './bridge-app';
import { claimsOf, verifiesAgainstJwks } from './jwt';
import { assertCliBuilt, runCli } from './run-cli';
import type { CliEnv } from './run-cli';
import { dispatchTo } from '../helpers/dispatch';

const SECRET = 'JBSWY3DPEHPK3PXP';
const BEHIND_MS = 59 * 60_000 + 30_000;

let em: Emulator;
let base: string;
let env: CliEnv;
let app: AppServices;
let approvals: ApprovalRequestedEvent[];
let profileId: string;
let firstIdToken: string;

const keychainService = `cda-cli-e2e-${randomBytes(6).toString('hex')}`;
const keychain = new KeytarKeychain(keychainService);

function openApp(): Promise<AppServices> {
  return openAppWithBridge({ env, keychain, now: () => em.clock.now(), approvals });
}

const { ok } = dispatchTo(() => app);

beforeAll(async () => {
  assertCliBuilt();
  em = await startEmulator({ seed: demoSeed });
  em.clock.advance(-BEHIND_MS);
  base = await mkdtemp(join(tmpdir(), 'cli-e2e-'));
  env = { dataDir: join(base, 'data'), runtimeDir: join(base, 'run'), keychainService };
  approvals = [];
  app = await openApp();
  const profile = await ok('profiles:add', {
    displayName: 'Acme',
    region: 'us-east-1',
    userPoolId: DEMO_POOL_ID,
    clientId: DEMO_PUBLIC_CLIENT_ID,
    endpoint: em.url,
  });
  profileId = profile.id;
  await ok('profiles:select', { profileId });
  let step = await ok('auth:start', {
    profileId,
    username: DEMO_USERNAME,
    password: DEMO_PASSWORD,
  });
  if (step.kind === 'REMEMBER_DEVICE') {
    step = await ok('auth:rememberDevice', {
      attemptId: step.attemptId,
      remember: false,
    });
  }
  expect(step.kind).toBe('SIGNED_IN');
  await ok('vault:addUri', {
    uri: `otpauth://totp/GitHub:alice?secret=${SECRET}&issuer=GitHub`,
  });
});

afterAll(async () => {
  await app?.close();
  await em?.close();
  await keychain.delete(BEARER_TOKEN_ACCOUNT);
  await keychain.delete(DATA_KEY_ACCOUNT);
  await rm(base, { recursive: true, force: true });
});

describe('cognito-auth against the running app', () => {
  it('prints an ID token of the signed-in user that verifies against the pool JWKS', async () => {
    const result = await runCli(['token'], env);
    expect(result.code, result.stderr).toBe(0);
    firstIdToken = result.stdout.trim();
    expect(result.stdout).toBe(`${firstIdToken}\n`);
    expect(claimsOf(firstIdToken)).toMatchObject({
      token_use: 'id',
      'cognito:username': DEMO_USERNAME,
      email: DEMO_EMAIL,
      aud: DEMO_PUBLIC_CLIENT_ID,
    });
    expect(await verifiesAgainstJwks(firstIdToken, em.url, DEMO_POOL_ID)).toBe(true);
    // The check is not vacuous: a token with a changed claim fails it.
    const [h, , s] = firstIdToken.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claimsOf(firstIdToken), email: 'mallory@example.com' })).toString('base64url')}.${s}`;
    expect(await verifiesAgainstJwks(forged, em.url, DEMO_POOL_ID)).toBe(false);
  });

  it('was asked once through the app, and remembers the program', async () => {
    expect(approvals).toHaveLength(1);
    expect(approvals[0]).toMatchObject({
      action: 'an ID token for the default profile',
      canAllowAlways: true,
      programPid: process.pid,
    });
    const { programs } = await ok('cli:listAllowed', {});
    expect(programs).toHaveLength(1);
  });

  it('prints an access token as JSON', async () => {
    const result = await runCli(['token', '--profile', 'Acme', '--type', 'access', '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    const value = JSON.parse(result.stdout) as {
      token: string;
      type: string;
      profile: string;
      expiresAt: string;
    };
    expect(value).toMatchObject({ type: 'access', profile: 'Acme' });
    expect(claimsOf(value.token)).toMatchObject({
      token_use: 'access',
      client_id: DEMO_PUBLIC_CLIENT_ID,
      username: DEMO_USERNAME,
    });
    expect(Date.parse(value.expiresAt)).toBe((claimsOf(value.token).exp as number) * 1000);
    expect(await verifiesAgainstJwks(value.token, em.url, DEMO_POOL_ID)).toBe(true);
  });

  it('prints the code the vault shows', async () => {
    // Retried across a 30 s boundary, so the comparison is of one period's code.
    for (let attempt = 0; attempt < 3; attempt++) {
      const before = (await ok('vault:list', {})).accounts[0]?.code;
      const result = await runCli(['code', 'GitHub'], env);
      const after = (await ok('vault:list', {})).accounts[0]?.code;
      expect(result.code, result.stderr).toBe(0);
      if (before !== after) continue;
      expect(result.stdout).toBe(`${before}\n`);
      expect((await runCli(['mfa-code'], env)).stdout).toMatch(/^\d{6}\n$/);
      return;
    }
    throw new Error('The code changed during every attempt.');
  });

  it('lists the profile as signed in, with no secret in the output', async () => {
    const result = await runCli(['profiles', '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    const { profiles } = JSON.parse(result.stdout) as {
      profiles: { id: string; signedIn: boolean; username?: string }[];
    };
    expect(profiles).toContainEqual(
      expect.objectContaining({ id: profileId, signedIn: true, username: DEMO_USERNAME }),
    );
    expect(result.stdout).not.toContain(firstIdToken.split('.')[2]);
  });

  it('hands out nothing while the app is locked', async () => {
    await ok('lock:set', { locked: true });
    const locked = await runCli(['token'], env);
    expect(locked).toMatchObject({ code: 5, stdout: '' });
    expect(locked.stderr).toContain('locked');
    await ok('lock:unlock', { passphrase: 'first lock passphrase' });
    expect((await runCli(['token'], env)).code).toBe(0);
  });
});

describe('cognito-auth --no-app', () => {
  it('refuses while the app is running', async () => {
    const result = await runCli(['token', '--no-app'], env);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain('The app is running');
  });

  it('reads the stores itself and refreshes a token about to expire', async () => {
    await app.close();
    const notRunning = await runCli(['token'], env);
    expect(notRunning.code).toBe(3);

    const result = await runCli(['token', '--no-app'], env);
    expect(result.code, result.stderr).toBe(0);
    const token = result.stdout.trim();
    // 30 s were left in real time, under the CLI's one-minute minimum: a new token.
    expect(token).not.toBe(firstIdToken);
    expect(claimsOf(token)).toMatchObject({ token_use: 'id', 'cognito:username': DEMO_USERNAME });
    expect(claimsOf(token).iat as number).toBeGreaterThanOrEqual(
      claimsOf(firstIdToken).iat as number,
    );
    expect(await verifiesAgainstJwks(token, em.url, DEMO_POOL_ID)).toBe(true);

    const code = await runCli(['code', 'github:alice', '--no-app'], env);
    expect(code.code, code.stderr).toBe(0);
    const totp = new TOTP({ secret: SECRET });
    const now = Date.now();
    expect([totp.generate({ timestamp: now - 2000 }), totp.generate({ timestamp: now })]).toContain(
      code.stdout.trim(),
    );

    // The refreshed tokens were saved: the app, started again, hands out the same one.
    app = await openApp();
    const again = await runCli(['token'], env);
    expect(again.stdout.trim()).toBe(token);
  }, 90_000);
});
