/**
 * Remembered devices, token refresh (with and without rotation), sign-out
 * and signed-in enrollment against the emulator.
 */
import { describe, expect, it } from 'vitest';
import { DeviceStore } from '../../src-main/core/cognito/devices';
import { secretKeys } from '../../src-main/core/cognito/keys';
import { totpCode } from '../helpers/memory-vault';
import { PASSWORD, createEngine, seedPool, useEmulator } from './helpers';
import type { Emulator, Engine, TestPool } from './helpers';

const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

let em: Emulator;
useEmulator((started) => (em = started));

/** OPTIONAL TOTP, devices remembered on the user's say-so, MFA skipped for remembered devices. */
async function devicePool(
  username: string,
  extra: { rotation?: boolean; alwaysRemember?: boolean } = {},
): Promise<TestPool> {
  return seedPool(em, {
    pool: {
      mfaConfiguration: 'OPTIONAL',
      totp: true,
      aliasAttributes: ['email'],
      deviceConfiguration: {
        ChallengeRequiredOnNewDevice: true,
        DeviceOnlyRememberedOnUserPrompt: !extra.alwaysRemember,
      },
    },
    client: { refreshTokenRotation: extra.rotation ?? false },
    users: [
      {
        username,
        password: PASSWORD,
        attributes: { email: `${username}@example.com`, email_verified: 'true' },
        totpSecret: TOTP_SECRET,
        mfaEnabled: ['SOFTWARE_TOKEN_MFA'],
      },
    ],
  });
}

async function signInWithTotp(engine: Engine, profileId: string, username: string) {
  const step = await engine.service.startSignIn(profileId, username, PASSWORD);
  expect(step.kind).toBe('SOFTWARE_TOKEN_MFA');
  return engine.service.respond(step.attemptId, {
    kind: 'SOFTWARE_TOKEN_MFA',
    code: totpCode(TOTP_SECRET, em.clock.now()),
  });
}

describe('remembered devices', () => {
  it('confirms the device, asks, remembers on yes, and the next sign-in (even by alias) skips MFA through device SRP', async () => {
    const pool = await devicePool('pat');
    const engine = createEngine(em);
    const profileId = await engine.addProfile(pool);
    const ask = await signInWithTotp(engine, profileId, 'pat');
    expect(ask.kind).toBe('REMEMBER_DEVICE');
    expect(ask.device?.status).toBe('awaiting-choice');
    const done = await engine.service.rememberDevice(ask.attemptId, true);
    expect(done).toMatchObject({ kind: 'SIGNED_IN', device: { status: 'remembered' } });

    // Keyed by USER_ID_FOR_SRP, with the device name we gave.
    const local = await new DeviceStore(engine.secrets).get(profileId, 'pat');
    expect(local).toMatchObject({ remembered: true });
    const devices = await engine.service.devices.list(profileId);
    expect(devices).toHaveLength(1);
    expect(devices[0]).toMatchObject({
      deviceKey: local!.deviceKey,
      name: 'test-host (Linux)',
      remembered: true,
      isThisDevice: true,
    });

    await engine.service.signOut(profileId);
    const again = await engine.service.startSignIn(profileId, 'pat@example.com', PASSWORD);
    expect(again).toMatchObject({
      kind: 'SIGNED_IN',
      device: { status: 'remembered', usedRememberedDevice: true },
    });
    // Refresh carries the device key.
    await expect(engine.service.refresh(profileId)).resolves.toMatchObject({ deviceKnown: true });
  });

  it('USER_PASSWORD_AUTH by alias: the alias map finds the device before Cognito answers, so DEVICE_KEY goes in InitiateAuth', async () => {
    const pool = await devicePool('ulf', { alwaysRemember: true });
    const engine = createEngine(em);
    const profileId = await engine.addProfile(pool, { authFlow: 'USER_PASSWORD_AUTH' });
    const first = await engine.service.startSignIn(profileId, 'ulf@example.com', PASSWORD);
    expect(first.kind).toBe('SOFTWARE_TOKEN_MFA');
    const done = await engine.service.respond(first.attemptId, {
      kind: 'SOFTWARE_TOKEN_MFA',
      code: totpCode(TOTP_SECRET, em.clock.now()),
    });
    expect(done.device?.status).toBe('remembered');
    const again = await engine.service.startSignIn(profileId, 'ulf@example.com', PASSWORD);
    expect(again).toMatchObject({ kind: 'SIGNED_IN', device: { usedRememberedDevice: true } });
  });

  it('a pool that always remembers: no question, remembered at once', async () => {
    const pool = await devicePool('quin', { alwaysRemember: true });
    const engine = createEngine(em);
    const profileId = await engine.addProfile(pool);
    const done = await signInWithTotp(engine, profileId, 'quin');
    expect(done).toMatchObject({
      kind: 'SIGNED_IN',
      device: { status: 'remembered', usedRememberedDevice: false },
    });
    expect((await engine.service.startSignIn(profileId, 'quin', PASSWORD)).kind).toBe('SIGNED_IN');
  });

  it('declining keeps asking for MFA next time', async () => {
    const pool = await devicePool('ray');
    const engine = createEngine(em);
    const profileId = await engine.addProfile(pool);
    const ask = await signInWithTotp(engine, profileId, 'ray');
    const done = await engine.service.rememberDevice(ask.attemptId, false);
    expect(done).toMatchObject({ kind: 'SIGNED_IN', device: { status: 'declined' } });
    const devices = await engine.service.devices.list(profileId);
    expect(devices[0]).toMatchObject({ remembered: false, isThisDevice: true });
    const next = await engine.service.startSignIn(profileId, 'ray', PASSWORD);
    expect(next.kind).toBe('SOFTWARE_TOKEN_MFA');
  });

  it('self-heals when the device was forgotten on the server: clears local keys and retries once without DEVICE_KEY', async () => {
    const pool = await devicePool('sam');
    const engine = createEngine(em);
    const profileId = await engine.addProfile(pool);
    const ask = await signInWithTotp(engine, profileId, 'sam');
    await engine.service.rememberDevice(ask.attemptId, true);
    const store = new DeviceStore(engine.secrets);
    const old = (await store.get(profileId, 'sam'))!;
    await em.admin.call('AdminForgetDevice', {
      UserPoolId: pool.poolId,
      Username: 'sam',
      DeviceKey: old.deviceKey,
    });

    const next = await engine.service.startSignIn(profileId, 'sam', PASSWORD);
    expect(next.kind).toBe('SOFTWARE_TOKEN_MFA');
    expect(await store.get(profileId, 'sam')).toBeUndefined();
    // Cognito accepts each authenticator code once: the next sign-in needs the next one.
    em.clock.advance(30_000);
    const ask2 = await engine.service.respond(next.attemptId, {
      kind: 'SOFTWARE_TOKEN_MFA',
      code: totpCode(TOTP_SECRET, em.clock.now()),
    });
    expect(ask2.kind).toBe('REMEMBER_DEVICE');
    await engine.service.rememberDevice(ask2.attemptId, true);
    expect((await store.get(profileId, 'sam'))?.deviceKey).not.toBe(old.deviceKey);
  });

  it('forgetting this device from the devices screen clears its local keys too', async () => {
    const pool = await devicePool('tia');
    const engine = createEngine(em);
    const profileId = await engine.addProfile(pool);
    const ask = await signInWithTotp(engine, profileId, 'tia');
    await engine.service.rememberDevice(ask.attemptId, true);
    const store = new DeviceStore(engine.secrets);
    const key = (await store.get(profileId, 'tia'))!.deviceKey;
    expect(await engine.service.devices.forget(profileId, key)).toEqual([]);
    expect(await store.get(profileId, 'tia')).toBeUndefined();
    await expect(engine.service.refresh(profileId)).resolves.toMatchObject({ deviceKnown: false });
  });

  it('surfaces a ConfirmDevice failure instead of swallowing it', async () => {
    const pool = await devicePool('uma');
    const engine = createEngine(em);
    const profileId = await engine.addProfile(pool);
    em.faults.set('ConfirmDevice', { error: 'InternalErrorException', times: 4 });
    const done = await signInWithTotp(engine, profileId, 'uma');
    expect(done).toMatchObject({
      kind: 'SIGNED_IN',
      device: { status: 'failed', error: { code: 'SERVICE_ERROR' } },
    });
    expect(done.device?.message).toMatch(/could not be registered/);
    expect(await new DeviceStore(engine.secrets).get(profileId, 'uma')).toBeUndefined();
  });
});

describe('tokens', () => {
  it('refreshes without rotation: new access token, same refresh token; concurrent refreshes share one call', async () => {
    const pool = await seedPool(em, { users: [{ username: 'val', password: PASSWORD }] });
    const engine = createEngine(em);
    const profileId = await engine.addProfile(pool);
    await engine.service.startSignIn(profileId, 'val', PASSWORD);
    const before = JSON.parse((await engine.secrets.get(secretKeys.tokens(profileId)))!);
    em.clock.advance(2_000);
    const [a, b, c] = await Promise.all([
      engine.service.tokens.refresh(profileId),
      engine.service.tokens.refresh(profileId),
      engine.service.tokens.refresh(profileId),
    ]);
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(a.accessToken).not.toBe(before.accessToken);
    expect(a.refreshToken).toBe(before.refreshToken);
    expect(engine.events.filter((e) => e.reason === 'refreshed')).toHaveLength(1);
  });

  it('refreshes with rotation through GetTokensFromRefreshToken and persists the new refresh token', async () => {
    const pool = await seedPool(em, {
      client: { refreshTokenRotation: true },
      users: [{ username: 'wes', password: PASSWORD }],
    });
    const engine = createEngine(em);
    const profileId = await engine.addProfile(pool);
    await engine.service.startSignIn(profileId, 'wes', PASSWORD);
    const first = JSON.parse((await engine.secrets.get(secretKeys.tokens(profileId)))!);
    const second = await engine.service.tokens.refresh(profileId);
    expect(second.rotation).toBe(true);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const persisted = JSON.parse((await engine.secrets.get(secretKeys.tokens(profileId)))!);
    expect(persisted.refreshToken).toBe(second.refreshToken);
    const third = await engine.service.tokens.refresh(profileId);
    expect(third.refreshToken).not.toBe(second.refreshToken);
  });

  it('refreshes on demand when the access token is about to expire', async () => {
    const pool = await seedPool(em, { users: [{ username: 'xia', password: PASSWORD }] });
    const engine = createEngine(em);
    const profileId = await engine.addProfile(pool);
    await engine.service.startSignIn(profileId, 'xia', PASSWORD);
    const stale = (await engine.service.tokens.load(profileId))!.accessToken;
    expect(await engine.service.tokens.accessToken(profileId)).toBe(stale);
    em.clock.advance(58 * 60_000);
    const fresh = await engine.service.tokens.accessToken(profileId);
    expect(fresh).not.toBe(stale);
  });

  it('signs out with RevokeToken: the old refresh token stops working', async () => {
    const pool = await seedPool(em, { users: [{ username: 'yan', password: PASSWORD }] });
    const engine = createEngine(em);
    const profileId = await engine.addProfile(pool);
    await engine.service.startSignIn(profileId, 'yan', PASSWORD);
    const saved = (await engine.secrets.get(secretKeys.tokens(profileId)))!;
    await engine.service.signOut(profileId);
    expect(await engine.service.session(profileId)).toBeNull();
    // Put the revoked tokens back: Cognito must refuse them, and the profile is signed out again.
    await engine.secrets.set(secretKeys.tokens(profileId), saved);
    await expect(engine.service.refresh(profileId)).rejects.toMatchObject({
      code: 'REFRESH_EXPIRED',
    });
    expect(await engine.service.session(profileId)).toBeNull();
  });

  it('signs out everywhere with GlobalSignOut: another computer loses its session at its next refresh', async () => {
    const pool = await seedPool(em, { users: [{ username: 'zed', password: PASSWORD }] });
    const laptop = createEngine(em);
    const desktop = createEngine(em);
    const onLaptop = await laptop.addProfile(pool);
    const onDesktop = await desktop.addProfile(pool);
    await laptop.service.startSignIn(onLaptop, 'zed', PASSWORD);
    await desktop.service.startSignIn(onDesktop, 'zed', PASSWORD);
    await laptop.service.signOutEverywhere(onLaptop);
    expect(await laptop.service.session(onLaptop)).toBeNull();
    await expect(desktop.service.refresh(onDesktop)).rejects.toMatchObject({
      code: 'REFRESH_EXPIRED',
    });
    expect(desktop.events.at(-1)).toEqual({ profileId: onDesktop, reason: 'expired' });
  });
});

describe('enrollment when signed in', () => {
  it('associates, verifies and sets TOTP as preferred; the next sign-in asks for the code', async () => {
    const pool = await seedPool(em, {
      pool: { mfaConfiguration: 'OPTIONAL', totp: true },
      users: [{ username: 'abe', password: PASSWORD }],
    });
    const engine = createEngine(em);
    const profileId = await engine.addProfile(pool);
    await engine.service.startSignIn(profileId, 'abe', PASSWORD);
    expect(await engine.service.enrollment.get(profileId)).toMatchObject({ enabled: [] });

    const enrollment = await engine.service.enrollment.begin(profileId);
    expect(enrollment.setup.account).toBe('abe');
    const secret = new URL(enrollment.setup.otpauthUri).searchParams.get('secret')!;
    await expect(
      engine.service.enrollment.verify(enrollment.enrollmentId, {
        code: '000000',
        useThisComputer: false,
        friendlyDeviceName: '',
        preferred: true,
      }),
    ).rejects.toMatchObject({ field: 'code' });
    const settings = await engine.service.enrollment.verify(enrollment.enrollmentId, {
      code: totpCode(secret, em.clock.now()),
      useThisComputer: false,
      friendlyDeviceName: 'Phone',
      preferred: true,
    });
    expect(settings).toMatchObject({
      enabled: ['SOFTWARE_TOKEN_MFA'],
      preferred: 'SOFTWARE_TOKEN_MFA',
    });
    expect((await engine.service.startSignIn(profileId, 'abe', PASSWORD)).kind).toBe(
      'SOFTWARE_TOKEN_MFA',
    );

    const off = await engine.service.enrollment.set(profileId, {
      totp: { enabled: false, preferred: false },
    });
    expect(off.enabled).toEqual([]);
  });

  it('with "use this computer", the vault gets the secret and sign-in fills the code', async () => {
    const pool = await seedPool(em, {
      pool: { mfaConfiguration: 'OPTIONAL', totp: true },
      users: [{ username: 'bea', password: PASSWORD }],
    });
    const engine = createEngine(em);
    const profileId = await engine.addProfile(pool);
    await engine.service.startSignIn(profileId, 'bea', PASSWORD);
    const enrollment = await engine.service.enrollment.begin(profileId);
    await engine.service.enrollment.verify(enrollment.enrollmentId, {
      useThisComputer: true,
      friendlyDeviceName: '',
      preferred: true,
    });
    expect(engine.vault.accounts.size).toBe(1);
    // Cognito accepts each authenticator code once: the next sign-in needs the next one.
    em.clock.advance(30_000);
    const step = await engine.service.startSignIn(profileId, 'bea', PASSWORD);
    expect(step).toMatchObject({ kind: 'SOFTWARE_TOKEN_MFA', canAutofill: true });
    expect((await engine.service.autofill(step.attemptId)).kind).toBe('SIGNED_IN');
  });
});
