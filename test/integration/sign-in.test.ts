/**
 * Every sign-in flow against the emulator: real HTTP, real AWS SDK
 * v3, the emulator's own SRP verification, its clock, outbox and faults.
 */
import { describe, expect, it } from 'vitest';
import { secretKeys } from '../../src-main/core/cognito/keys';
import type { AuthStepView } from '../../src-main/core/cognito/views';
import { totpCode } from '../helpers/memory-vault';
import { PASSWORD, REGION, createEngine, newClientId, seedPool, useEmulator } from './helpers';
import type { Emulator } from './helpers';

const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

let em: Emulator;
useEmulator((started) => (em = started));

function secretFromSetup(step: AuthStepView): string {
  const uri = new URL(step.setup!.otpauthUri);
  return uri.searchParams.get('secret')!;
}

async function expectFailure(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toMatchObject({ code });
}

describe('password sign-in', () => {
  it('signs in with SRP on a public client and stores the tokens in the SecretStore', async () => {
    const pool = await seedPool(em, {
      users: [{ username: 'ana', password: PASSWORD, attributes: { email: 'ana@example.com' } }],
    });
    const engine = createEngine(em);
    const profileId = await engine.addProfile(pool);
    const step = await engine.service.startSignIn(profileId, 'ana', PASSWORD);
    expect(step.kind).toBe('SIGNED_IN');
    expect(step.signedIn).toMatchObject({ username: 'ana', email: 'ana@example.com', groups: [] });
    expect(step.device?.status).toBe('not-tracked');
    const stored = JSON.parse((await engine.secrets.get(secretKeys.tokens(profileId)))!);
    expect(stored.refreshToken).toMatch(/\./);
    expect(JSON.stringify(step)).not.toContain(stored.refreshToken);
    expect(await engine.service.session(profileId)).toMatchObject({ username: 'ana' });
  });

  it('signs in with SRP when the app client has a secret (SECRET_HASH on every call), and names a wrong secret', async () => {
    const secret = 'clientsecret'.repeat(4);
    const pool = await seedPool(em, {
      client: { secret },
      users: [{ username: 'bo', password: PASSWORD }],
    });
    const engine = createEngine(em);
    const good = await engine.addProfile(pool);
    expect((await engine.service.startSignIn(good, 'bo', PASSWORD)).kind).toBe('SIGNED_IN');
    // The refresh also carries SECRET_HASH (keyed by USER_ID_FOR_SRP).
    await expect(engine.service.refresh(good)).resolves.toMatchObject({ username: 'bo' });

    const bad = await engine.addProfile({ ...pool, clientSecret: 'wrongsecret' });
    await expectFailure(engine.service.startSignIn(bad, 'bo', PASSWORD), 'CLIENT_SECRET_MISMATCH');
    const none = await engine.addProfile({ poolId: pool.poolId, clientId: pool.clientId });
    await expect(engine.service.startSignIn(none, 'bo', PASSWORD)).rejects.toBeDefined();
  });

  it('signs in with USER_PASSWORD_AUTH', async () => {
    const pool = await seedPool(em, { users: [{ username: 'cy', password: PASSWORD }] });
    const engine = createEngine(em);
    const profileId = await engine.addProfile(pool, { authFlow: 'USER_PASSWORD_AUTH' });
    const step = await engine.service.startSignIn(profileId, 'cy', PASSWORD);
    expect(step.kind).toBe('SIGNED_IN');
    expect(step.signedIn?.username).toBe('cy');
  });

  it('says "incorrect username or password" alike for a wrong password and an unknown user', async () => {
    const pool = await seedPool(em, { users: [{ username: 'di', password: PASSWORD }] });
    const engine = createEngine(em);
    const profileId = await engine.addProfile(pool);
    const wrong = engine.service.startSignIn(profileId, 'di', 'Wrong-Password-1!');
    await expect(wrong).rejects.toMatchObject({ code: 'WRONG_CREDENTIALS', field: 'password' });
    const unknown = engine.service.startSignIn(profileId, 'nobody', PASSWORD);
    await expect(unknown).rejects.toMatchObject({ code: 'WRONG_CREDENTIALS' });
  });

  it('signs in by email alias and keys everything by USER_ID_FOR_SRP', async () => {
    const pool = await seedPool(em, {
      pool: { aliasAttributes: ['email'] },
      users: [
        {
          username: 'eve',
          password: PASSWORD,
          attributes: { email: 'eve@example.com', email_verified: 'true' },
        },
      ],
    });
    const engine = createEngine(em);
    const profileId = await engine.addProfile(pool);
    const step = await engine.service.startSignIn(profileId, 'eve@example.com', PASSWORD);
    expect(step.kind).toBe('SIGNED_IN');
    const stored = JSON.parse((await engine.secrets.get(secretKeys.tokens(profileId)))!);
    expect(stored.userIdForSrp).toBe('eve');
  });

  it('retries throttling with backoff and then succeeds; the SDK adds no retries of its own', async () => {
    const pool = await seedPool(em, { users: [{ username: 'fay', password: PASSWORD }] });
    const engine = createEngine(em);
    const profileId = await engine.addProfile(pool);
    em.faults.set('InitiateAuth', { error: 'TooManyRequestsException', times: 2 });
    em.faults.set('RespondToAuthChallenge', { error: 'InternalErrorException', times: 1 });
    expect((await engine.service.startSignIn(profileId, 'fay', PASSWORD)).kind).toBe('SIGNED_IN');
    // More throttling than our 4 attempts allow: the user gets the THROTTLED message.
    em.faults.set('InitiateAuth', { error: 'TooManyRequestsException', times: 4 });
    await expectFailure(engine.service.startSignIn(profileId, 'fay', PASSWORD), 'THROTTLED');
    // Exactly 4 attempts were made (none left over for the next call): so the SDK did not retry.
    expect((await engine.service.startSignIn(profileId, 'fay', PASSWORD)).kind).toBe('SIGNED_IN');
  });
});

describe('MFA challenges', () => {
  it('MFA ON: first-time TOTP setup through the MFA_SETUP Session chain, the test playing the phone', async () => {
    const pool = await seedPool(em, {
      pool: { mfaConfiguration: 'ON', totp: true },
      users: [{ username: 'gus', password: PASSWORD }],
    });
    const engine = createEngine(em);
    const profileId = await engine.addProfile(pool);
    const setup = await engine.service.startSignIn(profileId, 'gus', PASSWORD);
    expect(setup.kind).toBe('MFA_SETUP');
    expect(setup.mfaOptions).toContain('SOFTWARE_TOKEN_MFA');
    expect(setup.setup?.qrSvg).toMatch(/^<svg/);
    expect(setup.setup?.otpauthUri).toMatch(
      /^otpauth:\/\/totp\/Acme%20Test:gus\?secret=[A-Z2-7]+&issuer=Acme%20Test$/,
    );
    expect(setup.setup?.secretGrouped).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    expect(setup.sessionExpiresAt).toBeGreaterThan(em.clock.now() + 2.9 * 60_000);
    expect(setup.sessionExpiresAt).toBeLessThanOrEqual(em.clock.now() + 3 * 60_000);

    const secret = secretFromSetup(setup);
    const done = await engine.service.respond(setup.attemptId, {
      kind: 'MFA_SETUP',
      code: totpCode(secret, em.clock.now()),
      useThisComputer: false,
      friendlyDeviceName: 'Phone',
    });
    expect(done.kind).toBe('SIGNED_IN');
    expect(engine.vault.accounts.size).toBe(0);

    // Next time the same secret is asked for, and the code of the next 30 s step.
    em.clock.advance(30_000);
    const next = await engine.service.startSignIn(profileId, 'gus', PASSWORD);
    expect(next.kind).toBe('SOFTWARE_TOKEN_MFA');
    expect(next.canAutofill).toBe(false);
    expect(
      (
        await engine.service.respond(next.attemptId, {
          kind: 'SOFTWARE_TOKEN_MFA',
          code: totpCode(secret, em.clock.now()),
        })
      ).kind,
    ).toBe('SIGNED_IN');
  });

  it('"use this computer as the authenticator": the secret goes to the vault and later codes are filled in with one action', async () => {
    const pool = await seedPool(em, {
      pool: { mfaConfiguration: 'ON', totp: true },
      users: [{ username: 'hal', password: PASSWORD }],
    });
    const engine = createEngine(em);
    const profileId = await engine.addProfile(pool);
    const setup = await engine.service.startSignIn(profileId, 'hal', PASSWORD);
    const done = await engine.service.respond(setup.attemptId, {
      kind: 'MFA_SETUP',
      useThisComputer: true,
      friendlyDeviceName: '',
    });
    expect(done.kind).toBe('SIGNED_IN');
    const [account] = [...engine.vault.accounts.values()];
    expect(account).toMatchObject({
      issuer: 'Acme Test',
      account: 'hal',
      secret: secretFromSetup(setup),
    });

    // Cognito accepts each authenticator code once: the next sign-in needs the next one.
    em.clock.advance(30_000);
    const next = await engine.service.startSignIn(profileId, 'hal', PASSWORD);
    expect(next).toMatchObject({ kind: 'SOFTWARE_TOKEN_MFA', canAutofill: true });
    expect((await engine.service.autofill(next.attemptId)).kind).toBe('SIGNED_IN');
  });

  it('OPTIONAL with TOTP: a wrong code keeps the Session and the right one then succeeds', async () => {
    const pool = await seedPool(em, {
      pool: { mfaConfiguration: 'OPTIONAL', totp: true },
      users: [
        {
          username: 'ida',
          password: PASSWORD,
          totpSecret: TOTP_SECRET,
          mfaEnabled: ['SOFTWARE_TOKEN_MFA'],
        },
      ],
    });
    const engine = createEngine(em);
    const profileId = await engine.addProfile(pool);
    const step = await engine.service.startSignIn(profileId, 'ida', PASSWORD);
    expect(step.kind).toBe('SOFTWARE_TOKEN_MFA');
    const right = totpCode(TOTP_SECRET, em.clock.now());
    const wrong = right === '000000' ? '111111' : '000000';
    await expect(
      engine.service.respond(step.attemptId, { kind: 'SOFTWARE_TOKEN_MFA', code: wrong }),
    ).rejects.toMatchObject({
      code: 'CODE_MISMATCH',
      field: 'code',
      retryable: true,
    });
    const again = await engine.service.authState();
    expect(again.attempt).toMatchObject({ attemptId: step.attemptId, kind: 'SOFTWARE_TOKEN_MFA' });
    expect(
      (await engine.service.respond(step.attemptId, { kind: 'SOFTWARE_TOKEN_MFA', code: right }))
        .kind,
    ).toBe('SIGNED_IN');
  });

  it('SELECT_MFA_TYPE, then SMS_MFA with the code from the outbox', async () => {
    const pool = await seedPool(em, {
      pool: { mfaConfiguration: 'OPTIONAL', totp: true, sms: true },
      users: [
        {
          username: 'jo',
          password: PASSWORD,
          attributes: { phone_number: '+15555550123', phone_number_verified: 'true' },
          totpSecret: TOTP_SECRET,
          mfaEnabled: ['SOFTWARE_TOKEN_MFA', 'SMS_MFA'],
        },
      ],
    });
    const engine = createEngine(em);
    const profileId = await engine.addProfile(pool);
    const choose = await engine.service.startSignIn(profileId, 'jo', PASSWORD);
    expect(choose.kind).toBe('SELECT_MFA_TYPE');
    expect(choose.mfaOptions?.sort()).toEqual(['SMS_MFA', 'SOFTWARE_TOKEN_MFA']);
    expect(choose.fields[0]?.options?.map((o) => o.value).sort()).toEqual([
      'SMS_MFA',
      'SOFTWARE_TOKEN_MFA',
    ]);
    await expectFailure(
      engine.service.respond(choose.attemptId, { kind: 'SELECT_MFA_TYPE', mfaType: 'EMAIL_OTP' }),
      'INVALID_CHOICE',
    );

    const sms = await engine.service.respond(choose.attemptId, {
      kind: 'SELECT_MFA_TYPE',
      mfaType: 'SMS_MFA',
    });
    expect(sms).toMatchObject({ kind: 'SMS_MFA', codeDeliveryMedium: 'SMS' });
    expect(sms.codeDeliveryDestination).toMatch(/0123$/);
    const message = em.outbox.last('jo', 'SMS_MFA')!;
    expect(
      (await engine.service.respond(sms.attemptId, { kind: 'SMS_MFA', code: message.code })).kind,
    ).toBe('SIGNED_IN');
  });

  it('EMAIL_OTP with the code from the outbox', async () => {
    const pool = await seedPool(em, {
      pool: { mfaConfiguration: 'OPTIONAL', email: true },
      users: [
        {
          username: 'kim',
          password: PASSWORD,
          attributes: { email: 'kim@example.com', email_verified: 'true' },
          mfaEnabled: ['EMAIL_OTP'],
        },
      ],
    });
    const engine = createEngine(em);
    const profileId = await engine.addProfile(pool);
    const step = await engine.service.startSignIn(profileId, 'kim', PASSWORD);
    expect(step).toMatchObject({ kind: 'EMAIL_OTP', codeDeliveryMedium: 'EMAIL' });
    const code = em.outbox.last('kim', 'EMAIL_OTP')!.code;
    expect((await engine.service.respond(step.attemptId, { kind: 'EMAIL_OTP', code })).kind).toBe(
      'SIGNED_IN',
    );
  });

  it('NEW_PASSWORD_REQUIRED with a required attribute (prefix stripped), policy shown on a weak password', async () => {
    const poolId = await em.admin.createPool({
      PoolName: 'np',
      Schema: [{ Name: 'name', AttributeDataType: 'String', Required: true, Mutable: true }],
    });
    const { clientId } = await em.admin.createClient(poolId, {
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
    await em.admin.createUser(poolId, 'lu', 'Temp-Passw0rd!', {
      temporary: true,
      attributes: { email: 'lu@example.com' },
    });
    const engine = createEngine(em);
    const profileId = await engine.addProfile(
      { poolId, clientId },
      {
        passwordPolicy: {
          minimumLength: 8,
          requireLowercase: true,
          requireUppercase: true,
          requireNumbers: true,
          requireSymbols: true,
        },
      },
    );
    const step = await engine.service.startSignIn(profileId, 'lu', 'Temp-Passw0rd!');
    expect(step.kind).toBe('NEW_PASSWORD_REQUIRED');
    const nameField = step.fields.find((f) => f.name === 'attributes.name');
    expect(nameField).toMatchObject({ required: true });
    expect(step.fields.find((f) => f.name === 'attributes.email')).toMatchObject({
      required: false,
      value: 'lu@example.com',
    });

    await expect(
      engine.service.respond(step.attemptId, {
        kind: 'NEW_PASSWORD_REQUIRED',
        newPassword: 'New-Passw0rd!',
        attributes: {},
      }),
    ).rejects.toMatchObject({ code: 'ATTRIBUTE_REQUIRED', field: 'attributes.name' });
    const weak = engine.service.respond(step.attemptId, {
      kind: 'NEW_PASSWORD_REQUIRED',
      newPassword: 'short',
      attributes: { name: 'Lu' },
    });
    await expect(weak).rejects.toMatchObject({ code: 'INVALID_PASSWORD', field: 'newPassword' });
    await expect(weak).rejects.toThrow(/at least 8 characters/);
    const done = await engine.service.respond(step.attemptId, {
      kind: 'NEW_PASSWORD_REQUIRED',
      newPassword: 'New-Passw0rd!',
      attributes: { name: 'Lu Test' },
    });
    expect(done.kind).toBe('SIGNED_IN');
    expect((await engine.service.startSignIn(profileId, 'lu', 'New-Passw0rd!')).kind).toBe(
      'SIGNED_IN',
    );
  });
});

describe('Session expiry', () => {
  it('shows SESSION_EXPIRED once the clock passes AuthSessionValidity, then restarts cleanly with the username kept', async () => {
    const pool = await seedPool(em, {
      pool: { mfaConfiguration: 'OPTIONAL', totp: true },
      users: [
        {
          username: 'max',
          password: PASSWORD,
          totpSecret: TOTP_SECRET,
          mfaEnabled: ['SOFTWARE_TOKEN_MFA'],
        },
      ],
    });
    const engine = createEngine(em);
    const profileId = await engine.addProfile(pool);
    const step = await engine.service.startSignIn(profileId, 'max', PASSWORD);
    em.clock.advance(3 * 60_000 + 1_000);
    const expired = await engine.service.respond(step.attemptId, {
      kind: 'SOFTWARE_TOKEN_MFA',
      code: totpCode(TOTP_SECRET, em.clock.now()),
    });
    expect(expired).toMatchObject({ kind: 'SESSION_EXPIRED', username: 'max' });
    const again = await engine.service.restart(step.attemptId);
    expect(again).toMatchObject({
      kind: 'SOFTWARE_TOKEN_MFA',
      username: 'max',
      attemptId: step.attemptId,
    });
    expect(again.sessionExpiresAt).toBeGreaterThan(em.clock.now());
    expect(
      (
        await engine.service.respond(step.attemptId, {
          kind: 'SOFTWARE_TOKEN_MFA',
          code: totpCode(TOTP_SECRET, em.clock.now()),
        })
      ).kind,
    ).toBe('SIGNED_IN');
  });

  it("maps the server's expired-session answer the same way when the local estimate is too generous", async () => {
    const pool = await seedPool(em, {
      pool: { mfaConfiguration: 'ON', totp: true },
      users: [{ username: 'ned', password: PASSWORD }],
    });
    const engine = createEngine(em);
    // The profile believes 15 minutes; the client really allows the default 3.
    const profileId = await engine.addProfile(pool, { authSessionValidityMinutes: 15 });
    const setup = await engine.service.startSignIn(profileId, 'ned', PASSWORD);
    expect(setup.kind).toBe('MFA_SETUP');
    em.clock.advance(4 * 60_000);
    const expired = await engine.service.respond(setup.attemptId, {
      kind: 'MFA_SETUP',
      code: totpCode(secretFromSetup(setup), em.clock.now()),
      useThisComputer: false,
      friendlyDeviceName: '',
    });
    expect(expired.kind).toBe('SESSION_EXPIRED');
    const fresh = await engine.service.restart(setup.attemptId);
    expect(fresh.kind).toBe('MFA_SETUP');
    const secret = secretFromSetup(fresh);
    expect(
      (
        await engine.service.respond(fresh.attemptId, {
          kind: 'MFA_SETUP',
          code: totpCode(secret, em.clock.now()),
          useThisComputer: false,
          friendlyDeviceName: '',
        })
      ).kind,
    ).toBe('SIGNED_IN');
  });
});

describe('challenge the desktop must not answer', () => {
  it('refuses a profile whose flow was tampered to ADMIN_NO_SRP_AUTH before calling Cognito', async () => {
    const pool = await seedPool(em, { users: [{ username: 'oz', password: PASSWORD }] });
    const engine = createEngine(em);
    const profileId = await engine.addProfile(pool);
    const state = engine.state.value as { profiles: { authFlow: string }[] };
    state.profiles[0]!.authFlow = 'ADMIN_NO_SRP_AUTH';
    em.faults.set('InitiateAuth', { error: 'InternalErrorException' });
    try {
      // A state file with an unknown flow is refused as corrupt before any call.
      await expect(engine.service.startSignIn(profileId, 'oz', PASSWORD)).rejects.toMatchObject({
        code: 'STATE_CORRUPT',
      });
    } finally {
      em.faults.clear('InitiateAuth');
    }
  });
});

describe('unknown pool', () => {
  it('names the profile fields to check when the client does not exist', async () => {
    const engine = createEngine(em);
    const profileId = await engine.addProfile({
      poolId: `${REGION}_Nope12345`,
      clientId: newClientId(),
    });
    await expect(engine.service.startSignIn(profileId, 'x', PASSWORD)).rejects.toMatchObject({
      code: expect.stringMatching(/POOL_NOT_FOUND|COGNITO_ERROR|INVALID_PARAMETER/),
    });
  });
});
