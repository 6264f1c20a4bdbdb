/**
 * Answers worded exactly as Cognito words them, for the cases where the
 * emulator once differed: each asserts the `__type` and the message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClock, startEmulator } from '../../emulator/index.js';
import type { Emulator } from '../../emulator/index.js';
import { call, cognitoTimestamp, ok, poolNameOf, SrpProof, totpCode } from './helpers.js';

const PASSWORD = 'Correct-Horse-1';
const clock = createClock();
let emu: Emulator;

beforeAll(async () => {
  clock.set(Date.UTC(2026, 11, 1, 9, 30, 0));
  emu = await startEmulator({ clock });
});
afterAll(() => emu.close());

async function pool(client: Record<string, unknown> = {}, users: string[] = ['ana']) {
  const poolId = await emu.admin.createPool({ PoolName: 'wording' });
  const { clientId } = await emu.admin.createClient(poolId, {
    ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH'],
    ...client,
  });
  for (const name of users) await emu.admin.createUser(poolId, name, PASSWORD);
  return { poolId, clientId };
}

type Init = { Session: string; ChallengeParameters: Record<string, string> };

async function startSrp(poolId: string, clientId: string, username: string) {
  const proof = new SrpProof(poolNameOf(poolId));
  const init = await ok<Init>(emu.url, 'InitiateAuth', {
    AuthFlow: 'USER_SRP_AUTH',
    ClientId: clientId,
    AuthParameters: { USERNAME: username, SRP_A: await proof.A },
  });
  /** The PASSWORD_VERIFIER request, signed as `signAs` at `timestamp`, claiming USERNAME `claim`. */
  const answer = async (
    timestamp = cognitoTimestamp(clock.now()),
    claim = init.ChallengeParameters.USER_ID_FOR_SRP!,
  ) => ({
    ChallengeName: 'PASSWORD_VERIFIER',
    ClientId: clientId,
    Session: init.Session,
    ChallengeResponses: {
      USERNAME: claim,
      PASSWORD_CLAIM_SECRET_BLOCK: init.ChallengeParameters.SECRET_BLOCK,
      PASSWORD_CLAIM_SIGNATURE: await proof.sign(
        init.ChallengeParameters.USER_ID_FOR_SRP!,
        PASSWORD,
        init.ChallengeParameters,
        timestamp,
      ),
      TIMESTAMP: timestamp,
    },
  });
  return { init, answer };
}

const respond = (request: unknown) => call(emu.url, 'RespondToAuthChallenge', request);

describe('auth flows the client does not allow', () => {
  it('words USER_SRP_AUTH, USER_PASSWORD_AUTH and CUSTOM_AUTH as Cognito does', async () => {
    const { clientId } = await pool({ ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'] });
    const initiate = (AuthFlow: string, extra: Record<string, string>) =>
      call(emu.url, 'InitiateAuth', {
        AuthFlow,
        ClientId: clientId,
        AuthParameters: { USERNAME: 'ana', ...extra },
      });
    expect((await initiate('USER_SRP_AUTH', { SRP_A: 'abc' })).body).toEqual({
      __type: 'InvalidParameterException',
      message: 'USER_SRP_AUTH is not enabled for the client.',
    });
    expect((await initiate('USER_PASSWORD_AUTH', { PASSWORD })).body).toEqual({
      __type: 'InvalidParameterException',
      message: 'USER_PASSWORD_AUTH flow not enabled for this client',
    });
    expect((await initiate('CUSTOM_AUTH', {})).body).toEqual({
      __type: 'InvalidParameterException',
      message: 'CUSTOM_AUTH is not enabled for the client.',
    });
  });

  it('refuses ADMIN_NO_SRP_AUTH through InitiateAuth', async () => {
    const { clientId } = await pool();
    const r = await call(emu.url, 'InitiateAuth', {
      AuthFlow: 'ADMIN_NO_SRP_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: 'ana', PASSWORD },
    });
    expect(r.body).toEqual({
      __type: 'InvalidParameterException',
      message: 'Initiate Auth method not supported.',
    });
  });
});

describe('Sessions', () => {
  it('says a Session answered twice can only be used once, and an expired one is expired', async () => {
    const { poolId, clientId } = await pool();
    const { answer } = await startSrp(poolId, clientId, 'ana');
    const request = await answer();
    expect((await respond(request)).status).toBe(200);
    expect((await respond(request)).body).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Invalid session for the user, session can only be used once.',
    });
    const late = await startSrp(poolId, clientId, 'ana');
    clock.advance(3 * 60_000 + 1);
    const lateRequest = await late.answer();
    expect((await respond(lateRequest)).body).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Invalid session for the user, session is expired.',
    });
  });
});

describe('TIMESTAMP', () => {
  it('refuses a zero-padded or skewed TIMESTAMP as a wrong password, and it uses up the session', async () => {
    const { poolId, clientId } = await pool();
    for (const timestamp of [
      'Tue Dec 01 09:30:00 UTC 2026',
      cognitoTimestamp(clock.now() - 10 * 60_000),
    ]) {
      const { answer } = await startSrp(poolId, clientId, 'ana');
      expect((await respond(await answer(timestamp))).body).toEqual({
        __type: 'NotAuthorizedException',
        message: 'Incorrect username or password.',
      });
      expect((await respond(await answer())).body).toEqual({
        __type: 'NotAuthorizedException',
        message: 'Invalid session for the user, session can only be used once.',
      });
    }
  });

  it('refuses an unparseable TIMESTAMP with the Java pattern, and it uses up the session', async () => {
    const { poolId, clientId } = await pool();
    const { answer } = await startSrp(poolId, clientId, 'ana');
    expect((await respond(await answer('2026-12-01T09:30:00Z'))).body).toEqual({
      __type: 'InvalidParameterException',
      message: 'TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.',
    });
    expect((await respond(await answer())).body.message).toBe(
      'Invalid session for the user, session can only be used once.',
    );
  });
});

describe('PASSWORD_VERIFIER USERNAME', () => {
  it("refuses a proof that names another user than the session's", async () => {
    const { poolId, clientId } = await pool({}, ['ana', 'bob']);
    const { answer } = await startSrp(poolId, clientId, 'ana');
    expect((await respond(await answer(undefined, 'bob'))).body).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
  });

  it('signs in users named constructor and __proto__ and finds nobody behind toString', async () => {
    const { poolId, clientId } = await pool({}, ['constructor', '__proto__']);
    for (const name of ['constructor', '__proto__']) {
      const { answer } = await startSrp(poolId, clientId, name);
      const r = await respond(await answer());
      expect(r.status).toBe(200);
      expect(r.body).toHaveProperty('AuthenticationResult.AccessToken');
    }
    const missing = await call(emu.url, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: 'toString', PASSWORD },
    });
    expect(missing.body).toEqual({
      __type: 'UserNotFoundException',
      message: 'User does not exist.',
    });
  });
});

describe('PreventUserExistenceErrors', () => {
  const unknown = async (clientId: string) => ({
    srp: (
      await call(emu.url, 'InitiateAuth', {
        AuthFlow: 'USER_SRP_AUTH',
        ClientId: clientId,
        AuthParameters: { USERNAME: 'nobody', SRP_A: await new SrpProof('x').A },
      })
    ).body,
    password: (
      await call(emu.url, 'InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: clientId,
        AuthParameters: { USERNAME: 'nobody', PASSWORD },
      })
    ).body,
    forgot: (await call(emu.url, 'ForgotPassword', { ClientId: clientId, Username: 'nobody' }))
      .body,
  });

  it('defaults to LEGACY, where an unknown user is UserNotFoundException', async () => {
    const { poolId, clientId } = await pool();
    const described = await emu.admin.call<{ UserPoolClient: Record<string, unknown> }>(
      'DescribeUserPoolClient',
      { UserPoolId: poolId, ClientId: clientId },
    );
    expect(described.UserPoolClient.PreventUserExistenceErrors).toBe('LEGACY');
    const notFound = { __type: 'UserNotFoundException', message: 'User does not exist.' };
    expect(await unknown(clientId)).toEqual({
      srp: notFound,
      password: notFound,
      forgot: notFound,
    });
  });

  it('under ENABLED answers an unknown user like a known one', async () => {
    const { clientId } = await pool({ PreventUserExistenceErrors: 'ENABLED' });
    const answers = await unknown(clientId);
    expect(answers.srp).toHaveProperty('ChallengeName', 'PASSWORD_VERIFIER');
    expect(answers.password).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    expect(answers.forgot).toHaveProperty('CodeDeliveryDetails.DeliveryMedium', 'EMAIL');
  });
});

describe('TOTP replay', () => {
  it('refuses an authenticator code already used in its window', async () => {
    const poolId = await emu.admin.createPool({ PoolName: 'replay' });
    await emu.admin.call('SetUserPoolMfaConfig', {
      UserPoolId: poolId,
      MfaConfiguration: 'ON',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });
    const { clientId } = await emu.admin.createClient(poolId, {
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
    });
    await emu.admin.createUser(poolId, 'ana', PASSWORD);
    const signIn = () =>
      ok<{ ChallengeName: string; Session: string }>(emu.url, 'InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: clientId,
        AuthParameters: { USERNAME: 'ana', PASSWORD },
      });
    const setup = await signIn();
    const { SecretCode, Session } = await ok<{ SecretCode: string; Session: string }>(
      emu.url,
      'AssociateSoftwareToken',
      { Session: setup.Session },
    );
    const verified = await ok<{ Session: string }>(emu.url, 'VerifySoftwareToken', {
      Session,
      UserCode: totpCode(SecretCode, clock.now()),
    });
    await ok(emu.url, 'RespondToAuthChallenge', {
      ChallengeName: 'MFA_SETUP',
      ClientId: clientId,
      Session: verified.Session,
      ChallengeResponses: { USERNAME: 'ana' },
    });
    const mfa = await signIn();
    const answer = (code: string, session: string) =>
      call(emu.url, 'RespondToAuthChallenge', {
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        ClientId: clientId,
        Session: session,
        ChallengeResponses: { USERNAME: 'ana', SOFTWARE_TOKEN_MFA_CODE: code },
      });
    expect((await answer(totpCode(SecretCode, clock.now()), mfa.Session)).body).toEqual({
      __type: 'ExpiredCodeException',
      message: 'Your software token has already been used once.',
    });
    clock.advance(30_000);
    const next = await answer(totpCode(SecretCode, clock.now()), mfa.Session);
    expect(next.body).toHaveProperty('AuthenticationResult.AccessToken');
    const again = await signIn();
    expect((await answer(totpCode(SecretCode, clock.now()), again.Session)).body).toEqual({
      __type: 'ExpiredCodeException',
      message: 'Your software token has already been used once.',
    });

    // A replacement authenticator starts with no spent codes.
    const { AccessToken } = (
      next.body as unknown as { AuthenticationResult: { AccessToken: string } }
    ).AuthenticationResult;
    const replacement = await ok<{ SecretCode: string }>(emu.url, 'AssociateSoftwareToken', {
      AccessToken,
    });
    clock.advance(-30_000);
    const replaced = await call(emu.url, 'VerifySoftwareToken', {
      AccessToken,
      UserCode: totpCode(replacement.SecretCode, clock.now()),
    });
    expect(replaced.body).toEqual({ Status: 'SUCCESS' });
  });
});
