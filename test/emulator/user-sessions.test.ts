import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminGetUserAuthFactorsCommand,
  AdminListUserSessionsCommand,
  AdminRevokeUserSessionCommand,
  CognitoIdentityProviderClient,
  GetUserAuthFactorsCommand,
  InitiateAuthCommand,
  ListUserSessionsCommand,
  RevokeUserSessionCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { startEmulator } from '../../emulator/index.js';
import type { Emulator } from '../../emulator/index.js';
import { call, ok } from './helpers.js';

const PASSWORD = 'Correct-Horse-1';
let emu: Emulator;
let admin: CognitoIdentityProviderClient;
let unsigned: CognitoIdentityProviderClient;

beforeAll(async () => {
  emu = await startEmulator();
  const client = (credentials: { accessKeyId: string; secretAccessKey: string }) =>
    new CognitoIdentityProviderClient({
      endpoint: emu.url,
      region: 'us-east-1',
      credentials,
      maxAttempts: 1,
    });
  admin = client(emu.credentials);
  unsigned = client({ accessKeyId: 'unused', secretAccessKey: 'unused' });
});
afterAll(async () => {
  admin.destroy();
  unsigned.destroy();
  await emu.close();
});

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: Error) => e,
  );

async function setup() {
  const poolId = await emu.admin.createPool({ PoolName: 'sessions' });
  const { clientId } = await emu.admin.createClient(poolId, {
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  await emu.admin.createUser(poolId, 'ana', PASSWORD, {
    attributes: { email: 'ana@example.com', email_verified: 'true' },
  });
  const signIn = async (userAgent = 'curl/8.5.0') => {
    const res = await fetch(emu.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth',
        'User-Agent': userAgent,
      },
      body: JSON.stringify({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: clientId,
        AuthParameters: { USERNAME: 'ana', PASSWORD },
      }),
    });
    const body = (await res.json()) as {
      AuthenticationResult: { AccessToken: string; RefreshToken: string };
    };
    return body.AuthenticationResult;
  };
  return { poolId, clientId, signIn };
}

describe('ListUserSessions and RevokeUserSession', () => {
  it('lists each sign-in once, marks the caller, and revokes another one', async () => {
    const { clientId, signIn } = await setup();
    const first = await signIn(
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36',
    );
    const second = await signIn();
    const { Sessions } = await unsigned.send(
      new ListUserSessionsCommand({ AccessToken: second.AccessToken }),
    );
    expect(Sessions).toHaveLength(2);
    const [a, b] = Sessions!;
    expect(a).toMatchObject({
      SessionType: 'TOKEN',
      ClientId: clientId,
      DeviceType: 'Windows, Chrome',
      LastIPAddress: '127.0.0.1',
      IsCurrentSession: false,
    });
    expect(b).toMatchObject({ DeviceType: 'curl', IsCurrentSession: true });
    expect(a!.SessionId).toMatch(/^tkn[a-z0-9]{25}$/);
    expect(a!.CreateDate).toBeInstanceOf(Date);

    const own = await errorOf(
      unsigned.send(
        new RevokeUserSessionCommand({ AccessToken: second.AccessToken, SessionId: b!.SessionId }),
      ),
    );
    expect(own).toMatchObject({
      name: 'InvalidParameterException',
      message: 'The current session cannot be revoked with RevokeUserSession.',
    });

    await unsigned.send(
      new RevokeUserSessionCommand({ AccessToken: second.AccessToken, SessionId: a!.SessionId }),
    );
    expect((await call(emu.url, 'GetUser', { AccessToken: first.AccessToken })).body).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Access Token has been revoked',
    });
    const refresh = await errorOf(
      unsigned.send(
        new InitiateAuthCommand({
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          ClientId: clientId,
          AuthParameters: { REFRESH_TOKEN: first.RefreshToken },
        }),
      ),
    );
    expect(refresh?.message).toBe('Refresh Token has been revoked');
    const after = await unsigned.send(
      new ListUserSessionsCommand({ AccessToken: second.AccessToken }),
    );
    expect(after.Sessions!.map((s) => s.SessionId)).toEqual([b!.SessionId]);
  });

  it('moves LastActiveDate on refresh, not on sign-in of another session', async () => {
    const { clientId, signIn } = await setup();
    const tokens = await signIn();
    const before = (
      await ok<{ Sessions: { LastActiveDate: number; CreateDate: number }[] }>(
        emu.url,
        'ListUserSessions',
        { AccessToken: tokens.AccessToken },
      )
    ).Sessions[0]!;
    emu.clock.advance(120_000);
    await ok(emu.url, 'InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: clientId,
      AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken },
    });
    const after = (
      await ok<{ Sessions: { LastActiveDate: number; CreateDate: number }[] }>(
        emu.url,
        'ListUserSessions',
        { AccessToken: tokens.AccessToken },
      )
    ).Sessions[0]!;
    expect(after.CreateDate).toBe(before.CreateDate);
    expect(after.LastActiveDate - before.LastActiveDate).toBeGreaterThanOrEqual(120);
  });

  it('refuses an unknown or malformed session id with AWS wording', async () => {
    const { signIn } = await setup();
    const { AccessToken } = await signIn();
    const unknown = await call(emu.url, 'RevokeUserSession', {
      AccessToken,
      SessionId: `tkn${'a'.repeat(25)}`,
    });
    expect(unknown.body).toEqual({
      __type: 'ResourceNotFoundException',
      message: 'Session not found.',
    });
    const malformed = await call(emu.url, 'RevokeUserSession', { AccessToken, SessionId: 'x' });
    expect(malformed.body.__type).toBe('InvalidParameterException');
    expect(malformed.body.message).toMatch(/at 'sessionId' failed to satisfy constraint/);
  });

  it('keeps at most 20 live sessions, evicting the least recently used', async () => {
    const { signIn } = await setup();
    const oldest = await signIn();
    for (let i = 0; i < 20; i++) {
      emu.clock.advance(1000);
      await signIn();
    }
    const latest = await signIn();
    const { Sessions } = await ok<{ Sessions: unknown[]; NextToken?: string }>(
      emu.url,
      'ListUserSessions',
      { AccessToken: latest.AccessToken },
    );
    expect(Sessions).toHaveLength(20);
    expect((await call(emu.url, 'GetUser', { AccessToken: oldest.AccessToken })).status).toBe(400);
  });
});

describe('AdminListUserSessions and AdminRevokeUserSession', () => {
  it('needs SigV4, lists without a current session, and revokes any one', async () => {
    const { poolId, signIn } = await setup();
    const tokens = await signIn();
    const refused = await call(emu.url, 'AdminListUserSessions', {
      UserPoolId: poolId,
      Username: 'ana',
    });
    expect(refused.body.__type).toBe('MissingAuthenticationTokenException');
    const { Sessions } = await admin.send(
      new AdminListUserSessionsCommand({ UserPoolId: poolId, Username: 'ana' }),
    );
    expect(Sessions).toHaveLength(1);
    expect(Sessions![0]!.IsCurrentSession).toBe(false);
    const wrongUser = await errorOf(
      admin.send(
        new AdminRevokeUserSessionCommand({
          UserPoolId: poolId,
          Username: 'nobody',
          SessionId: Sessions![0]!.SessionId,
        }),
      ),
    );
    expect(wrongUser).toMatchObject({
      name: 'UserNotFoundException',
      message: 'User does not exist.',
    });
    await admin.send(
      new AdminRevokeUserSessionCommand({
        UserPoolId: poolId,
        Username: 'ana',
        SessionId: Sessions![0]!.SessionId,
      }),
    );
    expect((await call(emu.url, 'GetUser', { AccessToken: tokens.AccessToken })).status).toBe(400);
    const after = await admin.send(
      new AdminListUserSessionsCommand({ UserPoolId: poolId, Username: 'ana' }),
    );
    expect(after.Sessions).toEqual([]);
  });
});

describe('GetUserAuthFactors and AdminGetUserAuthFactors', () => {
  it('reports the password, verified addresses the pool sends codes to, TOTP and MFA settings', async () => {
    const { poolId, signIn } = await setup();
    const { AccessToken } = await signIn();
    expect(await unsigned.send(new GetUserAuthFactorsCommand({ AccessToken }))).toMatchObject({
      Username: 'ana',
      ConfiguredUserAuthFactors: ['PASSWORD'],
    });
    await emu.admin.call('AdminSetUserMFAPreference', {
      UserPoolId: poolId,
      Username: 'ana',
      EmailMfaSettings: { Enabled: true, PreferredMfa: true },
    });
    const adminView = await admin.send(
      new AdminGetUserAuthFactorsCommand({ UserPoolId: poolId, Username: 'ana' }),
    );
    expect(adminView).toMatchObject({
      Username: 'ana',
      PreferredMfaSetting: 'EMAIL_OTP',
      UserMFASettingList: ['EMAIL_OTP'],
      ConfiguredUserAuthFactors: ['PASSWORD', 'EMAIL_OTP'],
    });
    const unsignedAdmin = await call(emu.url, 'AdminGetUserAuthFactors', {
      UserPoolId: poolId,
      Username: 'ana',
    });
    expect(unsignedAdmin.body.__type).toBe('MissingAuthenticationTokenException');
  });
});
