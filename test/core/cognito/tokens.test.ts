/**
 * Token upkeep with a scripted transport: background refresh timing,
 * rotation fallback, refused tokens, and sign-out that always clears locally.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { secretKeys } from '../../../src-main/core/cognito/keys';
import { CognitoService } from '../../../src-main/core/cognito/service';
import type { Timers } from '../../../src-main/core/cognito/service';
import { REFRESH_MARGIN_MS } from '../../../src-main/core/cognito/tokens';
import { memoryDocument } from '../../helpers/memory-document';
import { MemorySecretStore } from '../../helpers/memory-secret-store';
import { FakeCognito, authResult } from '../../helpers/fake-cognito';

let now: number;
let fake: FakeCognito;
let secrets: MemorySecretStore;
let timers: { fn: () => void; at: number }[];
let service: CognitoService;
let changes: string[];

const fakeTimers: Timers = {
  setTimeout: (fn, ms) => {
    const t = { fn, at: now + ms };
    timers.push(t);
    return t;
  },
  clearTimeout: (h) => {
    timers = timers.filter((t) => t !== h);
  },
};

async function settle() {
  for (let i = 0; i < 20; i++) await Promise.resolve();
  await new Promise((r) => setImmediate(r));
}

beforeEach(async () => {
  now = Date.UTC(2026, 10, 26, 5, 0, 0);
  fake = new FakeCognito();
  secrets = new MemorySecretStore();
  timers = [];
  changes = [];
  service = new CognitoService({
    secrets,
    state: memoryDocument(),
    clock: { now: () => now },
    transportFor: () => fake,
    timers: fakeTimers,
    deviceName: 'host',
    onAuthChanged: (_id, reason) => changes.push(reason),
  });
});

async function signedIn() {
  const { id } = await service.addProfile({
    displayName: 'A',
    region: 'eu-west-1',
    userPoolId: 'eu-west-1_P1',
    clientId: 'c1',
    clientSecret: 's1',
  });
  fake.on('InitiateAuth', {
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeParameters: {
      USER_ID_FOR_SRP: 'u1',
      SRP_B: 'abcdef',
      SALT: '01',
      SECRET_BLOCK: 'AAAA',
    },
  });
  fake.on('RespondToAuthChallenge', { AuthenticationResult: authResult(now, 'u1') });
  await service.startSignIn(id, 'ana', 'pw');
  return id;
}

describe('background refresh', () => {
  it('arms a refresh five minutes before expiry, refreshes, and re-arms from the new expiry', async () => {
    await service.startAutoRefresh();
    const id = await signedIn();
    await settle();
    expect(timers).toHaveLength(1);
    expect(timers[0]!.at).toBe(now + 3600_000 - REFRESH_MARGIN_MS);

    now = timers[0]!.at;
    fake.on('InitiateAuth', {
      AuthenticationResult: { ...authResult(now, 'u1'), RefreshToken: undefined },
    });
    const due = timers.shift()!;
    due.fn();
    await settle();
    const [, refresh] = fake.callsOf('InitiateAuth');
    expect(refresh).toMatchObject({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { SECRET_HASH: expect.any(String) },
    });
    expect(changes).toEqual(['signed-in', 'refreshed']);
    expect(timers).toHaveLength(1);
    expect(timers[0]!.at).toBe(now + 3600_000 - REFRESH_MARGIN_MS);
    // The refresh token was kept since none came back.
    const stored = JSON.parse((await secrets.get(secretKeys.tokens(id)))!);
    expect(stored.refreshToken).toMatch(/^refresh-u1-/);
  });

  it('re-arms for signed-in profiles at start-up (the app was restarted)', async () => {
    await signedIn();
    expect(timers).toHaveLength(0);
    await service.startAutoRefresh();
    await settle();
    expect(timers).toHaveLength(1);
  });

  it('a network failure tries again a minute later; a refused token signs the profile out', async () => {
    await service.startAutoRefresh();
    const id = await signedIn();
    await settle();
    now = timers[0]!.at;
    fake.on('InitiateAuth', () => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    });
    timers.shift()!.fn();
    await settle();
    expect(timers).toHaveLength(1);
    expect(timers[0]!.at).toBe(now + 60_000);
    expect(await service.session(id)).not.toBeNull();

    now = timers[0]!.at;
    timers.shift()!.fn();
    await settle();
    // The retry re-arms from the (past) due time: at once.
    expect(timers.map((t) => t.at)).toEqual([now]);
    fake.fail('InitiateAuth', 'NotAuthorizedException', 'Refresh Token has been revoked');
    timers.shift()!.fn();
    await settle();
    expect(await service.session(id)).toBeNull();
    expect(changes.at(-1)).toBe('expired');
    expect(timers).toHaveLength(0);
  });
});

describe('refresh paths', () => {
  it('switches to GetTokensFromRefreshToken when the client rotates, and stores the new refresh token', async () => {
    const id = await signedIn();
    fake.fail(
      'InitiateAuth',
      'NotAuthorizedException',
      'Refresh token rotation is enabled for this app client; use GetTokensFromRefreshToken.',
    );
    fake.on('GetTokensFromRefreshToken', {
      AuthenticationResult: { ...authResult(now, 'u1'), RefreshToken: 'rotated-1' },
    });
    const next = await service.tokens.refresh(id);
    expect(next).toMatchObject({ refreshToken: 'rotated-1', rotation: true });
    expect(fake.callsOf('GetTokensFromRefreshToken')[0]).toMatchObject({
      ClientId: 'c1',
      ClientSecret: 's1',
    });
    fake.on('GetTokensFromRefreshToken', {
      AuthenticationResult: { ...authResult(now, 'u1'), RefreshToken: 'rotated-2' },
    });
    await service.tokens.refresh(id);
    expect(fake.callsOf('GetTokensFromRefreshToken')[1]).toMatchObject({
      RefreshToken: 'rotated-1',
    });
    expect(fake.callsOf('InitiateAuth')).toHaveLength(2);
  });

  it('sign-out forgets the tokens even when RevokeToken fails, and says so', async () => {
    const id = await signedIn();
    fake.fail('RevokeToken', 'InternalErrorException', 'boom', 500);
    await expect(service.signOut(id)).rejects.toMatchObject({ code: 'REVOKE_FAILED' });
    expect(await service.session(id)).toBeNull();
    expect(fake.callsOf('RevokeToken')[0]).toMatchObject({ ClientId: 'c1', ClientSecret: 's1' });
  });
});
