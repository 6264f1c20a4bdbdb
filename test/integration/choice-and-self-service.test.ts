/**
 * USER_AUTH choice-based sign-in and the self-service calls through the
 * engine, against the emulator over HTTP with the real AWS SDK.
 */
import { describe, expect, it } from 'vitest';
import { PASSWORD, createEngine, seedPool, useEmulator } from './helpers';
import type { Emulator, SeedUser } from './helpers';

let em: Emulator;
useEmulator((started) => (em = started));

const CHOICE_FLOWS = ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

async function choicePool(users: SeedUser[]) {
  return seedPool(em, {
    pool: { allowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN'] },
    client: { explicitAuthFlows: CHOICE_FLOWS },
    users,
  });
}

const verifiedEmail = (name: string) => ({ email: `${name}@example.com`, email_verified: 'true' });

describe('USER_AUTH', () => {
  it('offers the factors, signs in with an emailed code, and with a password proved by SRP', async () => {
    const pool = await choicePool([
      { username: 'eve', password: PASSWORD, attributes: verifiedEmail('eve') },
    ]);
    const engine = createEngine(em);
    const profileId = await engine.addProfile(pool, { authFlow: 'USER_AUTH' });
    const choose = await engine.service.startSignIn(profileId, 'eve');
    expect(choose).toMatchObject({
      kind: 'SELECT_CHALLENGE',
      title: 'Choose how to sign in',
      firstFactors: ['PASSWORD', 'EMAIL_OTP'],
      passkeyOffered: false,
    });
    const otp = await engine.service.respond(choose.attemptId, {
      kind: 'SELECT_CHALLENGE',
      factor: 'EMAIL_OTP',
      password: '',
    });
    expect(otp).toMatchObject({ kind: 'EMAIL_OTP', codeDeliveryDestination: 'e***@e***' });
    const code = em.outbox.messages.at(-1)!.code;
    const done = await engine.service.respond(otp.attemptId, { kind: 'EMAIL_OTP', code });
    expect(done.kind).toBe('SIGNED_IN');

    const again = await engine.service.startSignIn(profileId, 'eve');
    const sentBefore = em.outbox.messages.length;
    const byPassword = await engine.service.respond(again.attemptId, {
      kind: 'SELECT_CHALLENGE',
      factor: 'PASSWORD',
      password: PASSWORD,
    });
    expect(byPassword.kind).toBe('SIGNED_IN');
    expect(em.outbox.messages.length).toBe(sentBefore);
  });

  it('names a passkey-only account in plain words instead of a dead end', async () => {
    const pool = await choicePool([{ username: 'pia', passkeys: ['Laptop'] }]);
    const engine = createEngine(em);
    const profileId = await engine.addProfile(pool, { authFlow: 'USER_AUTH' });
    const step = await engine.service.startSignIn(profileId, 'pia');
    expect(step).toMatchObject({
      kind: 'SELECT_CHALLENGE',
      title: 'This account signs in with a passkey',
      firstFactors: [],
      passkeyOffered: true,
      fields: [],
    });
    expect(step.description).toMatch(/passkeys work only in the browser sign-in/);
  });
});

describe('self-service', () => {
  it('resets a forgotten password with the code from the email, then signs in with the new one', async () => {
    const pool = await seedPool(em, {
      client: { preventUserExistenceErrors: 'ENABLED' },
      users: [{ username: 'fay', password: PASSWORD, attributes: verifiedEmail('fay') }],
    });
    const engine = createEngine(em);
    const profileId = await engine.addProfile(pool);
    const s = engine.service.selfService;
    expect(await s.forgotPassword(profileId, 'fay')).toEqual({
      destination: 'f***@e***',
      medium: 'EMAIL',
      attribute: 'email',
    });
    const code = em.outbox.messages.at(-1)!.code;
    await expect(s.confirmForgotPassword(profileId, 'fay', code, 'short')).rejects.toMatchObject({
      code: 'INVALID_PASSWORD',
      field: 'newPassword',
    });
    await expect(
      s.confirmForgotPassword(
        profileId,
        'fay',
        code === '000000' ? '111111' : '000000',
        'New-Pass-42!',
      ),
    ).rejects.toMatchObject({ code: 'CODE_MISMATCH' });
    await s.confirmForgotPassword(profileId, 'fay', code, 'New-Pass-42!');
    expect((await engine.service.startSignIn(profileId, 'fay', 'New-Pass-42!')).kind).toBe(
      'SIGNED_IN',
    );
  });

  it('names an unknown username where the pool reveals it (LEGACY), and hides it under ENABLED', async () => {
    const legacy = await seedPool(em);
    const hidden = await seedPool(em, { client: { preventUserExistenceErrors: 'ENABLED' } });
    const engine = createEngine(em);
    const s = engine.service.selfService;
    await expect(s.forgotPassword(await engine.addProfile(legacy), 'nobody')).rejects.toMatchObject(
      {
        code: 'USER_NOT_FOUND',
        field: 'username',
        detail: 'UserNotFoundException: User does not exist.',
      },
    );
    const sent = em.outbox.messages.length;
    expect(await s.forgotPassword(await engine.addProfile(hidden), 'nobody')).toMatchObject({
      medium: 'EMAIL',
    });
    expect(em.outbox.messages.length).toBe(sent);
  });

  it('signs up and confirms, and says so plainly where only administrators create users', async () => {
    const open = await seedPool(em, { pool: { autoVerifiedAttributes: ['email'] } });
    const engine = createEngine(em);
    const profileId = await engine.addProfile(open);
    const s = engine.service.selfService;
    const signed = await s.signUp(profileId, 'gil', PASSWORD, { email: 'gil@example.com' });
    expect(signed).toEqual({
      confirmed: false,
      delivery: { destination: 'g***@e***', medium: 'EMAIL', attribute: 'email' },
    });
    await s.confirmSignUp(profileId, 'gil', em.outbox.messages.at(-1)!.code);
    expect((await engine.service.startSignIn(profileId, 'gil', PASSWORD)).kind).toBe('SIGNED_IN');

    const closed = await seedPool(em, { pool: { adminCreateUserOnly: true } });
    const closedId = await engine.addProfile(closed);
    await expect(s.signUp(closedId, 'gil', PASSWORD, {})).rejects.toMatchObject({
      code: 'SIGN_UP_NOT_ALLOWED',
      message:
        'This pool does not let people create their own accounts. Ask your administrator for one.',
    });
  });

  it('shows my account and sessions, revokes another session, and changes the password', async () => {
    const pool = await seedPool(em, {
      pool: { autoVerifiedAttributes: ['email'] },
      users: [{ username: 'hoa', password: PASSWORD, attributes: verifiedEmail('hoa') }],
    });
    const other = createEngine(em);
    await other.service.startSignIn(await other.addProfile(pool), 'hoa', PASSWORD);
    const engine = createEngine(em);
    const profileId = await engine.addProfile(pool);
    await engine.service.startSignIn(profileId, 'hoa', PASSWORD);
    const s = engine.service.selfService;

    expect(await s.account(profileId)).toEqual({
      username: 'hoa',
      attributes: [{ name: 'email', value: 'hoa@example.com', verified: true }],
      signInMethods: ['PASSWORD'],
    });
    const sessions = await s.sessions(profileId);
    expect(sessions).toHaveLength(2);
    expect(sessions[0]!.isCurrent).toBe(true);
    const left = await s.revokeSession(profileId, sessions[1]!.sessionId);
    expect(left.map((x) => x.sessionId)).toEqual([sessions[0]!.sessionId]);

    const deliveries = await s.updateAttributes(profileId, { email: 'hoa@new.example' });
    expect(deliveries).toEqual([{ destination: 'h***@n***', medium: 'EMAIL', attribute: 'email' }]);
    await s.verifyAttribute(profileId, 'email', em.outbox.messages.at(-1)!.code);
    expect((await s.account(profileId)).attributes).toEqual([
      { name: 'email', value: 'hoa@new.example', verified: true },
    ]);

    await expect(
      s.changePassword(profileId, 'Wrong-Pass-1!', 'New-Pass-42!'),
    ).rejects.toMatchObject({ code: 'WRONG_CREDENTIALS' });
    await s.changePassword(profileId, PASSWORD, 'New-Pass-42!');
    expect((await engine.service.startSignIn(profileId, 'hoa', 'New-Pass-42!')).kind).toBe(
      'SIGNED_IN',
    );
  });
});
