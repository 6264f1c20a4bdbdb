/**
 * The auth channels as the renderer uses them: the whole app (composition,
 * router, zod schemas, keychain store, vault) against the emulator's demo pool.
 * Run under scripts/with-keyring.sh.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_REGION, DEMO_USERNAME, demoSeed } from '../../emulator/index';
import type { AppServices } from '../../src-main/composition';
import { MemoryClipboard } from '../../browser-host/memory-clipboard';
import { useAppServices } from '../helpers/app-services';
import { dispatchTo } from '../helpers/dispatch';
import { PASSWORD, demoPoolOn, useEmulator } from './helpers';
import type { Emulator } from './helpers';

let em: Emulator;
let app: AppServices;
let events: [string, unknown][];

useEmulator((started) => (em = started), { seed: demoSeed });
useAppServices(
  'ipc-auth',
  () => ({
    clipboard: new MemoryClipboard(),
    clock: { now: () => em.clock.now() },
    demoPool: demoPoolOn(em, [
      { username: DEMO_USERNAME, password: DEMO_PASSWORD, note: 'Demo user' },
    ]),
  }),
  (started) => (app = started),
);
beforeEach(() => {
  events = [];
  app.subscribe((event, payload) => events.push([event, payload]));
});

const { ok } = dispatchTo(() => app);

describe('auth channels', () => {
  it('lists the demo profile as the default and signs in to it', async () => {
    const profiles = await ok('profiles:list', {});
    expect(profiles.selectedId).toBe('demo');
    expect(profiles.profiles[0]).toMatchObject({
      id: 'demo',
      isDemo: true,
      demoCredentials: [{ username: DEMO_USERNAME }],
    });

    const ask = await ok('auth:start', {
      profileId: 'demo',
      username: DEMO_USERNAME,
      password: DEMO_PASSWORD,
    });
    // The demo pool remembers devices only when the user says so.
    expect(ask).toMatchObject({ kind: 'REMEMBER_DEVICE', device: { status: 'awaiting-choice' } });
    expect(await ok('auth:state', {})).toMatchObject({ attempt: { kind: 'REMEMBER_DEVICE' } });
    const step = await ok('auth:rememberDevice', {
      attemptId: ask.attemptId,
      remember: false,
    });
    expect(step).toMatchObject({ kind: 'SIGNED_IN', device: { status: 'declined' } });
    // The username (never the password) is kept to fill in at the next sign-in.
    expect(await ok('auth:state', {})).toEqual({
      sessions: [expect.objectContaining({ profileId: 'demo' })],
      lastUsernames: { demo: 'demo' },
    });
    expect(await ok('auth:session', { profileId: 'demo' })).toMatchObject({
      session: { username: DEMO_USERNAME },
    });
    expect(events).toContainEqual(['auth:changed', { profileId: 'demo', reason: 'signed-in' }]);
    await ok('auth:signOut', { profileId: 'demo' });
    expect(await ok('auth:session', { profileId: 'demo' })).toEqual({ session: null });
  });

  it('reports bad input with the field, through zod and through profile validation', async () => {
    const empty = await app.dispatch('auth:start', {
      profileId: 'demo',
      username: '',
      password: 'x',
    });
    expect(empty).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST', field: 'username' },
    });
    const badCode = await app.dispatch('auth:respond', {
      attemptId: 'a',
      answer: { kind: 'SMS_MFA', code: '12ab' },
    });
    expect(badCode).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST', field: 'answer.code' },
    });
    const badPool = await app.dispatch('profiles:add', {
      displayName: 'X',
      region: 'eu-west-1',
      userPoolId: 'nope',
      clientId: 'abc',
    });
    expect(badPool).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PROFILE', field: 'userPoolId' },
    });
    const wrong = await app.dispatch('auth:start', {
      profileId: 'demo',
      username: DEMO_USERNAME,
      password: 'wrong',
    });
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'WRONG_CREDENTIALS', field: 'password', retryable: true },
    });
  });

  it('MFA setup with "use this computer" puts the secret into the real vault, and autofill uses it', async () => {
    const poolId = `${DEMO_REGION}_IpcMfaOn1`;
    const clientId = 'ipcmfaonclient000000000000';
    await em.admin.seed({
      pools: [
        {
          id: poolId,
          name: 'ipc',
          mfaConfiguration: 'ON',
          totp: true,
          clients: [
            {
              id: clientId,
              name: 'c',
              explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
            },
          ],
          users: [{ username: 'ivy', password: PASSWORD }],
        },
      ],
    });
    const profile = await ok('profiles:add', {
      displayName: 'IPC Corp',
      region: DEMO_REGION,
      userPoolId: poolId,
      clientId,
      endpoint: em.url,
    });
    expect(events.some(([e]) => e === 'profiles:changed')).toBe(true);
    const setup = await ok('auth:start', {
      profileId: profile.id,
      username: 'ivy',
      password: PASSWORD,
    });
    expect(setup.kind).toBe('MFA_SETUP');
    const done = await ok('auth:respond', {
      attemptId: setup.attemptId,
      answer: { kind: 'MFA_SETUP', useThisComputer: true },
    });
    expect(done.kind).toBe('SIGNED_IN');
    const { accounts } = await ok('vault:list', {});
    expect(accounts).toMatchObject([{ issuer: 'IPC Corp', account: 'ivy' }]);

    // Cognito accepts each authenticator code once: the next sign-in needs the next one.
    em.clock.advance(30_000);
    const next = await ok('auth:start', {
      profileId: profile.id,
      username: 'ivy',
      password: PASSWORD,
    });
    expect(next).toMatchObject({ kind: 'SOFTWARE_TOKEN_MFA', canAutofill: true });
    expect((await ok('auth:autofill', { attemptId: next.attemptId })).kind).toBe('SIGNED_IN');
    expect(await ok('mfa:get', { profileId: profile.id })).toMatchObject({
      enabled: ['SOFTWARE_TOKEN_MFA'],
    });
    expect(await ok('devices:list', { profileId: profile.id })).toEqual({ devices: [] });
  });
});
