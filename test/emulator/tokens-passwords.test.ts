import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../emulator/index.js';
import type { CustomAuthHook, Emulator } from '../../emulator/index.js';
import { call, ok } from './helpers.js';

const PASSWORD = 'Correct-Horse-1';
let emu: Emulator;

const hook: CustomAuthHook = {
  define: ({ rounds }) => ({
    issueTokens: rounds.length > 0 && rounds.at(-1)!.challengeResult,
    failAuthentication: rounds.length >= 2 && !rounds.at(-1)!.challengeResult,
  }),
  create: ({ rounds }) => ({
    publicChallengeParameters: { question: `2 + ${rounds.length}?` },
    privateChallengeParameters: { answer: String(2 + rounds.length) },
  }),
  verify: ({ privateChallengeParameters, answer }) => privateChallengeParameters.answer === answer,
};

beforeAll(async () => {
  emu = await startEmulator({ customAuth: hook });
});
afterAll(() => emu.close());

interface Tokens {
  AccessToken: string;
  RefreshToken?: string;
}

async function setup(client: Record<string, unknown> = {}, username = 'user') {
  const poolId = await emu.admin.createPool({ PoolName: 'tokens' });
  const { clientId } = await emu.admin.createClient(poolId, {
    ExplicitAuthFlows: [
      'ALLOW_USER_PASSWORD_AUTH',
      'ALLOW_REFRESH_TOKEN_AUTH',
      'ALLOW_CUSTOM_AUTH',
    ],
    ...client,
  });
  await emu.admin.createUser(poolId, username, PASSWORD, {
    attributes: { email: `${username}@example.com`, email_verified: 'true' },
  });
  const signIn = async (password = PASSWORD) =>
    (
      await ok<{ AuthenticationResult: Tokens }>(emu.url, 'InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: clientId,
        AuthParameters: { USERNAME: username, PASSWORD: password },
      })
    ).AuthenticationResult;
  return { poolId, clientId, signIn };
}

const getUser = (token: string) => call(emu.url, 'GetUser', { AccessToken: token });

describe('revocation', () => {
  it('RevokeToken revokes the refresh token and the tokens issued from it, not other sign-ins', async () => {
    const { clientId, signIn } = await setup();
    const a = await signIn();
    const b = await signIn();
    const wrongType = await call(emu.url, 'RevokeToken', {
      Token: a.AccessToken,
      ClientId: clientId,
    });
    expect(wrongType.body.__type).toBe('UnsupportedTokenTypeException');
    await ok(emu.url, 'RevokeToken', { Token: a.RefreshToken, ClientId: clientId });
    expect((await getUser(a.AccessToken)).body).toMatchObject({
      __type: 'NotAuthorizedException',
      message: 'Access Token has been revoked',
    });
    const refresh = await call(emu.url, 'InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: clientId,
      AuthParameters: { REFRESH_TOKEN: a.RefreshToken },
    });
    expect(refresh.body.message).toBe('Refresh Token has been revoked');
    expect((await getUser(b.AccessToken)).status).toBe(200);
  });

  it('refuses RevokeToken when the client has revocation turned off', async () => {
    const { clientId, signIn } = await setup({ EnableTokenRevocation: false });
    const t = await signIn();
    expect(
      (await call(emu.url, 'RevokeToken', { Token: t.RefreshToken, ClientId: clientId })).body
        .__type,
    ).toBe('UnsupportedOperationException');
  });

  it('GlobalSignOut and AdminUserGlobalSignOut revoke every sign-in of the user', async () => {
    const { poolId, signIn } = await setup();
    const a = await signIn();
    const b = await signIn();
    await ok(emu.url, 'GlobalSignOut', { AccessToken: a.AccessToken });
    expect((await getUser(b.AccessToken)).body.message).toBe('Access Token has been revoked');
    const c = await signIn();
    await emu.admin.call('AdminUserGlobalSignOut', { UserPoolId: poolId, Username: 'user' });
    expect((await getUser(c.AccessToken)).body.message).toBe('Access Token has been revoked');
  });
});

describe('refresh-token rotation', () => {
  it('rotates through GetTokensFromRefreshToken, honours the grace period, and refuses REFRESH_TOKEN_AUTH', async () => {
    const { clientId, signIn } = await setup({
      RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 },
    });
    const first = await signIn();
    const refused = await call(emu.url, 'InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: clientId,
      AuthParameters: { REFRESH_TOKEN: first.RefreshToken },
    });
    expect(refused.body.__type).toBe('NotAuthorizedException');

    const rotated = (
      await ok<{ AuthenticationResult: Tokens }>(emu.url, 'GetTokensFromRefreshToken', {
        RefreshToken: first.RefreshToken,
        ClientId: clientId,
      })
    ).AuthenticationResult;
    expect(rotated.RefreshToken).toBeTruthy();
    expect(rotated.RefreshToken).not.toBe(first.RefreshToken);
    expect(
      (
        await call(emu.url, 'GetTokensFromRefreshToken', {
          RefreshToken: first.RefreshToken,
          ClientId: clientId,
        })
      ).status,
    ).toBe(200);
    emu.clock.advance(11_000);
    const stale = await call(emu.url, 'GetTokensFromRefreshToken', {
      RefreshToken: first.RefreshToken,
      ClientId: clientId,
    });
    expect(stale.body).toMatchObject({
      __type: 'NotAuthorizedException',
      message: 'Invalid Refresh Token',
    });
    expect(
      (
        await call(emu.url, 'GetTokensFromRefreshToken', {
          RefreshToken: rotated.RefreshToken,
          ClientId: clientId,
        })
      ).status,
    ).toBe(200);
  });

  it('without rotation, GetTokensFromRefreshToken returns no new refresh token', async () => {
    const { clientId, signIn } = await setup();
    const t = await signIn();
    const r = await ok<{ AuthenticationResult: Tokens }>(emu.url, 'GetTokensFromRefreshToken', {
      RefreshToken: t.RefreshToken,
      ClientId: clientId,
    });
    expect(r.AuthenticationResult.RefreshToken).toBeUndefined();
  });

  it('expires refresh tokens after RefreshTokenValidity', async () => {
    const { clientId, signIn } = await setup({
      RefreshTokenValidity: 60,
      TokenValidityUnits: { RefreshToken: 'minutes' },
    });
    const t = await signIn();
    emu.clock.advance(61 * 60_000);
    const r = await call(emu.url, 'InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: clientId,
      AuthParameters: { REFRESH_TOKEN: t.RefreshToken },
    });
    expect(r.body.message).toBe('Refresh Token has expired');
  });
});

describe('passwords', () => {
  it('ChangePassword checks the old password and the policy', async () => {
    const { signIn } = await setup();
    const t = await signIn();
    const wrong = await call(emu.url, 'ChangePassword', {
      AccessToken: t.AccessToken,
      PreviousPassword: 'Nope-Nope-1',
      ProposedPassword: 'Another-Pass-2',
    });
    expect(wrong.body.__type).toBe('NotAuthorizedException');
    const weak = await call(emu.url, 'ChangePassword', {
      AccessToken: t.AccessToken,
      PreviousPassword: PASSWORD,
      ProposedPassword: 'alllowercase1!',
    });
    expect(weak.body).toMatchObject({
      __type: 'InvalidPasswordException',
      message: 'Password did not conform with policy: Password must have uppercase characters',
    });
    await ok(emu.url, 'ChangePassword', {
      AccessToken: t.AccessToken,
      PreviousPassword: PASSWORD,
      ProposedPassword: 'Another-Pass-2',
    });
    expect((await signIn('Another-Pass-2')).AccessToken).toBeTruthy();
  });

  it('ForgotPassword answers alike for unknown users and sends a code only to real ones', async () => {
    const { clientId, signIn } = await setup({ PreventUserExistenceErrors: 'ENABLED' });
    const before = emu.outbox.messages.length;
    const ghost = await ok<{ CodeDeliveryDetails: { DeliveryMedium: string } }>(
      emu.url,
      'ForgotPassword',
      { ClientId: clientId, Username: 'ghost' },
    );
    expect(ghost.CodeDeliveryDetails.DeliveryMedium).toBe('EMAIL');
    expect(emu.outbox.messages.length).toBe(before);
    const real = await ok<{ CodeDeliveryDetails: { Destination: string } }>(
      emu.url,
      'ForgotPassword',
      { ClientId: clientId, Username: 'user' },
    );
    expect(real.CodeDeliveryDetails.Destination).toBe('u***@e***');
    const code = emu.outbox.last('user', 'FORGOT_PASSWORD')!.code;
    const mismatch = await call(emu.url, 'ConfirmForgotPassword', {
      ClientId: clientId,
      Username: 'user',
      ConfirmationCode: code === '000000' ? '111111' : '000000',
      Password: 'Reset-Pass-3',
    });
    expect(mismatch.body.__type).toBe('CodeMismatchException');
    const unknown = await call(emu.url, 'ConfirmForgotPassword', {
      ClientId: clientId,
      Username: 'ghost',
      ConfirmationCode: code,
      Password: 'Reset-Pass-3',
    });
    expect(unknown.body.__type).toBe('CodeMismatchException');
    emu.clock.advance(61 * 60_000);
    const expired = await call(emu.url, 'ConfirmForgotPassword', {
      ClientId: clientId,
      Username: 'user',
      ConfirmationCode: code,
      Password: 'Reset-Pass-3',
    });
    expect(expired.body.__type).toBe('ExpiredCodeException');
    await ok(emu.url, 'ForgotPassword', { ClientId: clientId, Username: 'user' });
    await ok(emu.url, 'ConfirmForgotPassword', {
      ClientId: clientId,
      Username: 'user',
      ConfirmationCode: emu.outbox.last('user', 'FORGOT_PASSWORD')!.code,
      Password: 'Reset-Pass-3',
    });
    expect((await signIn('Reset-Pass-3')).AccessToken).toBeTruthy();
  });

  it('locks the account after repeated wrong passwords until the lockout passes', async () => {
    const { signIn } = await setup();
    for (let i = 0; i < 5; i++)
      await expect(signIn('Wrong-Pass-9')).rejects.toThrow('Incorrect username or password.');
    await expect(signIn()).rejects.toThrow('NotAuthorizedException: Password attempts exceeded');
    emu.clock.advance(2000);
    expect((await signIn()).AccessToken).toBeTruthy();
  });

  it('expires a temporary password after TemporaryPasswordValidityDays', async () => {
    const poolId = await emu.admin.createPool({
      PoolName: 'temp',
      Policies: { PasswordPolicy: { MinimumLength: 8, TemporaryPasswordValidityDays: 1 } },
    });
    const { clientId } = await emu.admin.createClient(poolId, {
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
    });
    await emu.admin.createUser(poolId, 'temp', 'temporary', { temporary: true });
    const auth = () =>
      call(emu.url, 'InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: clientId,
        AuthParameters: { USERNAME: 'temp', PASSWORD: 'temporary' },
      });
    expect((await auth()).body.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    emu.clock.advance(86_400_000);
    expect((await auth()).body.message).toBe(
      'Temporary password has expired and must be reset by an administrator.',
    );
  });

  it('refuses a flow the client does not allow', async () => {
    const poolId = await emu.admin.createPool({ PoolName: 'flows' });
    const { clientId } = await emu.admin.createClient(poolId);
    const r = await call(emu.url, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: 'x', PASSWORD: 'y' },
    });
    expect(r.body).toMatchObject({
      __type: 'InvalidParameterException',
      message: 'USER_PASSWORD_AUTH flow not enabled for this client',
    });
  });
});

describe('CUSTOM_AUTH', () => {
  const start = (clientId: string, username: string) =>
    ok<{ ChallengeName: string; Session: string; ChallengeParameters: Record<string, string> }>(
      emu.url,
      'InitiateAuth',
      { AuthFlow: 'CUSTOM_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username } },
    );
  const answer = (clientId: string, session: string, value: string, username = 'user') =>
    call<{ ChallengeName?: string; Session?: string; AuthenticationResult?: Tokens }>(
      emu.url,
      'RespondToAuthChallenge',
      {
        ChallengeName: 'CUSTOM_CHALLENGE',
        ClientId: clientId,
        Session: session,
        ChallengeResponses: { USERNAME: username, ANSWER: value },
      },
    );

  it('runs the hook: a wrong answer earns another round, a right one the tokens', async () => {
    const { clientId } = await setup();
    const first = await start(clientId, 'user');
    expect(first).toMatchObject({
      ChallengeName: 'CUSTOM_CHALLENGE',
      ChallengeParameters: { question: '2 + 0?' },
    });
    const second = await answer(clientId, first.Session, '5');
    expect(second.body.ChallengeName).toBe('CUSTOM_CHALLENGE');
    const done = await answer(clientId, second.body.Session!, '3');
    expect(done.body.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('fails after the hook says so, and never issues tokens for an unknown user', async () => {
    const { clientId } = await setup({ PreventUserExistenceErrors: 'ENABLED' });
    const first = await start(clientId, 'user');
    const second = await answer(clientId, first.Session, 'x');
    expect((await answer(clientId, second.body.Session!, 'y')).body.__type).toBe(
      'NotAuthorizedException',
    );
    const ghost = await start(clientId, 'ghost');
    expect(ghost.ChallengeName).toBe('CUSTOM_CHALLENGE');
    // The right answer for a real user still fails for a name that does not exist.
    const again = await answer(clientId, ghost.Session, '2', 'ghost');
    expect(again.body.AuthenticationResult).toBeUndefined();
    expect((await answer(clientId, again.body.Session!, '3', 'ghost')).body.message).toBe(
      'Incorrect username or password.',
    );
  });
});
