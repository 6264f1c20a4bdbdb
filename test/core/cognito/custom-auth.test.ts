/**
 * The CUSTOM_AUTH start of the sign-in state machine with a scripted
 * transport: what InitiateAuth and each CUSTOM_CHALLENGE answer send, and how
 * a repeated question, a refusal and a following MFA step come out.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { DeviceStore } from '../../../src-main/core/cognito/devices';
import type { ProfileInput } from '../../../src-main/core/cognito/profiles';
import { secretHash } from '../../../src-main/core/cognito/secret-hash';
import { CognitoService } from '../../../src-main/core/cognito/service';
import { memoryDocument } from '../../helpers/memory-document';
import { MemorySecretStore } from '../../helpers/memory-secret-store';
import { FakeCognito, authResult, awsError } from '../../helpers/fake-cognito';
import { rejection } from '../../helpers/rejection';

const PROFILE: ProfileInput = {
  displayName: 'Acme',
  region: 'eu-west-1',
  userPoolId: 'eu-west-1_AbC123',
  clientId: 'client1234',
  authFlow: 'CUSTOM_AUTH',
};

const RIDDLE = { question: 'What is 6 × 7?' };

let now: number;
let fake: FakeCognito;
let secrets: MemorySecretStore;
let service: CognitoService;

beforeEach(() => {
  now = Date.UTC(2026, 10, 26, 3, 4, 5);
  fake = new FakeCognito();
  secrets = new MemorySecretStore();
  service = new CognitoService({
    secrets,
    state: memoryDocument(),
    clock: { now: () => now },
    transportFor: () => fake,
    deviceName: 'host (Linux)',
  });
});

async function profile(extra: Partial<ProfileInput> = {}) {
  return (await service.addProfile({ ...PROFILE, ...extra })).id;
}

/** A CUSTOM_CHALLENGE as Cognito sends it: the public parameters plus the pool's USERNAME. */
function riddle(session: string, params: Record<string, string> = RIDDLE) {
  return {
    ChallengeName: 'CUSTOM_CHALLENGE',
    ChallengeParameters: { ...params, USERNAME: 'uuid-ana' },
    Session: session,
  } as const;
}

describe('CUSTOM_AUTH', () => {
  it('starts with USERNAME, SECRET_HASH and DEVICE_KEY only, then answers as the pool username', async () => {
    const id = await profile({ clientSecret: 'sssecret', clientMetadata: { tenant: 'acme' } });
    await new DeviceStore(secrets).set(id, 'uuid-ana', {
      deviceKey: 'dk-1',
      deviceGroupKey: 'grp',
      devicePassword: 'pw',
      remembered: true,
    });
    // A previous sign-in taught the engine that this alias is uuid-ana.
    fake.on('InitiateAuth', riddle('s1'));
    fake.on('RespondToAuthChallenge', { AuthenticationResult: authResult(now, 'uuid-ana') });
    const first = await service.startSignIn(id, 'ana@example.com');
    await service.respond(first.attemptId, { kind: 'CUSTOM_CHALLENGE', answer: '42' });

    fake.calls.length = 0;
    fake.on('InitiateAuth', riddle('s2'));
    const step = await service.startSignIn(id, 'ana@example.com', 'ignored-password');
    expect(step).toMatchObject({
      kind: 'CUSTOM_CHALLENGE',
      challengeParameters: RIDDLE,
      fields: [{ name: 'answer', required: true }],
    });
    const [init] = fake.callsOf('InitiateAuth');
    expect(init).toEqual({
      AuthFlow: 'CUSTOM_AUTH',
      ClientId: 'client1234',
      ClientMetadata: { tenant: 'acme' },
      AuthParameters: {
        USERNAME: 'ana@example.com',
        DEVICE_KEY: 'dk-1',
        SECRET_HASH: secretHash('sssecret', 'ana@example.com', 'client1234'),
      },
    });

    fake.on('RespondToAuthChallenge', { AuthenticationResult: authResult(now, 'uuid-ana') });
    const done = await service.respond(step.attemptId, { kind: 'CUSTOM_CHALLENGE', answer: '42' });
    expect(done).toMatchObject({ kind: 'SIGNED_IN', signedIn: { username: 'uuid-ana' } });
    const [answer] = fake.callsOf('RespondToAuthChallenge');
    expect(answer).toMatchObject({
      ChallengeName: 'CUSTOM_CHALLENGE',
      Session: 's2',
      ChallengeResponses: {
        USERNAME: 'uuid-ana',
        ANSWER: '42',
        SECRET_HASH: secretHash('sssecret', 'uuid-ana', 'client1234'),
      },
    });
  });

  it('needs no password, while the password flows still ask for one', async () => {
    const id = await profile();
    fake.on('InitiateAuth', riddle('s1'));
    await expect(service.startSignIn(id, 'ana')).resolves.toMatchObject({
      kind: 'CUSTOM_CHALLENGE',
    });

    const srp = await profile({ authFlow: 'USER_SRP_AUTH' });
    const error = await rejection(service.startSignIn(srp, 'ana'));
    expect(error).toMatchObject({ code: 'PASSWORD_REQUIRED', field: 'password' });
    expect(fake.callsOf('InitiateAuth')).toHaveLength(1);
  });

  it('reads the same question coming back as a rejected answer, on the field, with the new Session', async () => {
    const id = await profile();
    fake.on('InitiateAuth', riddle('s1'));
    fake.on('RespondToAuthChallenge', riddle('s2'));
    const step = await service.startSignIn(id, 'ana');

    const error = await rejection(
      service.respond(step.attemptId, { kind: 'CUSTOM_CHALLENGE', answer: '41' }),
    );
    expect(error).toMatchObject({ code: 'CUSTOM_ANSWER_REJECTED', field: 'answer' });
    expect(error.message).toMatch(/not accepted/);

    fake.on('RespondToAuthChallenge', { AuthenticationResult: authResult(now, 'uuid-ana') });
    await expect(
      service.respond(step.attemptId, { kind: 'CUSTOM_CHALLENGE', answer: '42' }),
    ).resolves.toMatchObject({ kind: 'SIGNED_IN' });
    expect(fake.callsOf('RespondToAuthChallenge').map((c) => c.Session)).toEqual(['s1', 's2']);
  });

  it('counts the session down afresh from the Session that came with a rejected answer', async () => {
    const id = await profile({ authSessionValidityMinutes: 3 });
    fake.on('InitiateAuth', riddle('s1'));
    fake.on('RespondToAuthChallenge', riddle('s2'));
    const step = await service.startSignIn(id, 'ana');
    expect(step.sessionExpiresAt).toBe(now + 3 * 60_000);

    now += 2 * 60_000;
    await rejection(service.respond(step.attemptId, { kind: 'CUSTOM_CHALLENGE', answer: '41' }));
    const { attempt } = await service.authState();
    expect(attempt).toMatchObject({ attemptId: step.attemptId, kind: 'CUSTOM_CHALLENGE' });
    expect(attempt?.sessionExpiresAt).toBe(now + 3 * 60_000);
  });

  it('shows a different question as the next round, not as an error', async () => {
    const id = await profile();
    fake.on('InitiateAuth', riddle('s1'));
    fake.on('RespondToAuthChallenge', riddle('s2', { question: 'And 7 × 8?' }));
    const step = await service.startSignIn(id, 'ana');
    await expect(
      service.respond(step.attemptId, { kind: 'CUSTOM_CHALLENGE', answer: '42' }),
    ).resolves.toMatchObject({
      kind: 'CUSTOM_CHALLENGE',
      challengeParameters: { question: 'And 7 × 8?' },
    });
  });

  it('hands an MFA challenge after the custom rounds to the usual steps', async () => {
    const id = await profile();
    fake.on('InitiateAuth', riddle('s1'));
    fake.on('RespondToAuthChallenge', {
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      ChallengeParameters: { USER_ID_FOR_SRP: 'uuid-ana' },
      Session: 's2',
    });
    fake.on('RespondToAuthChallenge', { AuthenticationResult: authResult(now, 'uuid-ana') });
    const step = await service.startSignIn(id, 'ana');
    const mfa = await service.respond(step.attemptId, { kind: 'CUSTOM_CHALLENGE', answer: '42' });
    expect(mfa.kind).toBe('SOFTWARE_TOKEN_MFA');
    await expect(
      service.respond(mfa.attemptId, { kind: 'SOFTWARE_TOKEN_MFA', code: '123456' }),
    ).resolves.toMatchObject({ kind: 'SIGNED_IN' });
    expect(fake.callsOf('RespondToAuthChallenge')[1]).toMatchObject({
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: 's2',
      ChallengeResponses: { USERNAME: 'uuid-ana', SOFTWARE_TOKEN_MFA_CODE: '123456' },
    });
  });

  it('ends the attempt with a clear message when the pool fails the sign-in after an answer', async () => {
    const id = await profile();
    fake.on('InitiateAuth', riddle('s1'));
    fake.fail(
      'RespondToAuthChallenge',
      'NotAuthorizedException',
      'Incorrect username or password.',
    );
    const step = await service.startSignIn(id, 'ana');
    const error = await rejection(
      service.respond(step.attemptId, { kind: 'CUSTOM_CHALLENGE', answer: '41' }),
    );
    expect(error).toMatchObject({
      code: 'CUSTOM_AUTH_FAILED',
      field: 'answer',
      detail: 'NotAuthorizedException: Incorrect username or password.',
    });
    expect(error.message).toMatch(/ended this sign-in.*Start over/);
    // The spent Session is never sent again.
    const again = await rejection(
      service.respond(step.attemptId, { kind: 'CUSTOM_CHALLENGE', answer: '42' }),
    );
    expect(again.code).toBe('WRONG_STEP');
    expect(fake.callsOf('RespondToAuthChallenge')).toHaveLength(1);
    await expect(service.authState()).resolves.toEqual({ sessions: [] });
  });

  it('says the pool refused to start, on the username, rather than blaming a password', async () => {
    const id = await profile();
    fake.fail('InitiateAuth', 'NotAuthorizedException', 'Incorrect username or password.');
    const error = await rejection(service.startSignIn(id, 'nobody'));
    expect(error).toMatchObject({ code: 'CUSTOM_AUTH_REFUSED', field: 'username' });
    expect(error.message).not.toMatch(/password/i);
  });

  it('refuses an empty answer before any call', async () => {
    const id = await profile();
    fake.on('InitiateAuth', riddle('s1'));
    const step = await service.startSignIn(id, 'ana');
    const error = await rejection(
      service.respond(step.attemptId, { kind: 'CUSTOM_CHALLENGE', answer: '  ' }),
    );
    expect(error).toMatchObject({ code: 'ANSWER_REQUIRED', field: 'answer' });
    expect(fake.callsOf('RespondToAuthChallenge')).toHaveLength(0);
  });

  it('keeps an expired Session a clean restart', async () => {
    const id = await profile();
    fake.on('InitiateAuth', riddle('s1'));
    fake.on('RespondToAuthChallenge', () => {
      throw awsError('NotAuthorizedException', 'Invalid session for the user, session is expired.');
    });
    fake.on('InitiateAuth', riddle('s2'));
    const step = await service.startSignIn(id, 'ana');
    const expired = await service.respond(step.attemptId, {
      kind: 'CUSTOM_CHALLENGE',
      answer: '42',
    });
    expect(expired.kind).toBe('SESSION_EXPIRED');
    // No password was typed, so none is promised back.
    expect(expired.description).toMatch(/your username is kept/);
    expect(expired.description).not.toMatch(/password/);
    await expect(service.restart(step.attemptId)).resolves.toMatchObject({
      kind: 'CUSTOM_CHALLENGE',
      username: 'ana',
    });
  });

  it('is a profile option, and an admin flow is refused with its field named', async () => {
    const id = await profile();
    const list = await service.profiles.list();
    expect(list.profiles.find((p) => p.id === id)?.authFlow).toBe('CUSTOM_AUTH');
    await expect(
      service.addProfile({ ...PROFILE, authFlow: 'ADMIN_NO_SRP_AUTH' as never }),
    ).rejects.toMatchObject({ code: 'INVALID_PROFILE', field: 'authFlow' });
  });
});
