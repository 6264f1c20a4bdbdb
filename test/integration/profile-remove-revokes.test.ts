/**
 * Removing a signed-in profile revokes its refresh token at the pool first, and
 * still removes the profile when the pool cannot be reached to revoke it.
 */
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretKeys } from '../../src-main/core/cognito/keys';
import { PASSWORD, REGION, createEngine, seedPool, startEmulator } from './helpers';
import type { Emulator, Engine, TestPool } from './helpers';

let em: Emulator;
let client: CognitoIdentityProviderClient;
beforeAll(async () => {
  em = await startEmulator();
  client = new CognitoIdentityProviderClient({
    region: REGION,
    endpoint: em.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  client?.destroy();
  await em?.close();
});

async function signedIn(
  username: string,
): Promise<{ engine: Engine; pool: TestPool; profileId: string; refreshToken: string }> {
  const pool = await seedPool(em, { users: [{ username, password: PASSWORD }] });
  const engine = createEngine(em);
  const profileId = await engine.addProfile(pool);
  await engine.service.startSignIn(profileId, username, PASSWORD);
  const stored = JSON.parse((await engine.secrets.get(secretKeys.tokens(profileId)))!);
  return { engine, pool, profileId, refreshToken: stored.refreshToken as string };
}

function refreshWith(pool: TestPool, refreshToken: string) {
  return client.send(
    new InitiateAuthCommand({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: pool.clientId,
      AuthParameters: { REFRESH_TOKEN: refreshToken },
    }),
  );
}

describe('removing a profile', () => {
  it('revokes the refresh token: the pool refuses it afterwards', async () => {
    const { engine, pool, profileId, refreshToken } = await signedIn('rosa');
    // The token works before removal, so the refusal below is the revocation's doing.
    await expect(refreshWith(pool, refreshToken)).resolves.toMatchObject({
      AuthenticationResult: expect.objectContaining({ AccessToken: expect.any(String) }),
    });

    const view = await engine.service.removeProfile(profileId);

    expect(view.revokeFailure).toBeUndefined();
    expect(view.profiles.map((p) => p.id)).not.toContain(profileId);
    expect(await engine.secrets.keys(secretKeys.profilePrefix(profileId))).toEqual([]);
    await expect(refreshWith(pool, refreshToken)).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    });
  });

  it('still removes the profile when RevokeToken fails, and says the session was not revoked', async () => {
    const { engine, pool, profileId, refreshToken } = await signedIn('sami');
    em.faults.set('RevokeToken', { error: 'InternalErrorException' });
    try {
      const view = await engine.service.removeProfile(profileId);
      expect(view.revokeFailure).toMatch(/did not confirm that the refresh token was revoked/);
      expect(view.profiles.map((p) => p.id)).not.toContain(profileId);
      expect(await engine.secrets.keys(secretKeys.profilePrefix(profileId))).toEqual([]);
    } finally {
      em.faults.clear('RevokeToken');
    }
    // Revocation really failed: the pool still honours the token.
    await expect(refreshWith(pool, refreshToken)).resolves.toMatchObject({
      AuthenticationResult: expect.objectContaining({ AccessToken: expect.any(String) }),
    });
  });

  it('removes a profile that is not signed in without calling the pool', async () => {
    const pool = await seedPool(em);
    const engine = createEngine(em);
    const profileId = await engine.addProfile(pool);
    em.faults.set('RevokeToken', { error: 'InternalErrorException' });
    try {
      const view = await engine.service.removeProfile(profileId);
      expect(view.revokeFailure).toBeUndefined();
      expect(view.profiles.map((p) => p.id)).not.toContain(profileId);
    } finally {
      em.faults.clear('RevokeToken');
    }
  });
});
