import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../emulator/index.js';
import type { Emulator } from '../../emulator/index.js';
import { call, cognitoTimestamp, ok, poolNameOf, SrpProof } from './helpers.js';

const PASSWORD = 'Correct-Horse-1';
let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

interface Auth {
  ChallengeName?: string;
  ChallengeParameters: Record<string, string>;
  AvailableChallenges?: string[];
  Session?: string;
  AuthenticationResult?: { AccessToken: string };
}

async function choicePool(pool: Record<string, unknown> = {}) {
  const poolId = await emu.admin.createPool({
    PoolName: 'choice',
    Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP'] } },
    ...pool,
  });
  const { clientId } = await emu.admin.createClient(poolId, {
    ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  await emu.admin.createUser(poolId, 'ana', PASSWORD, {
    attributes: {
      email: 'ana@example.com',
      email_verified: 'true',
      phone_number: '+15550001234',
      phone_number_verified: 'true',
    },
  });
  const initiate = (params: Record<string, string> = {}) =>
    call<Auth>(emu.url, 'InitiateAuth', {
      AuthFlow: 'USER_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: 'ana', ...params },
    });
  const respond = (name: string, session: string | undefined, responses: Record<string, string>) =>
    call<Auth>(emu.url, 'RespondToAuthChallenge', {
      ChallengeName: name,
      ClientId: clientId,
      Session: session,
      ChallengeResponses: { USERNAME: 'ana', ...responses },
    });
  return { poolId, clientId, initiate, respond };
}

describe('USER_AUTH', () => {
  it('offers SELECT_CHALLENGE with what the user can answer, then signs in with an emailed code and no MFA', async () => {
    const { initiate, respond } = await choicePool({ MfaConfiguration: 'OFF' });
    const select = (await initiate()).body;
    expect(select).toMatchObject({
      ChallengeName: 'SELECT_CHALLENGE',
      AvailableChallenges: ['PASSWORD_SRP', 'PASSWORD', 'EMAIL_OTP', 'SMS_OTP'],
    });
    const otp = (await respond('SELECT_CHALLENGE', select.Session, { ANSWER: 'EMAIL_OTP' })).body;
    expect(otp).toMatchObject({
      ChallengeName: 'EMAIL_OTP',
      ChallengeParameters: {
        CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL',
        CODE_DELIVERY_DESTINATION: 'a***@e***',
      },
    });
    const mail = emu.outbox.messages.at(-1)!;
    expect(mail).toMatchObject({ kind: 'EMAIL_OTP', destination: 'ana@example.com' });
    const wrong = await respond('EMAIL_OTP', otp.Session, {
      EMAIL_OTP_CODE: mail.code === '000000' ? '111111' : '000000',
    });
    expect(wrong.body).toEqual({
      __type: 'CodeMismatchException',
      message: 'Invalid code received for user',
    });
    const done = await respond('EMAIL_OTP', otp.Session, { EMAIL_OTP_CODE: mail.code });
    expect(done.body.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('takes PREFERRED_CHALLENGE straight to its challenge, SMS_OTP included', async () => {
    const { initiate, respond } = await choicePool();
    const sms = (await initiate({ PREFERRED_CHALLENGE: 'SMS_OTP' })).body;
    expect(sms.ChallengeName).toBe('SMS_OTP');
    const text = emu.outbox.messages.at(-1)!;
    expect(text).toMatchObject({ kind: 'SMS_OTP', medium: 'SMS' });
    const done = await respond('SMS_OTP', sms.Session, { SMS_OTP_CODE: text.code });
    expect(done.body.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('answers PASSWORD with the password in the response, and PASSWORD_SRP with PASSWORD_VERIFIER', async () => {
    const { poolId, initiate, respond } = await choicePool();
    const select = (await initiate()).body;
    const wrong = await respond('SELECT_CHALLENGE', select.Session, {
      ANSWER: 'PASSWORD',
      PASSWORD: 'nope',
    });
    expect(wrong.body).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    const again = (await initiate()).body;
    const byPassword = await respond('SELECT_CHALLENGE', again.Session, {
      ANSWER: 'PASSWORD',
      PASSWORD,
    });
    expect(byPassword.body.AuthenticationResult?.AccessToken).toBeTruthy();

    const proof = new SrpProof(poolNameOf(poolId));
    const third = (await initiate()).body;
    const verifier = (
      await respond('SELECT_CHALLENGE', third.Session, {
        ANSWER: 'PASSWORD_SRP',
        SRP_A: await proof.A,
      })
    ).body;
    expect(verifier.ChallengeName).toBe('PASSWORD_VERIFIER');
    const timestamp = cognitoTimestamp(emu.clock.now());
    const done = await respond('PASSWORD_VERIFIER', verifier.Session, {
      USERNAME: verifier.ChallengeParameters.USER_ID_FOR_SRP!,
      PASSWORD_CLAIM_SECRET_BLOCK: verifier.ChallengeParameters.SECRET_BLOCK!,
      PASSWORD_CLAIM_SIGNATURE: await proof.sign(
        'ana',
        PASSWORD,
        verifier.ChallengeParameters,
        timestamp,
      ),
      TIMESTAMP: timestamp,
    });
    expect(done.body.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('refuses an answer that was not offered, and the flow where the client does not allow it', async () => {
    const { initiate, respond, poolId } = await choicePool({
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD'] } },
    });
    const select = (await initiate()).body;
    expect(select.AvailableChallenges).toEqual(['PASSWORD_SRP', 'PASSWORD']);
    const refused = await respond('SELECT_CHALLENGE', select.Session, { ANSWER: 'EMAIL_OTP' });
    expect(refused.body.__type).toBe('InvalidParameterException');
    const { clientId } = await emu.admin.createClient(poolId, {
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
    });
    const off = await call(emu.url, 'InitiateAuth', {
      AuthFlow: 'USER_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: 'ana' },
    });
    expect(off.body).toEqual({
      __type: 'InvalidParameterException',
      message: 'USER_AUTH is not enabled for the client.',
    });
  });

  it('lists WEB_AUTHN for a seeded passkey and answers its challenge with the request options', async () => {
    await emu.admin.seed({
      pools: [
        {
          id: 'us-east-1_PasskeyP1',
          name: 'passkeys',
          allowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'],
          clients: [
            {
              id: 'passkeyclient0000000000000',
              name: 'c',
              explicitAuthFlows: ['ALLOW_USER_AUTH'],
            },
          ],
          users: [{ username: 'pat', passkeys: ['YubiKey'] }],
        },
      ],
    });
    const select = await ok<Auth>(emu.url, 'InitiateAuth', {
      AuthFlow: 'USER_AUTH',
      ClientId: 'passkeyclient0000000000000',
      AuthParameters: { USERNAME: 'pat' },
    });
    expect(select.AvailableChallenges).toEqual(['WEB_AUTHN']);
    const webauthn = await ok<Auth>(emu.url, 'RespondToAuthChallenge', {
      ChallengeName: 'SELECT_CHALLENGE',
      ClientId: 'passkeyclient0000000000000',
      Session: select.Session,
      ChallengeResponses: { USERNAME: 'pat', ANSWER: 'WEB_AUTHN' },
    });
    expect(webauthn.ChallengeName).toBe('WEB_AUTHN');
    const options = JSON.parse(webauthn.ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS!) as {
      allowCredentials: unknown[];
    };
    expect(options.allowCredentials).toHaveLength(1);
  });
});

describe('SignUp', () => {
  async function signUpPool(pool: Record<string, unknown> = {}) {
    const poolId = await emu.admin.createPool({
      PoolName: 'signup',
      AutoVerifiedAttributes: ['email'],
      Schema: [{ Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true }],
      ...pool,
    });
    const { clientId } = await emu.admin.createClient(poolId, {
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
    });
    return { poolId, clientId };
  }

  it('signs up, sends a code to the email, confirms, and the user can then sign in', async () => {
    const { clientId } = await signUpPool();
    const missing = await call(emu.url, 'SignUp', {
      ClientId: clientId,
      Username: 'neo',
      Password: PASSWORD,
    });
    expect(missing.body).toEqual({
      __type: 'InvalidParameterException',
      message: 'Attributes did not conform to the schema: email: The attribute email is required',
    });
    const created = await ok<{ UserConfirmed: boolean; CodeDeliveryDetails: unknown }>(
      emu.url,
      'SignUp',
      {
        ClientId: clientId,
        Username: 'neo',
        Password: PASSWORD,
        UserAttributes: [{ Name: 'email', Value: 'neo@example.com' }],
      },
    );
    expect(created).toMatchObject({
      UserConfirmed: false,
      CodeDeliveryDetails: {
        Destination: 'n***@e***',
        DeliveryMedium: 'EMAIL',
        AttributeName: 'email',
      },
    });
    const again = await call(emu.url, 'SignUp', {
      ClientId: clientId,
      Username: 'neo',
      Password: PASSWORD,
      UserAttributes: [{ Name: 'email', Value: 'neo@example.com' }],
    });
    expect(again.body).toEqual({
      __type: 'UsernameExistsException',
      message: 'User already exists',
    });
    const signIn = () =>
      call(emu.url, 'InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: clientId,
        AuthParameters: { USERNAME: 'neo', PASSWORD },
      });
    expect((await signIn()).body).toEqual({
      __type: 'UserNotConfirmedException',
      message: 'User is not confirmed.',
    });
    await ok(emu.url, 'ResendConfirmationCode', { ClientId: clientId, Username: 'neo' });
    const code = emu.outbox.messages.filter((m) => m.kind === 'SIGN_UP').at(-1)!.code;
    const wrong = await call(emu.url, 'ConfirmSignUp', {
      ClientId: clientId,
      Username: 'neo',
      ConfirmationCode: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.body).toEqual({
      __type: 'CodeMismatchException',
      message: 'Invalid verification code provided, please try again.',
    });
    await ok(emu.url, 'ConfirmSignUp', {
      ClientId: clientId,
      Username: 'neo',
      ConfirmationCode: code,
    });
    expect((await signIn()).status).toBe(200);
    const twice = await call(emu.url, 'ConfirmSignUp', {
      ClientId: clientId,
      Username: 'neo',
      ConfirmationCode: code,
    });
    expect(twice.body).toEqual({
      __type: 'NotAuthorizedException',
      message: 'User cannot be confirmed. Current status is CONFIRMED',
    });
  });

  it('refuses SignUp where only administrators create users', async () => {
    const { clientId } = await signUpPool({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
    const r = await call(emu.url, 'SignUp', {
      ClientId: clientId,
      Username: 'neo',
      Password: PASSWORD,
      UserAttributes: [{ Name: 'email', Value: 'neo@example.com' }],
    });
    expect(r.body).toEqual({
      __type: 'NotAuthorizedException',
      message: 'SignUp is not permitted for this user pool',
    });
  });
});

describe('my attributes', () => {
  it('updates the email, sends a code to verify it, and verifies it', async () => {
    const poolId = await emu.admin.createPool({
      PoolName: 'attrs',
      AutoVerifiedAttributes: ['email'],
    });
    const { clientId } = await emu.admin.createClient(poolId, {
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
    });
    await emu.admin.createUser(poolId, 'ana', PASSWORD, {
      attributes: { email: 'ana@example.com', email_verified: 'true' },
    });
    const { AuthenticationResult } = await ok<{ AuthenticationResult: { AccessToken: string } }>(
      emu.url,
      'InitiateAuth',
      {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: clientId,
        AuthParameters: { USERNAME: 'ana', PASSWORD },
      },
    );
    const AccessToken = AuthenticationResult.AccessToken;
    const immutable = await call(emu.url, 'UpdateUserAttributes', {
      AccessToken,
      UserAttributes: [{ Name: 'sub', Value: 'x' }],
    });
    expect(immutable.body).toEqual({
      __type: 'InvalidParameterException',
      message: 'Cannot modify an immutable attribute: sub',
    });
    const updated = await ok<{ CodeDeliveryDetailsList: unknown[] }>(
      emu.url,
      'UpdateUserAttributes',
      { AccessToken, UserAttributes: [{ Name: 'email', Value: 'ana@new.example' }] },
    );
    expect(updated.CodeDeliveryDetailsList).toEqual([
      { Destination: 'a***@n***', DeliveryMedium: 'EMAIL', AttributeName: 'email' },
    ]);
    const user = () =>
      ok<{ UserAttributes: { Name: string; Value: string }[] }>(emu.url, 'GetUser', {
        AccessToken,
      });
    expect((await user()).UserAttributes).toContainEqual({
      Name: 'email_verified',
      Value: 'false',
    });
    await ok(emu.url, 'GetUserAttributeVerificationCode', {
      AccessToken,
      AttributeName: 'email',
    });
    const code = emu.outbox.messages.filter((m) => m.kind === 'VERIFY_ATTRIBUTE').at(-1)!.code;
    await ok(emu.url, 'VerifyUserAttribute', { AccessToken, AttributeName: 'email', Code: code });
    expect((await user()).UserAttributes).toContainEqual({
      Name: 'email_verified',
      Value: 'true',
    });
  });
});
