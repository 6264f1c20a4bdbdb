import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../emulator/index.js';
import type { Emulator } from '../../emulator/index.js';
import {
  call,
  cognitoTimestamp,
  decodeJwt,
  deviceSecret,
  ok,
  SrpProof,
  srpSignIn,
  totpCode,
} from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

const PASSWORD = 'Correct-Horse-1';
interface Auth {
  ChallengeName?: string;
  ChallengeParameters: Record<string, string>;
  Session?: string;
  AuthenticationResult?: {
    AccessToken: string;
    RefreshToken?: string;
    NewDeviceMetadata?: { DeviceKey: string; DeviceGroupKey: string };
  };
}

async function pool(request: Record<string, unknown>) {
  const poolId = await emu.admin.createPool({ PoolName: 'mfa', ...request });
  const { clientId } = await emu.admin.createClient(poolId, {
    ExplicitAuthFlows: [
      'ALLOW_USER_SRP_AUTH',
      'ALLOW_USER_PASSWORD_AUTH',
      'ALLOW_REFRESH_TOKEN_AUTH',
    ],
  });
  return { poolId, clientId };
}

const signIn = (poolId: string, clientId: string, username: string, deviceKey?: string) =>
  srpSignIn({
    url: emu.url,
    poolId,
    clientId,
    username,
    password: PASSWORD,
    ...(deviceKey ? { deviceKey } : {}),
  }) as Promise<Auth>;

const respond = (
  clientId: string,
  name: string,
  session: string | undefined,
  responses: Record<string, string>,
) =>
  call<Auth>(emu.url, 'RespondToAuthChallenge', {
    ChallengeName: name,
    ClientId: clientId,
    Session: session,
    ChallengeResponses: responses,
  });

/** Enrolls TOTP through an AccessToken and makes it the preferred factor. */
async function enrollTotp(accessToken: string): Promise<string> {
  const { SecretCode } = await ok<{ SecretCode: string }>(emu.url, 'AssociateSoftwareToken', {
    AccessToken: accessToken,
  });
  await ok(emu.url, 'VerifySoftwareToken', {
    AccessToken: accessToken,
    UserCode: totpCode(SecretCode, emu.clock.now()),
  });
  // The enrolment code's step is spent; the next sign-in needs the next code.
  emu.clock.advance(30_000);
  await ok(emu.url, 'SetUserMFAPreference', {
    AccessToken: accessToken,
    SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
  });
  return SecretCode;
}

describe('TOTP MFA', () => {
  it('enrolls with an AccessToken, then challenges with SOFTWARE_TOKEN_MFA and checks the code', async () => {
    const { poolId, clientId } = await pool({ MfaConfiguration: 'OPTIONAL' });
    await emu.admin.call('SetUserPoolMfaConfig', {
      UserPoolId: poolId,
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });
    await emu.admin.createUser(poolId, 'alice', PASSWORD);
    const first = await signIn(poolId, clientId, 'alice');
    const access = first.AuthenticationResult!.AccessToken;

    const { SecretCode } = await ok<{ SecretCode: string }>(emu.url, 'AssociateSoftwareToken', {
      AccessToken: access,
    });
    expect(SecretCode).toMatch(/^[A-Z2-7]{32}$/);
    const wrong = await call(emu.url, 'VerifySoftwareToken', {
      AccessToken: access,
      UserCode: '000000' === totpCode(SecretCode) ? '111111' : '000000',
    });
    expect(wrong.body.__type).toBe('EnableSoftwareTokenMFAException');
    await ok(emu.url, 'VerifySoftwareToken', {
      AccessToken: access,
      UserCode: totpCode(SecretCode, emu.clock.now()),
      FriendlyDeviceName: 'Alice’s phone',
    });
    // Two steps on, so that a code one step back is not the spent enrolment code.
    emu.clock.advance(60_000);
    // Verified but not yet enabled: sign-in still needs no code.
    expect((await signIn(poolId, clientId, 'alice')).AuthenticationResult).toBeDefined();
    await ok(emu.url, 'SetUserMFAPreference', {
      AccessToken: access,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    });
    const user = await emu.admin.call<{
      PreferredMfaSetting: string;
      UserMFASettingList: string[];
    }>('AdminGetUser', { UserPoolId: poolId, Username: 'alice' });
    expect(user).toMatchObject({
      PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
      UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
    });

    const challenged = await signIn(poolId, clientId, 'alice');
    expect(challenged.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    // As Cognito does: the name given at verification comes back with the challenge.
    expect(challenged.ChallengeParameters?.FRIENDLY_DEVICE_NAME).toBe('Alice’s phone');
    const bad = await respond(clientId, 'SOFTWARE_TOKEN_MFA', challenged.Session, {
      USERNAME: 'alice',
      SOFTWARE_TOKEN_MFA_CODE: '123456' === totpCode(SecretCode) ? '654321' : '123456',
    });
    expect(bad.body.__type).toBe('CodeMismatchException');
    // A code from one step back is still accepted (±1 step); the same Session may be retried.
    const good = await respond(clientId, 'SOFTWARE_TOKEN_MFA', challenged.Session, {
      USERNAME: 'alice',
      SOFTWARE_TOKEN_MFA_CODE: totpCode(SecretCode, emu.clock.now() - 30_000),
    });
    expect(good.status).toBe(200);
    expect(good.body.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('chains MFA_SETUP through AssociateSoftwareToken and VerifySoftwareToken Sessions when MFA is ON', async () => {
    const { poolId, clientId } = await pool({ MfaConfiguration: 'OFF' });
    await emu.admin.call('SetUserPoolMfaConfig', {
      UserPoolId: poolId,
      MfaConfiguration: 'ON',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });
    await emu.admin.createUser(poolId, 'bob', PASSWORD);
    const setup = await signIn(poolId, clientId, 'bob');
    expect(setup.ChallengeName).toBe('MFA_SETUP');
    expect(JSON.parse(setup.ChallengeParameters.MFAS_CAN_SETUP!)).toEqual(['SOFTWARE_TOKEN_MFA']);

    const assoc = await ok<{ SecretCode: string; Session: string }>(
      emu.url,
      'AssociateSoftwareToken',
      { Session: setup.Session },
    );
    const reused = await call(emu.url, 'AssociateSoftwareToken', { Session: setup.Session });
    expect(reused.body.message).toBe(
      'Invalid session for the user, session can only be used once.',
    );
    const verified = await ok<{ Status: string; Session: string }>(emu.url, 'VerifySoftwareToken', {
      Session: assoc.Session,
      UserCode: totpCode(assoc.SecretCode, emu.clock.now()),
      FriendlyDeviceName: 'laptop',
    });
    expect(verified.Status).toBe('SUCCESS');
    const done = await respond(clientId, 'MFA_SETUP', verified.Session, { USERNAME: 'bob' });
    expect(done.body.AuthenticationResult?.AccessToken).toBeTruthy();
    expect((await signIn(poolId, clientId, 'bob')).ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
  });

  it('expires an MFA_SETUP Session on the controllable clock', async () => {
    const { poolId, clientId } = await pool({});
    await emu.admin.call('SetUserPoolMfaConfig', {
      UserPoolId: poolId,
      MfaConfiguration: 'ON',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });
    await emu.admin.createUser(poolId, 'carol', PASSWORD);
    const setup = await signIn(poolId, clientId, 'carol');
    emu.clock.advance(3 * 60_000);
    try {
      const r = await call(emu.url, 'AssociateSoftwareToken', { Session: setup.Session });
      expect(r.body).toMatchObject({
        __type: 'NotAuthorizedException',
        message: 'Invalid session for the user, session is expired.',
      });
    } finally {
      emu.clock.advance(-3 * 60_000);
    }
  });
});

describe('SMS and email codes, SELECT_MFA_TYPE', () => {
  it('offers SELECT_MFA_TYPE when several factors are on and none is preferred, and delivers codes to the outbox', async () => {
    const { poolId, clientId } = await pool({});
    await emu.admin.call('SetUserPoolMfaConfig', {
      UserPoolId: poolId,
      MfaConfiguration: 'OPTIONAL',
      SmsMfaConfiguration: { SmsAuthenticationMessage: 'code {####}' },
      EmailMfaConfiguration: {},
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });
    const username = await emu.admin.createUser(poolId, 'dave', PASSWORD, {
      attributes: { phone_number: '+15555550123', email: 'dave@example.com' },
    });
    await emu.admin.call('AdminSetUserMFAPreference', {
      UserPoolId: poolId,
      Username: username,
      SMSMfaSettings: { Enabled: true },
      EmailMfaSettings: { Enabled: true },
    });

    const select = await signIn(poolId, clientId, 'dave');
    expect(select.ChallengeName).toBe('SELECT_MFA_TYPE');
    expect(JSON.parse(select.ChallengeParameters.MFAS_CAN_CHOOSE!)).toEqual([
      'SMS_MFA',
      'EMAIL_OTP',
    ]);
    const sms = await respond(clientId, 'SELECT_MFA_TYPE', select.Session, {
      USERNAME: 'dave',
      ANSWER: 'SMS_MFA',
    });
    expect(sms.body).toMatchObject({
      ChallengeName: 'SMS_MFA',
      ChallengeParameters: {
        CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS',
        CODE_DELIVERY_DESTINATION: '+*******0123',
      },
    });
    const code = emu.outbox.last('dave', 'SMS_MFA')!.code;
    const done = await respond(clientId, 'SMS_MFA', sms.body.Session, {
      USERNAME: 'dave',
      SMS_MFA_CODE: code,
    });
    expect(done.body.AuthenticationResult).toBeDefined();

    await emu.admin.call('AdminSetUserMFAPreference', {
      UserPoolId: poolId,
      Username: username,
      EmailMfaSettings: { Enabled: true, PreferredMfa: true },
    });
    const waiting = emu.outbox.waitFor({ username: 'dave', kind: 'EMAIL_OTP' }, 30_000);
    const email = await signIn(poolId, clientId, 'dave');
    expect(email.ChallengeName).toBe('EMAIL_OTP');
    const message = await waiting;
    expect(message.destination).toBe('dave@example.com');
    const wrong = await respond(clientId, 'EMAIL_OTP', email.Session, {
      USERNAME: 'dave',
      EMAIL_OTP_CODE: message.code === '000000' ? '000001' : '000000',
    });
    expect(wrong.body.__type).toBe('CodeMismatchException');
    expect(
      (
        await respond(clientId, 'EMAIL_OTP', email.Session, {
          USERNAME: 'dave',
          EMAIL_OTP_CODE: message.code,
        })
      ).status,
    ).toBe(200);
  });
});

describe('NEW_PASSWORD_REQUIRED', () => {
  it('asks for a new password and the missing required attributes', async () => {
    const { poolId, clientId } = await pool({
      Schema: [{ Name: 'name', AttributeDataType: 'String', Required: true, Mutable: true }],
    });
    await emu.admin.createUser(poolId, 'erin', 'Temp-Pass-1', { temporary: true });
    const r = await srpSignIn({
      url: emu.url,
      poolId,
      clientId,
      username: 'erin',
      password: 'Temp-Pass-1',
    });
    expect(r.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(JSON.parse(r.ChallengeParameters.requiredAttributes!)).toEqual(['userAttributes.name']);
    const weak = await respond(clientId, 'NEW_PASSWORD_REQUIRED', r.Session, {
      USERNAME: 'erin',
      NEW_PASSWORD: 'short',
      'userAttributes.name': 'Erin',
    });
    expect(weak.body).toMatchObject({
      __type: 'InvalidPasswordException',
      message: 'Password did not conform with policy: Password not long enough',
    });
    const missing = await respond(clientId, 'NEW_PASSWORD_REQUIRED', r.Session, {
      USERNAME: 'erin',
      NEW_PASSWORD: PASSWORD,
    });
    expect(missing.body.__type).toBe('InvalidParameterException');
    const done = await respond(clientId, 'NEW_PASSWORD_REQUIRED', r.Session, {
      USERNAME: 'erin',
      NEW_PASSWORD: PASSWORD,
      'userAttributes.name': 'Erin',
    });
    expect(done.body.AuthenticationResult).toBeDefined();
    expect((await signIn(poolId, clientId, 'erin')).AuthenticationResult).toBeDefined();
  });
});

describe('remembered devices', () => {
  async function deviceDance(deviceConfiguration: Record<string, boolean>) {
    const { poolId, clientId } = await pool({ DeviceConfiguration: deviceConfiguration });
    await emu.admin.call('SetUserPoolMfaConfig', {
      UserPoolId: poolId,
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });
    await emu.admin.createUser(poolId, 'frank', PASSWORD);
    const first = await signIn(poolId, clientId, 'frank');
    const secret = await enrollTotp(first.AuthenticationResult!.AccessToken);
    const mfa = await signIn(poolId, clientId, 'frank');
    const tokens = await respond(clientId, 'SOFTWARE_TOKEN_MFA', mfa.Session, {
      USERNAME: 'frank',
      SOFTWARE_TOKEN_MFA_CODE: totpCode(secret, emu.clock.now()),
    });
    const meta = tokens.body.AuthenticationResult!.NewDeviceMetadata!;
    const access = tokens.body.AuthenticationResult!.AccessToken;
    const device = await deviceSecret(meta.DeviceGroupKey, meta.DeviceKey);
    const confirmed = await ok<{ UserConfirmationNecessary: boolean }>(emu.url, 'ConfirmDevice', {
      AccessToken: access,
      DeviceKey: meta.DeviceKey,
      DeviceName: 'test-host (Linux)',
      DeviceSecretVerifierConfig: device.config,
    });
    return {
      poolId,
      clientId,
      secret,
      meta,
      access,
      device,
      confirmed,
      refreshToken: tokens.body.AuthenticationResult!.RefreshToken!,
    };
  }

  async function deviceProof(
    clientId: string,
    session: string | undefined,
    meta: { DeviceKey: string; DeviceGroupKey: string },
    password: string,
  ) {
    const proof = new SrpProof(meta.DeviceGroupKey);
    const step = await respond(clientId, 'DEVICE_SRP_AUTH', session, {
      USERNAME: 'frank',
      DEVICE_KEY: meta.DeviceKey,
      SRP_A: await proof.A,
    });
    expect(step.body.ChallengeName).toBe('DEVICE_PASSWORD_VERIFIER');
    const timestamp = cognitoTimestamp(emu.clock.now());
    return respond(clientId, 'DEVICE_PASSWORD_VERIFIER', step.body.Session, {
      USERNAME: 'frank',
      DEVICE_KEY: meta.DeviceKey,
      PASSWORD_CLAIM_SECRET_BLOCK: step.body.ChallengeParameters.SECRET_BLOCK!,
      PASSWORD_CLAIM_SIGNATURE: await proof.sign(
        meta.DeviceKey,
        password,
        step.body.ChallengeParameters,
        timestamp,
      ),
      TIMESTAMP: timestamp,
    });
  }

  it('remembers an opted-in device and then skips MFA through device SRP', async () => {
    const { poolId, clientId, meta, access, device, confirmed } = await deviceDance({
      ChallengeRequiredOnNewDevice: true,
      DeviceOnlyRememberedOnUserPrompt: true,
    });
    expect(confirmed.UserConfirmationNecessary).toBe(true);

    const notYet = await signIn(poolId, clientId, 'frank', meta.DeviceKey);
    expect(notYet.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    await ok(emu.url, 'UpdateDeviceStatus', {
      AccessToken: access,
      DeviceKey: meta.DeviceKey,
      DeviceRememberedStatus: 'remembered',
    });

    const deviceAuth = await signIn(poolId, clientId, 'frank', meta.DeviceKey);
    expect(deviceAuth.ChallengeName).toBe('DEVICE_SRP_AUTH');
    const wrong = await deviceProof(clientId, deviceAuth.Session, meta, 'not-the-device-password');
    expect(wrong.body.__type).toBe('NotAuthorizedException');

    const again = await signIn(poolId, clientId, 'frank', meta.DeviceKey);
    const done = await deviceProof(clientId, again.Session, meta, device.password);
    expect(done.status).toBe(200);
    expect(done.body.AuthenticationResult!.NewDeviceMetadata).toBeUndefined();
    expect(decodeJwt(done.body.AuthenticationResult!.AccessToken).device_key).toBe(meta.DeviceKey);

    const listed = await ok<{
      Devices: { DeviceKey: string; DeviceAttributes: { Name: string; Value: string }[] }[];
    }>(emu.url, 'ListDevices', { AccessToken: access });
    expect(listed.Devices).toHaveLength(1);
    expect(listed.Devices[0]!.DeviceAttributes).toEqual(
      expect.arrayContaining([
        { Name: 'device_name', Value: 'test-host (Linux)' },
        { Name: 'dev:device_remembered_status', Value: 'remembered' },
      ]),
    );
    const admin = await emu.admin.call<{ Devices: unknown[] }>('AdminListDevices', {
      UserPoolId: poolId,
      Username: 'frank',
    });
    expect(admin.Devices).toHaveLength(1);
  });

  it('keeps asking for MFA on a remembered device when the pool does not let devices stand in for it', async () => {
    const { poolId, clientId, meta, confirmed } = await deviceDance({
      ChallengeRequiredOnNewDevice: false,
      DeviceOnlyRememberedOnUserPrompt: false,
    });
    expect(confirmed.UserConfirmationNecessary).toBe(false);
    expect((await signIn(poolId, clientId, 'frank', meta.DeviceKey)).ChallengeName).toBe(
      'SOFTWARE_TOKEN_MFA',
    );
  });

  it('answers a forgotten device with "Device does not exist." and lets the same answer retry without it', async () => {
    const { poolId, clientId, meta, access } = await deviceDance({
      ChallengeRequiredOnNewDevice: true,
      DeviceOnlyRememberedOnUserPrompt: false,
    });
    await ok(emu.url, 'ForgetDevice', { AccessToken: access, DeviceKey: meta.DeviceKey });
    const gone = await call(emu.url, 'GetDevice', {
      AccessToken: access,
      DeviceKey: meta.DeviceKey,
    });
    expect(gone.body).toMatchObject({
      __type: 'ResourceNotFoundException',
      message: 'Device does not exist.',
    });

    const proof = new SrpProof(poolId.split('_')[1]!);
    const init = await ok<Auth>(emu.url, 'InitiateAuth', {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: 'frank', SRP_A: await proof.A, DEVICE_KEY: meta.DeviceKey },
    });
    const timestamp = cognitoTimestamp(emu.clock.now());
    const responses = {
      USERNAME: 'frank',
      PASSWORD_CLAIM_SECRET_BLOCK: init.ChallengeParameters.SECRET_BLOCK!,
      PASSWORD_CLAIM_SIGNATURE: await proof.sign(
        'frank',
        PASSWORD,
        init.ChallengeParameters,
        timestamp,
      ),
      TIMESTAMP: timestamp,
    };
    const refused = await respond(clientId, 'PASSWORD_VERIFIER', init.Session, {
      ...responses,
      DEVICE_KEY: meta.DeviceKey,
    });
    expect(refused.body).toMatchObject({
      __type: 'ResourceNotFoundException',
      message: 'Device does not exist.',
    });
    const retried = await respond(clientId, 'PASSWORD_VERIFIER', init.Session, responses);
    expect(retried.body.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
  });

  it('binds refresh tokens to a confirmed device', async () => {
    const { clientId, meta, refreshToken } = await deviceDance({
      ChallengeRequiredOnNewDevice: true,
      DeviceOnlyRememberedOnUserPrompt: false,
    });
    const refresh = (params: Record<string, string>) =>
      call(emu.url, 'InitiateAuth', {
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: clientId,
        AuthParameters: { REFRESH_TOKEN: refreshToken, ...params },
      });
    expect((await refresh({})).body).toMatchObject({
      __type: 'NotAuthorizedException',
      message: 'Invalid Refresh Token',
    });
    expect(
      (await refresh({ DEVICE_KEY: 'us-east-1_00000000-0000-0000-0000-000000000000' })).body
        .message,
    ).toBe('Invalid Refresh Token');
    expect((await refresh({ DEVICE_KEY: meta.DeviceKey })).status).toBe(200);
  });

  it('manages devices through the Admin operations', async () => {
    const { poolId, clientId, meta } = await deviceDance({
      ChallengeRequiredOnNewDevice: true,
      DeviceOnlyRememberedOnUserPrompt: false,
    });
    const target = { UserPoolId: poolId, Username: 'frank', DeviceKey: meta.DeviceKey };
    const got = await emu.admin.call<{
      Device: { DeviceAttributes: { Name: string; Value: string }[] };
    }>('AdminGetDevice', target);
    expect(got.Device.DeviceAttributes).toContainEqual({
      Name: 'dev:device_remembered_status',
      Value: 'remembered',
    });
    expect((await signIn(poolId, clientId, 'frank', meta.DeviceKey)).ChallengeName).toBe(
      'DEVICE_SRP_AUTH',
    );
    await emu.admin.call('AdminUpdateDeviceStatus', {
      ...target,
      DeviceRememberedStatus: 'not_remembered',
    });
    expect((await signIn(poolId, clientId, 'frank', meta.DeviceKey)).ChallengeName).toBe(
      'SOFTWARE_TOKEN_MFA',
    );
    await emu.admin.call('AdminForgetDevice', target);
    await expect(emu.admin.call('AdminGetDevice', target)).rejects.toThrow(
      'Device does not exist.',
    );
  });

  it('returns NewDeviceMetadata only when the pool tracks devices', async () => {
    const { poolId, clientId } = await pool({});
    await emu.admin.createUser(poolId, 'gina', PASSWORD);
    const r = await signIn(poolId, clientId, 'gina');
    expect(r.AuthenticationResult!.NewDeviceMetadata).toBeUndefined();
  });
});

describe('pools that sign in by email (UsernameAttributes)', () => {
  it('uses the internal UUID username for SRP while the user types an email', async () => {
    const { poolId, clientId } = await pool({ UsernameAttributes: ['email'] });
    const username = await emu.admin.createUser(poolId, 'zoe@example.com', PASSWORD);
    expect(username).toMatch(/^[0-9a-f-]{36}$/);
    const r = await srpSignIn({
      url: emu.url,
      poolId,
      clientId,
      username: 'zoe@example.com',
      password: PASSWORD,
    });
    const access = decodeJwt(r.AuthenticationResult!.AccessToken);
    expect(access.username).toBe(username);
    expect(access.sub).toBe(username);
  });
});
