/** CUSTOM_AUTH driven by the in-process CustomAuthHook. */
import type { Context } from '../context.js';
import type { CustomAuthInput, CustomAuthRound } from '../custom-auth.js';
import { checkSecretHash, findUser, refuseUnknownUser } from '../directory.js';
import { incorrectCredentials, invalidParameter } from '../errors.js';
import type { AppClient, Pool } from '../model.js';
import type { AuthSession } from '../sessions.js';
import type { AuthResponse } from '../signin.js';
import { checkAccountUsable, presentedDevice, tokens } from '../signin.js';
import { requiredParam } from '../validate.js';

function hook(ctx: Context) {
  if (!ctx.customAuth)
    throw invalidParameter('Custom auth lambda trigger is not configured for the user pool.');
  return ctx.customAuth;
}

function nextRound(
  ctx: Context,
  pool: Pool,
  client: AppClient,
  username: string,
  known: boolean,
  rounds: CustomAuthRound[],
): AuthResponse {
  const input: CustomAuthInput = { poolId: pool.id, username, userExists: known, rounds };
  const decision = hook(ctx).define(input);
  if (decision.failAuthentication || (decision.issueTokens && !known)) throw incorrectCredentials();
  if (decision.issueTokens) {
    const user = pool.users[username]!;
    checkAccountUsable(ctx, pool, user);
    return tokens(ctx, { pool, client, user, deviceKey: null });
  }
  const created = hook(ctx).create(input);
  const session = ctx.sessions.open(
    {
      poolId: pool.id,
      clientId: client.id,
      username,
      deviceKey: null,
      step: {
        kind: 'CUSTOM_CHALLENGE',
        known,
        rounds,
        privateParameters: created.privateChallengeParameters,
      },
    },
    client.authSessionValidityMinutes,
  );
  return {
    ChallengeName: 'CUSTOM_CHALLENGE',
    ChallengeParameters: { ...created.publicChallengeParameters, USERNAME: username },
    Session: session.id,
  };
}

export function startCustomAuth(
  ctx: Context,
  pool: Pool,
  client: AppClient,
  params: Record<string, string>,
): AuthResponse {
  hook(ctx);
  const typed = requiredParam(params, 'USERNAME');
  checkSecretHash(client, typed, params.SECRET_HASH);
  if (params.SRP_A !== undefined)
    throw invalidParameter('CUSTOM_AUTH with SRP_A is not supported by this emulator; omit SRP_A');
  const user = findUser(pool, typed);
  if (!user) refuseUnknownUser(client);
  if (user && params.DEVICE_KEY) presentedDevice(user, params.DEVICE_KEY);
  return nextRound(ctx, pool, client, user?.username ?? typed, user !== undefined, []);
}

export function answerCustomChallenge(
  ctx: Context,
  pool: Pool,
  client: AppClient,
  session: AuthSession,
  responses: Record<string, string>,
): AuthResponse {
  if (session.step.kind !== 'CUSTOM_CHALLENGE')
    throw invalidParameter('Session is not for CUSTOM_CHALLENGE');
  const answer = requiredParam(responses, 'ANSWER');
  const { known, rounds, privateParameters } = session.step;
  ctx.sessions.end(session);
  const input = { poolId: pool.id, username: session.username, userExists: known, rounds };
  const result =
    known && hook(ctx).verify({ ...input, privateChallengeParameters: privateParameters, answer });
  return nextRound(ctx, pool, client, session.username, known, [
    ...rounds,
    { challengeName: 'CUSTOM_CHALLENGE', challengeResult: result },
  ]);
}
