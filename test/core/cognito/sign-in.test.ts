/**
 * The sign-in state machine with a scripted transport: what is sent at each
 * step, and what every challenge and every error of the notes' table turns into.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { DeviceStore } from '../../../src-main/core/cognito/devices';
import type { ProfileInput } from '../../../src-main/core/cognito/profiles';
import { secretHash } from '../../../src-main/core/cognito/secret-hash';
import { CognitoService } from '../../../src-main/core/cognito/service';
import { memoryDocument } from '../../helpers/memory-document';
import { MemorySecretStore } from '../../helpers/memory-secret-store';
import { MemoryVault } from '../../helpers/memory-vault';
import { FakeCognito, authResult } from '../../helpers/fake-cognito';

const PROFILE: ProfileInput = {
  displayName: 'Acme',
  region: 'eu-west-1',
  userPoolId: 'eu-west-1_AbC123',
  clientId: 'client1234',
};

/** Enough for the client to compute a claim; the fake does not check it. */
const VERIFIER_PARAMS = {
  SRP_B: 'abcdef0123456789',
  SALT: '0a1b2c',
  SECRET_BLOCK: Buffer.from('block').toString('base64'),
};

let now: number;
let fake: FakeCognito;
let secrets: MemorySecretStore;
let vault: MemoryVault;
let service: CognitoService;

beforeEach(() => {
  now = Date.UTC(2026, 10, 26, 3, 4, 5);
  fake = new FakeCognito();
  secrets = new MemorySecretStore();
  const clock = { now: () => now };
  vault = new MemoryVault(clock);
  service = new CognitoService({
    secrets,
    state: memoryDocument(),
    clock,
    vault,
    transportFor: () => fake,
    deviceName: 'host (Linux)',
  });
});

async function profile(extra: Partial<ProfileInput> = {}) {
  return (await service.addProfile({ ...PROFILE, ...extra })).id;
}

/** InitiateAuth → PASSWORD_VERIFIER for `userId`, as Cognito answers USER_SRP_AUTH. */
function srpChallenge(userId = 'uuid-ana') {
  fake.on('InitiateAuth', {
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeParameters: { USER_ID_FOR_SRP: userId, ...VERIFIER_PARAMS },
  });
}

function challenge(
  name: string,
  params: Record<string, string> = {},
  session = `session-${Math.random()}`,
) {
  return {
    ChallengeName: name,
    ChallengeParameters: { USER_ID_FOR_SRP: 'uuid-ana', ...params },
    Session: session,
  } as never;
}

async function atStep(
  name: string,
  params: Record<string, string> = {},
  extra: Partial<ProfileInput> = {},
) {
  const id = await profile(extra);
  srpChallenge();
  fake.on('RespondToAuthChallenge', challenge(name, params, 'session-1'));
  return service.startSignIn(id, 'ana@example.com', 'pw');
}

describe('SRP and keying', () => {
  it('uses the typed name first, then USER_ID_FOR_SRP for USERNAME and SECRET_HASH, and sends the metadata', async () => {
    const id = await profile({
      clientSecret: 'sssecret',
      clientMetadata: { tenant: 'acme' },
      analyticsEndpointId: 'pinpoint-1',
      userContextData: 'encoded-ctx',
    });
    srpChallenge();
    fake.on('RespondToAuthChallenge', { AuthenticationResult: authResult(now, 'uuid-ana') });
    const step = await service.startSignIn(id, 'ana@example.com', 'pw');
    expect(step.kind).toBe('SIGNED_IN');

    const [init] = fake.callsOf('InitiateAuth');
    expect(init).toMatchObject({
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: 'client1234',
      ClientMetadata: { tenant: 'acme' },
      AnalyticsMetadata: { AnalyticsEndpointId: 'pinpoint-1' },
      UserContextData: { EncodedData: 'encoded-ctx' },
      AuthParameters: {
        USERNAME: 'ana@example.com',
        SECRET_HASH: secretHash('sssecret', 'ana@example.com', 'client1234'),
      },
    });
    expect((init!.AuthParameters as Record<string, string>).SRP_A).toMatch(/^[0-9a-f]+$/);
    const [verify] = fake.callsOf('RespondToAuthChallenge');
    expect(verify).toMatchObject({
      ChallengeName: 'PASSWORD_VERIFIER',
      ClientMetadata: { tenant: 'acme' },
      AnalyticsMetadata: { AnalyticsEndpointId: 'pinpoint-1' },
      UserContextData: { EncodedData: 'encoded-ctx' },
      ChallengeResponses: {
        USERNAME: 'uuid-ana',
        SECRET_HASH: secretHash('sssecret', 'uuid-ana', 'client1234'),
        PASSWORD_CLAIM_SECRET_BLOCK: VERIFIER_PARAMS.SECRET_BLOCK,
        TIMESTAMP: 'Thu Nov 26 03:04:05 UTC 2026',
      },
    });
    expect(verify!.ChallengeResponses).not.toHaveProperty('DEVICE_KEY');
  });

  it('sends DEVICE_KEY with PASSWORD_VERIFIER when this user has a device, even signing in by a new alias', async () => {
    const id = await profile();
    await new DeviceStore(secrets).set(id, 'uuid-ana', {
      deviceKey: 'dk-1',
      deviceGroupKey: 'grp',
      devicePassword: 'pw',
      remembered: true,
    });
    srpChallenge('uuid-ana');
    fake.on('RespondToAuthChallenge', {
      ChallengeName: 'DEVICE_SRP_AUTH',
      ChallengeParameters: {},
      Session: 's1',
    });
    fake.on('RespondToAuthChallenge', {
      ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
      ChallengeParameters: VERIFIER_PARAMS,
      Session: 's2',
    });
    fake.on('RespondToAuthChallenge', { AuthenticationResult: authResult(now, 'uuid-ana') });
    const step = await service.startSignIn(id, 'ANA-alias', 'pw');
    expect(step).toMatchObject({
      kind: 'SIGNED_IN',
      device: { status: 'remembered', usedRememberedDevice: true },
    });
    const [pv, dsrp, dpv] = fake.callsOf('RespondToAuthChallenge');
    expect(pv!.ChallengeResponses).toMatchObject({ USERNAME: 'uuid-ana', DEVICE_KEY: 'dk-1' });
    expect(dsrp).toMatchObject({
      ChallengeName: 'DEVICE_SRP_AUTH',
      Session: 's1',
      ChallengeResponses: { USERNAME: 'uuid-ana', DEVICE_KEY: 'dk-1' },
    });
    expect(dpv).toMatchObject({
      ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
      Session: 's2',
      ChallengeResponses: { DEVICE_KEY: 'dk-1' },
    });
    expect((dpv!.ChallengeResponses as Record<string, string>).PASSWORD_CLAIM_SIGNATURE).toMatch(
      /=$|[A-Za-z0-9+/]$/,
    );
  });

  it('"Device does not exist": clears the local device and retries once without it', async () => {
    const id = await profile();
    const store = new DeviceStore(secrets);
    await store.set(id, 'uuid-ana', {
      deviceKey: 'dk-gone',
      deviceGroupKey: 'grp',
      devicePassword: 'pw',
      remembered: true,
    });
    srpChallenge();
    fake.fail('RespondToAuthChallenge', 'ResourceNotFoundException', 'Device does not exist.');
    srpChallenge();
    fake.on('RespondToAuthChallenge', challenge('SOFTWARE_TOKEN_MFA'));
    const step = await service.startSignIn(id, 'ana', 'pw');
    expect(step.kind).toBe('SOFTWARE_TOKEN_MFA');
    expect(await store.get(id, 'uuid-ana')).toBeUndefined();
    const [first, second] = fake.callsOf('RespondToAuthChallenge');
    expect(first!.ChallengeResponses).toHaveProperty('DEVICE_KEY', 'dk-gone');
    expect(second!.ChallengeResponses).not.toHaveProperty('DEVICE_KEY');
    expect(fake.callsOf('InitiateAuth')).toHaveLength(2);
  });

  it('heals a device forgotten between the MFA answer and device SRP by signing in again without it', async () => {
    const id = await profile();
    const store = new DeviceStore(secrets);
    await store.set(id, 'uuid-ana', {
      deviceKey: 'dk-late',
      deviceGroupKey: 'g',
      devicePassword: 'p',
      remembered: false,
    });
    srpChallenge();
    fake.on('RespondToAuthChallenge', challenge('SOFTWARE_TOKEN_MFA', {}, 'session-1'));
    const step = await service.startSignIn(id, 'ana', 'pw');
    fake.fail('RespondToAuthChallenge', 'ResourceNotFoundException', 'Device does not exist.');
    srpChallenge();
    fake.on('RespondToAuthChallenge', challenge('SOFTWARE_TOKEN_MFA', {}, 'session-2'));
    const again = await service.respond(step.attemptId, {
      kind: 'SOFTWARE_TOKEN_MFA',
      code: '123456',
    });
    expect(again).toMatchObject({ kind: 'SOFTWARE_TOKEN_MFA', attemptId: step.attemptId });
    expect(await store.get(id, 'uuid-ana')).toBeUndefined();
    expect(fake.callsOf('RespondToAuthChallenge').at(-1)!.ChallengeResponses).not.toHaveProperty(
      'DEVICE_KEY',
    );
  });

  it('does not loop when the retry without a device fails too', async () => {
    const id = await profile();
    await new DeviceStore(secrets).set(id, 'uuid-ana', {
      deviceKey: 'dk',
      deviceGroupKey: 'g',
      devicePassword: 'p',
      remembered: true,
    });
    srpChallenge();
    fake.fail('RespondToAuthChallenge', 'ResourceNotFoundException', 'Device does not exist.');
    srpChallenge();
    fake.fail('RespondToAuthChallenge', 'ResourceNotFoundException', 'Device does not exist.');
    await expect(service.startSignIn(id, 'ana', 'pw')).rejects.toMatchObject({
      code: 'DEVICE_NOT_FOUND',
    });
    expect(fake.callsOf('InitiateAuth')).toHaveLength(2);
  });

  it('refuses ADMIN_NO_SRP_AUTH and unknown challenges without answering them', async () => {
    const id = await profile();
    fake.on('InitiateAuth', {
      ChallengeName: 'ADMIN_NO_SRP_AUTH',
      ChallengeParameters: {},
      Session: 's',
    });
    await expect(service.startSignIn(id, 'ana', 'pw')).rejects.toMatchObject({
      code: 'UNSUPPORTED_CHALLENGE',
      detail: 'ADMIN_NO_SRP_AUTH',
    });
    fake.on('InitiateAuth', { ChallengeName: 'WEB_AUTHN', ChallengeParameters: {}, Session: 's' });
    await expect(service.startSignIn(id, 'ana', 'pw')).rejects.toMatchObject({
      code: 'UNSUPPORTED_CHALLENGE',
    });
    expect(fake.callsOf('RespondToAuthChallenge')).toHaveLength(0);
  });

  it('USER_PASSWORD_AUTH sends the password and learns the pool username from the ID token', async () => {
    const id = await profile({ authFlow: 'USER_PASSWORD_AUTH', clientSecret: 'sec' });
    fake.on('InitiateAuth', { AuthenticationResult: authResult(now, 'uuid-ana') });
    const step = await service.startSignIn(id, 'ana@example.com', 'pw');
    expect(step.signedIn).toMatchObject({
      username: 'uuid-ana',
      email: 'uuid-ana@example.com',
      groups: ['staff'],
    });
    expect(fake.callsOf('InitiateAuth')[0]).toMatchObject({
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: {
        USERNAME: 'ana@example.com',
        PASSWORD: 'pw',
        SECRET_HASH: secretHash('sec', 'ana@example.com', 'client1234'),
      },
    });
  });
});

describe('challenges that need the user', () => {
  it('SMS_MFA shows the masked destination and sends SMS_MFA_CODE with the Session', async () => {
    const step = await atStep('SMS_MFA', {
      CODE_DELIVERY_DESTINATION: '+*******0123',
      CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS',
    });
    expect(step).toMatchObject({
      kind: 'SMS_MFA',
      codeDeliveryDestination: '+*******0123',
      codeDeliveryMedium: 'SMS',
    });
    expect(step.fields[0]).toMatchObject({
      name: 'code',
      type: 'code',
      autocomplete: 'one-time-code',
      length: 6,
    });
    expect(step.sessionExpiresAt).toBe(now + 3 * 60_000);
    fake.on('RespondToAuthChallenge', { AuthenticationResult: authResult(now, 'uuid-ana') });
    await service.respond(step.attemptId, { kind: 'SMS_MFA', code: '123456' });
    expect(fake.callsOf('RespondToAuthChallenge')[1]).toMatchObject({
      ChallengeName: 'SMS_MFA',
      Session: 'session-1',
      ChallengeResponses: { USERNAME: 'uuid-ana', SMS_MFA_CODE: '123456' },
    });
  });

  it('EMAIL_OTP sends EMAIL_OTP_CODE', async () => {
    const step = await atStep('EMAIL_OTP', { CODE_DELIVERY_DESTINATION: 'a***@e***' });
    expect(step).toMatchObject({ kind: 'EMAIL_OTP', codeDeliveryMedium: 'EMAIL' });
    fake.on('RespondToAuthChallenge', { AuthenticationResult: authResult(now, 'uuid-ana') });
    await service.respond(step.attemptId, { kind: 'EMAIL_OTP', code: '654321' });
    expect(fake.callsOf('RespondToAuthChallenge')[1]!.ChallengeResponses).toMatchObject({
      EMAIL_OTP_CODE: '654321',
    });
  });

  it('SOFTWARE_TOKEN_MFA: a wrong code keeps the step and the Session; the retry uses the same Session', async () => {
    const step = await atStep('SOFTWARE_TOKEN_MFA');
    expect(step.canAutofill).toBe(false);
    fake.fail('RespondToAuthChallenge', 'CodeMismatchException', 'Invalid code received for user');
    await expect(
      service.respond(step.attemptId, { kind: 'SOFTWARE_TOKEN_MFA', code: '000000' }),
    ).rejects.toMatchObject({
      code: 'CODE_MISMATCH',
      field: 'code',
      retryable: true,
    });
    expect((await service.authState()).attempt?.kind).toBe('SOFTWARE_TOKEN_MFA');
    fake.on('RespondToAuthChallenge', { AuthenticationResult: authResult(now, 'uuid-ana') });
    expect(
      (await service.respond(step.attemptId, { kind: 'SOFTWARE_TOKEN_MFA', code: '111111' })).kind,
    ).toBe('SIGNED_IN');
    const [, wrong, right] = fake.callsOf('RespondToAuthChallenge');
    expect(wrong!.Session).toBe('session-1');
    expect(right!.Session).toBe('session-1');
  });

  it('SELECT_MFA_TYPE parses MFAS_CAN_CHOOSE (a JSON string) and sends ANSWER', async () => {
    const step = await atStep('SELECT_MFA_TYPE', {
      MFAS_CAN_CHOOSE: '["SMS_MFA","SOFTWARE_TOKEN_MFA"]',
    });
    expect(step.mfaOptions).toEqual(['SMS_MFA', 'SOFTWARE_TOKEN_MFA']);
    expect(step.fields[0]).toMatchObject({
      type: 'choice',
      options: [{ value: 'SMS_MFA' }, { value: 'SOFTWARE_TOKEN_MFA' }],
    });
    fake.on('RespondToAuthChallenge', challenge('SOFTWARE_TOKEN_MFA', {}, 'session-2'));
    const next = await service.respond(step.attemptId, {
      kind: 'SELECT_MFA_TYPE',
      mfaType: 'SOFTWARE_TOKEN_MFA',
    });
    expect(next.kind).toBe('SOFTWARE_TOKEN_MFA');
    expect(fake.callsOf('RespondToAuthChallenge')[1]!.ChallengeResponses).toMatchObject({
      ANSWER: 'SOFTWARE_TOKEN_MFA',
    });
  });

  it('a step answered with the wrong kind is refused without a call', async () => {
    const step = await atStep('SMS_MFA');
    await expect(
      service.respond(step.attemptId, { kind: 'EMAIL_OTP', code: '123456' }),
    ).rejects.toMatchObject({ code: 'WRONG_STEP' });
    expect(fake.callsOf('RespondToAuthChallenge')).toHaveLength(1);
  });

  it('NEW_PASSWORD_REQUIRED: strips the prefix, requires required attributes, sends optional ones only when changed', async () => {
    const step = await atStep('NEW_PASSWORD_REQUIRED', {
      requiredAttributes: '["userAttributes.name","family_name"]',
      userAttributes: '{"email":"ana@example.com","email_verified":"true","locale":"en"}',
    });
    expect(step.fields.map((f) => [f.name, f.required])).toEqual([
      ['newPassword', true],
      ['attributes.name', true],
      ['attributes.family_name', true],
      ['attributes.email', false],
      ['attributes.locale', false],
    ]);
    fake.on('RespondToAuthChallenge', { AuthenticationResult: authResult(now, 'uuid-ana') });
    await service.respond(step.attemptId, {
      kind: 'NEW_PASSWORD_REQUIRED',
      newPassword: 'N3w!pass',
      attributes: {
        name: 'Ana',
        family_name: 'Lee',
        email: 'ana@example.com',
        locale: 'pt',
        email_verified: 'false',
      },
    });
    expect(fake.callsOf('RespondToAuthChallenge')[1]!.ChallengeResponses).toEqual({
      USERNAME: 'uuid-ana',
      NEW_PASSWORD: 'N3w!pass',
      'userAttributes.name': 'Ana',
      'userAttributes.family_name': 'Lee',
      'userAttributes.locale': 'pt',
    });
  });

  it('CUSTOM_CHALLENGE shows its parameters and sends ANSWER', async () => {
    const step = await atStep('CUSTOM_CHALLENGE', { question: 'Favourite colour?' });
    expect(step.challengeParameters).toEqual({ question: 'Favourite colour?' });
    fake.on('RespondToAuthChallenge', { AuthenticationResult: authResult(now, 'uuid-ana') });
    await service.respond(step.attemptId, { kind: 'CUSTOM_CHALLENGE', answer: 'blue' });
    expect(fake.callsOf('RespondToAuthChallenge')[1]!.ChallengeResponses).toMatchObject({
      ANSWER: 'blue',
    });
  });

  it('MFA_SETUP chain: Associate(Session) → Verify(new Session, FriendlyDeviceName) → Respond(newest Session)', async () => {
    const id = await profile();
    srpChallenge();
    fake.on(
      'RespondToAuthChallenge',
      challenge('MFA_SETUP', { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' }, 's-setup'),
    );
    fake.on('AssociateSoftwareToken', { SecretCode: 'JBSWY3DPEHPK3PXP', Session: 's-assoc' });
    const step = await service.startSignIn(id, 'ana', 'pw');
    expect(step.kind).toBe('MFA_SETUP');
    expect(step.setup).toMatchObject({
      secretGrouped: 'JBSW Y3DP EHPK 3PXP',
      otpauthUri: 'otpauth://totp/Acme:ana?secret=JBSWY3DPEHPK3PXP&issuer=Acme',
      issuer: 'Acme',
      account: 'ana',
    });
    expect(fake.callsOf('AssociateSoftwareToken')[0]).toEqual({ Session: 's-setup' });

    now += 60_000;
    fake.on('VerifySoftwareToken', { Status: 'SUCCESS', Session: 's-verified' });
    fake.on('RespondToAuthChallenge', { AuthenticationResult: authResult(now, 'uuid-ana') });
    await service.respond(step.attemptId, {
      kind: 'MFA_SETUP',
      code: '123456',
      useThisComputer: false,
      friendlyDeviceName: 'Phone',
    });
    expect(fake.callsOf('VerifySoftwareToken')[0]).toEqual({
      Session: 's-assoc',
      UserCode: '123456',
      FriendlyDeviceName: 'Phone',
    });
    expect(fake.callsOf('RespondToAuthChallenge')[1]).toMatchObject({
      ChallengeName: 'MFA_SETUP',
      Session: 's-verified',
      ChallengeResponses: { USERNAME: 'uuid-ana' },
    });
  });

  it('MFA_SETUP with "use this computer": a failed verification takes the secret back out of the vault', async () => {
    const id = await profile();
    srpChallenge();
    fake.on(
      'RespondToAuthChallenge',
      challenge('MFA_SETUP', { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' }),
    );
    fake.on('AssociateSoftwareToken', { SecretCode: 'JBSWY3DPEHPK3PXP', Session: 's-assoc' });
    const step = await service.startSignIn(id, 'ana', 'pw');
    fake.fail('VerifySoftwareToken', 'EnableSoftwareTokenMFAException', 'Code mismatch');
    await expect(
      service.respond(step.attemptId, {
        kind: 'MFA_SETUP',
        useThisComputer: true,
        friendlyDeviceName: '',
      }),
    ).rejects.toMatchObject({ code: 'TOTP_VERIFY_FAILED', field: 'code' });
    expect(vault.accounts.size).toBe(0);
    // The verification carried the vault's code and this computer's name.
    expect(fake.callsOf('VerifySoftwareToken')[0]).toMatchObject({
      UserCode: expect.stringMatching(/^\d{6}$/),
      FriendlyDeviceName: 'host (Linux)',
    });
  });

  it('MFA_SETUP offering only SMS is explained, not attempted', async () => {
    const id = await profile();
    srpChallenge();
    fake.on('RespondToAuthChallenge', challenge('MFA_SETUP', { MFAS_CAN_SETUP: '["SMS_MFA"]' }));
    await expect(service.startSignIn(id, 'ana', 'pw')).rejects.toMatchObject({
      code: 'MFA_SETUP_UNSUPPORTED',
    });
    expect(fake.callsOf('AssociateSoftwareToken')).toHaveLength(0);
  });

  it('each new Session restarts the countdown; a locally expired one becomes SESSION_EXPIRED with no call', async () => {
    const step = await atStep(
      'SELECT_MFA_TYPE',
      { MFAS_CAN_CHOOSE: '["SMS_MFA","EMAIL_OTP"]' },
      { authSessionValidityMinutes: 5 },
    );
    expect(step.sessionExpiresAt).toBe(now + 5 * 60_000);
    now += 4 * 60_000;
    fake.on('RespondToAuthChallenge', challenge('SMS_MFA', {}, 'session-2'));
    const sms = await service.respond(step.attemptId, {
      kind: 'SELECT_MFA_TYPE',
      mfaType: 'SMS_MFA',
    });
    expect(sms.sessionExpiresAt).toBe(now + 5 * 60_000);
    now += 5 * 60_000;
    const expired = await service.respond(step.attemptId, { kind: 'SMS_MFA', code: '123456' });
    expect(expired).toMatchObject({ kind: 'SESSION_EXPIRED', username: 'ana@example.com' });
    expect(expired.sessionExpiresAt).toBeUndefined();
    expect(expired.description).toMatch(/your username and password are kept/);
    expect(fake.callsOf('RespondToAuthChallenge')).toHaveLength(2);
  });

  it("Cognito's expired-session answer becomes SESSION_EXPIRED, and restart runs the sign-in again with the kept password", async () => {
    const step = await atStep('SOFTWARE_TOKEN_MFA');
    fake.fail(
      'RespondToAuthChallenge',
      'NotAuthorizedException',
      'Invalid session for the user, session is expired.',
    );
    expect(
      (await service.respond(step.attemptId, { kind: 'SOFTWARE_TOKEN_MFA', code: '123456' })).kind,
    ).toBe('SESSION_EXPIRED');
    srpChallenge();
    fake.on('RespondToAuthChallenge', challenge('SOFTWARE_TOKEN_MFA', {}, 'session-fresh'));
    const again = await service.restart(step.attemptId);
    expect(again).toMatchObject({
      kind: 'SOFTWARE_TOKEN_MFA',
      attemptId: step.attemptId,
      username: 'ana@example.com',
    });
    expect(fake.callsOf('InitiateAuth')[1]!.AuthParameters).toMatchObject({
      USERNAME: 'ana@example.com',
    });
  });
});

describe('after the tokens arrive', () => {
  it('confirms a new device with a verifier, asks, and calls UpdateDeviceStatus on yes', async () => {
    const id = await profile();
    srpChallenge();
    fake.on('RespondToAuthChallenge', {
      AuthenticationResult: authResult(now, 'uuid-ana', {
        NewDeviceMetadata: { DeviceKey: 'eu-west-1_dk', DeviceGroupKey: '-grp' },
      }),
    });
    fake.on('ConfirmDevice', { UserConfirmationNecessary: true });
    const ask = await service.startSignIn(id, 'ana', 'pw');
    expect(ask).toMatchObject({
      kind: 'REMEMBER_DEVICE',
      device: { status: 'awaiting-choice' },
      signedIn: { username: 'uuid-ana' },
    });
    const confirm = fake.callsOf('ConfirmDevice')[0]!;
    expect(confirm).toMatchObject({ DeviceKey: 'eu-west-1_dk', DeviceName: 'host (Linux)' });
    const config = confirm.DeviceSecretVerifierConfig as { PasswordVerifier: string; Salt: string };
    expect(Buffer.from(config.PasswordVerifier, 'base64').length).toBeGreaterThanOrEqual(383);
    expect(await new DeviceStore(secrets).get(id, 'uuid-ana')).toMatchObject({
      deviceKey: 'eu-west-1_dk',
      remembered: false,
    });

    fake.on('UpdateDeviceStatus', {});
    const done = await service.rememberDevice(ask.attemptId, true);
    expect(done).toMatchObject({ kind: 'SIGNED_IN', device: { status: 'remembered' } });
    expect(fake.callsOf('UpdateDeviceStatus')[0]).toMatchObject({
      DeviceKey: 'eu-west-1_dk',
      DeviceRememberedStatus: 'remembered',
    });
    expect(await new DeviceStore(secrets).get(id, 'uuid-ana')).toMatchObject({ remembered: true });
  });

  it('an UpdateDeviceStatus failure is shown on the signed-in step', async () => {
    const id = await profile();
    srpChallenge();
    fake.on('RespondToAuthChallenge', {
      AuthenticationResult: authResult(now, 'uuid-ana', {
        NewDeviceMetadata: { DeviceKey: 'dk', DeviceGroupKey: 'g' },
      }),
    });
    fake.on('ConfirmDevice', { UserConfirmationNecessary: true });
    const ask = await service.startSignIn(id, 'ana', 'pw');
    fake.fail('UpdateDeviceStatus', 'LimitExceededException', 'Too many devices');
    const done = await service.rememberDevice(ask.attemptId, true);
    expect(done).toMatchObject({
      kind: 'SIGNED_IN',
      device: { status: 'failed', error: { code: 'LIMIT_EXCEEDED' } },
    });
  });

  it('a ConfirmDevice failure is shown and leaves no local device behind', async () => {
    const id = await profile();
    srpChallenge();
    fake.on('RespondToAuthChallenge', {
      AuthenticationResult: authResult(now, 'uuid-ana', {
        NewDeviceMetadata: { DeviceKey: 'dk', DeviceGroupKey: 'g' },
      }),
    });
    fake.fail('ConfirmDevice', 'InvalidParameterException', 'bad verifier');
    const done = await service.startSignIn(id, 'ana', 'pw');
    expect(done).toMatchObject({
      kind: 'SIGNED_IN',
      device: { status: 'failed', error: { code: 'INVALID_PARAMETER' } },
    });
    expect(await new DeviceStore(secrets).get(id, 'uuid-ana')).toBeUndefined();
  });

  it('the view never carries the password or the refresh token', async () => {
    const id = await profile();
    srpChallenge();
    const result = authResult(now, 'uuid-ana');
    fake.on('RespondToAuthChallenge', { AuthenticationResult: result });
    const step = await service.startSignIn(id, 'ana', 'Sup3r-Secret!');
    const text = JSON.stringify([step, await service.authState()]);
    expect(text).not.toContain('Sup3r-Secret!');
    expect(text).not.toContain(result.RefreshToken);
  });
});

describe('errors from the notes table, raised at a code step', () => {
  const table: [string, string, string, boolean][] = [
    ['NotAuthorizedException', 'Password attempts exceeded', 'LOCKED_OUT', false],
    ['NotAuthorizedException', 'Incorrect username or password.', 'WRONG_CREDENTIALS', true],
    ['CodeMismatchException', 'Invalid code', 'CODE_MISMATCH', true],
    ['ExpiredCodeException', 'Code expired', 'CODE_EXPIRED', true],
    ['EnableSoftwareTokenMFAException', 'no', 'TOTP_VERIFY_FAILED', true],
    [
      'SoftwareTokenMFANotFoundException',
      'Software Token MFA has not been enabled by the user',
      'TOTP_NOT_ENABLED',
      false,
    ],
    ['TooManyRequestsException', 'Rate exceeded', 'THROTTLED', true],
    ['LimitExceededException', 'Attempt limit exceeded', 'LIMIT_EXCEEDED', false],
    ['PasswordResetRequiredException', 'Password reset required', 'PASSWORD_RESET_REQUIRED', false],
    ['UserNotConfirmedException', 'User is not confirmed.', 'USER_NOT_CONFIRMED', false],
    ['UserNotFoundException', 'User does not exist.', 'WRONG_CREDENTIALS', true],
    ['InvalidPasswordException', 'Password not long enough', 'INVALID_PASSWORD', false],
    ['ResourceNotFoundException', 'Device does not exist.', 'DEVICE_NOT_FOUND', false],
  ];
  for (const [name, message, code, retryable] of table) {
    it(`${name} (${message}) → ${code}`, async () => {
      const step = await atStep('SMS_MFA');
      fake.fail('RespondToAuthChallenge', name, message);
      const failure = service.respond(step.attemptId, { kind: 'SMS_MFA', code: '123456' });
      await expect(failure).rejects.toMatchObject({
        code,
        retryable,
        detail: `${name}: ${message}`,
      });
      // The step stays, so the user can follow the message's next step.
      expect((await service.authState()).attempt?.kind).toBe('SMS_MFA');
    });
  }
});
