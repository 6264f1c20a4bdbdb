/**
 * CUSTOM_AUTH against the emulator over HTTP: a riddle asked by a hook shaped
 * like the pool's Define/Create/Verify Auth Challenge triggers, answered
 * wrongly and rightly through the engine and the real AWS SDK.
 */
import { describe, expect, it } from 'vitest';
import type { CustomAuthHook } from '../../emulator/index';
import { secretKeys } from '../../src-main/core/cognito/keys';
import { PASSWORD, createEngine, seedPool, useEmulator } from './helpers';
import type { Emulator } from './helpers';

const QUESTION = 'What is 6 × 7?';
const MAX_TRIES = 3;

/** Asks the riddle until it is answered, and fails the sign-in after three wrong answers. */
const riddle: CustomAuthHook = {
  define({ userExists, rounds }) {
    const last = rounds[rounds.length - 1];
    return {
      issueTokens: last?.challengeResult === true,
      failAuthentication:
        !userExists || (last?.challengeResult !== true && rounds.length >= MAX_TRIES),
    };
  },
  create: () => ({
    publicChallengeParameters: { question: QUESTION },
    privateChallengeParameters: { answer: '42' },
  }),
  verify: ({ privateChallengeParameters, answer }) =>
    answer.trim() === privateChallengeParameters.answer,
};

let em: Emulator;
useEmulator((started) => (em = started), { customAuth: riddle });

describe('custom challenge sign-in', () => {
  it('shows the riddle, takes a wrong answer as "try again", and signs in with the right one (client with a secret)', async () => {
    const pool = await seedPool(em, {
      client: { secret: 'riddlesecret'.repeat(4) },
      users: [{ username: 'ria', password: PASSWORD, attributes: { email: 'ria@example.com' } }],
    });
    const engine = createEngine(em);
    const profileId = await engine.addProfile(pool, { authFlow: 'CUSTOM_AUTH' });

    const step = await engine.service.startSignIn(profileId, 'ria');
    expect(step).toMatchObject({
      kind: 'CUSTOM_CHALLENGE',
      challengeParameters: { question: QUESTION },
      fields: [{ name: 'answer', type: 'text', required: true }],
    });
    expect(step.sessionExpiresAt).toBeGreaterThan(em.clock.now());

    await expect(
      engine.service.respond(step.attemptId, { kind: 'CUSTOM_CHALLENGE', answer: '41' }),
    ).rejects.toMatchObject({ code: 'CUSTOM_ANSWER_REJECTED', field: 'answer' });
    // Still waiting for an answer, with the riddle the pool asked again.
    const state = await engine.service.authState();
    expect(state.attempt).toMatchObject({
      attemptId: step.attemptId,
      kind: 'CUSTOM_CHALLENGE',
      challengeParameters: { question: QUESTION },
    });

    const done = await engine.service.respond(step.attemptId, {
      kind: 'CUSTOM_CHALLENGE',
      answer: '42',
    });
    expect(done).toMatchObject({
      kind: 'SIGNED_IN',
      signedIn: { username: 'ria', email: 'ria@example.com' },
    });
    expect(await engine.secrets.get(secretKeys.tokens(profileId))).toBeDefined();
    await expect(engine.service.refresh(profileId)).resolves.toMatchObject({ username: 'ria' });
  });

  it('ends the sign-in with a clear message when the pool gives up after three wrong answers', async () => {
    const pool = await seedPool(em, { users: [{ username: 'rob', password: PASSWORD }] });
    const engine = createEngine(em);
    const profileId = await engine.addProfile(pool, { authFlow: 'CUSTOM_AUTH' });
    const step = await engine.service.startSignIn(profileId, 'rob');
    for (let i = 1; i < MAX_TRIES; i++) {
      await expect(
        engine.service.respond(step.attemptId, { kind: 'CUSTOM_CHALLENGE', answer: 'nope' }),
      ).rejects.toMatchObject({ code: 'CUSTOM_ANSWER_REJECTED' });
    }
    const last = engine.service.respond(step.attemptId, {
      kind: 'CUSTOM_CHALLENGE',
      answer: 'nope',
    });
    await expect(last).rejects.toMatchObject({
      code: 'CUSTOM_AUTH_FAILED',
      field: 'answer',
      message: expect.stringMatching(/ended this sign-in/),
    });
    await expect(engine.service.authState()).resolves.toEqual({ sessions: [] });
    // A new start works: nothing was locked or half-saved.
    const again = await engine.service.startSignIn(profileId, 'rob');
    await expect(
      engine.service.respond(again.attemptId, { kind: 'CUSTOM_CHALLENGE', answer: '42' }),
    ).resolves.toMatchObject({ kind: 'SIGNED_IN' });
  });

  it('reports a refused start on the username when the pool fails it at once', async () => {
    const pool = await seedPool(em, {
      client: { preventUserExistenceErrors: 'ENABLED' },
      users: [{ username: 'rex', password: PASSWORD }],
    });
    const engine = createEngine(em);
    const profileId = await engine.addProfile(pool, { authFlow: 'CUSTOM_AUTH' });
    await expect(engine.service.startSignIn(profileId, 'nobody')).rejects.toMatchObject({
      code: 'CUSTOM_AUTH_REFUSED',
      field: 'username',
    });
  });

  it('names the flow when the app client does not allow CUSTOM_AUTH', async () => {
    const pool = await seedPool(em, {
      client: { explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
      users: [{ username: 'ray', password: PASSWORD }],
    });
    const engine = createEngine(em);
    const profileId = await engine.addProfile(pool, { authFlow: 'CUSTOM_AUTH' });
    await expect(engine.service.startSignIn(profileId, 'ray')).rejects.toMatchObject({
      code: 'FLOW_NOT_ENABLED',
    });
  });
});
