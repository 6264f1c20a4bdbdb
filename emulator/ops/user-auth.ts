/**
 * USER_AUTH, choice-based sign-in: the user's first factor is chosen from
 * AvailableChallenges (SELECT_CHALLENGE), or taken from PREFERRED_CHALLENGE
 * when it is available. A password goes on to MFA as usual; a passwordless
 * factor (a code by email or SMS, a passkey) signs in without MFA, as in
 * Cognito.
 */
import type { Context } from '../context.js';
import { checkSecretHash, findUser, refuseUnknownUser } from '../directory.js';
import { incorrectCredentials, invalidParameter } from '../errors.js';
import { allowedFirstFactors } from '../factors.js';
import { newCode, opaqueToken } from '../ids.js';
import { verifyWithLockout } from '../lockout.js';
import type { AppClient, Pool, User } from '../model.js';
import type { AuthSession } from '../sessions.js';
import type { AuthResponse } from '../signin.js';
import { afterPassword, checkAccountUsable, openChallenge, presentedDevice } from '../signin.js';
import { maskDestination, passwordMatches } from '../users.js';
import { requiredParam } from '../validate.js';
import { startSrp } from './initiate-auth.js';

export type FirstChallenge = 'PASSWORD' | 'PASSWORD_SRP' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN';

const verified = (user: User, attr: 'email' | 'phone_number') =>
  user.attributes[attr] !== undefined && user.attributes[`${attr}_verified`] === 'true';

/** What this user can start with; an unknown user is offered what a typical one would be. */
export function availableChallenges(pool: Pool, user: User | undefined): FirstChallenge[] {
  const allowed = allowedFirstFactors(pool);
  const out: FirstChallenge[] = [];
  if (!user || user.password !== null) out.push('PASSWORD_SRP', 'PASSWORD');
  if (allowed.includes('EMAIL_OTP') && (!user || verified(user, 'email'))) out.push('EMAIL_OTP');
  if (allowed.includes('SMS_OTP') && user && verified(user, 'phone_number')) out.push('SMS_OTP');
  if (allowed.includes('WEB_AUTHN') && user?.passkeys?.length) out.push('WEB_AUTHN');
  return out;
}

type Responses = Record<string, string>;

interface Start {
  pool: Pool;
  client: AppClient;
  user: User | undefined;
  typed: string;
}

export function startUserAuth(
  ctx: Context,
  pool: Pool,
  client: AppClient,
  params: Responses,
): AuthResponse {
  const typed = requiredParam(params, 'USERNAME');
  checkSecretHash(client, typed, params.SECRET_HASH);
  const user = findUser(pool, typed);
  if (!user) refuseUnknownUser(client);
  const start: Start = { pool, client, user, typed };
  const available = availableChallenges(pool, user);
  const preferred = params.PREFERRED_CHALLENGE as FirstChallenge | undefined;
  if (preferred !== undefined && available.includes(preferred))
    return chooseFirst(ctx, start, preferred, params);
  const session = ctx.sessions.open(
    {
      poolId: pool.id,
      clientId: client.id,
      username: user?.username ?? typed,
      deviceKey: null,
      step: { kind: 'SELECT_CHALLENGE', options: available, known: user !== undefined },
    },
    client.authSessionValidityMinutes,
  );
  return {
    ChallengeName: 'SELECT_CHALLENGE',
    ChallengeParameters: {},
    AvailableChallenges: available,
    Session: session.id,
  };
}

export function answerSelectChallenge(
  ctx: Context,
  pool: Pool,
  client: AppClient,
  session: AuthSession,
  responses: Responses,
): AuthResponse {
  if (session.step.kind !== 'SELECT_CHALLENGE')
    throw invalidParameter('Session is not for SELECT_CHALLENGE');
  const answer = requiredParam(responses, 'ANSWER') as FirstChallenge;
  if (!session.step.options.includes(answer))
    throw invalidParameter(`ANSWER must be one of ${JSON.stringify(session.step.options)}`);
  const user = session.step.known ? pool.users[session.username] : undefined;
  ctx.sessions.end(session);
  return chooseFirst(ctx, { pool, client, user, typed: session.username }, answer, {
    ...responses,
    USERNAME: session.username,
  });
}

function chooseFirst(
  ctx: Context,
  start: Start,
  choice: FirstChallenge,
  params: Responses,
): AuthResponse {
  const { pool, client, user } = start;
  switch (choice) {
    case 'PASSWORD': {
      const password = requiredParam(params, 'PASSWORD');
      if (!user) throw incorrectCredentials();
      verifyWithLockout(ctx, user, () => passwordMatches(pool, user, password));
      checkAccountUsable(ctx, pool, user);
      return afterPassword(ctx, {
        pool,
        client,
        user,
        deviceKey: presentedDevice(user, params.DEVICE_KEY),
      });
    }
    case 'PASSWORD_SRP':
      return startSrp(ctx, pool, client, { ...params, USERNAME: user?.username ?? start.typed });
    case 'EMAIL_OTP':
    case 'SMS_OTP':
      return sendFirstFactorCode(ctx, start, choice);
    case 'WEB_AUTHN':
      if (!user) throw incorrectCredentials();
      checkAccountUsable(ctx, pool, user);
      return openChallenge(
        ctx,
        { pool, client, user, deviceKey: null },
        'WEB_AUTHN',
        { kind: 'WEB_AUTHN' },
        {
          CREDENTIAL_REQUEST_OPTIONS: JSON.stringify({
            challenge: opaqueToken(32),
            rpId: 'localhost',
            timeout: 180_000,
            userVerification: 'preferred',
            allowCredentials: (user.passkeys ?? []).map((p) => ({
              id: p.credentialId,
              type: 'public-key',
            })),
          }),
        },
      );
  }
}

function sendFirstFactorCode(
  ctx: Context,
  { pool, client, user, typed }: Start,
  type: 'EMAIL_OTP' | 'SMS_OTP',
): AuthResponse {
  const medium = type === 'EMAIL_OTP' ? 'EMAIL' : 'SMS';
  let code: string | null = null;
  let destination = type === 'EMAIL_OTP' ? `${typed[0] ?? 'u'}***@e***` : '+*******0000';
  if (user) {
    checkAccountUsable(ctx, pool, user);
    code = newCode();
    const address = type === 'EMAIL_OTP' ? user.attributes.email! : user.attributes.phone_number!;
    destination = maskDestination(address);
    ctx.outbox.deliver({
      at: ctx.clock.now(),
      poolId: pool.id,
      username: user.username,
      kind: type,
      medium,
      destination: address,
      code,
    });
  }
  // An unknown user (under ENABLED) gets the same challenge; no code can match it.
  const session = ctx.sessions.open(
    {
      poolId: pool.id,
      clientId: client.id,
      username: user?.username ?? typed,
      deviceKey: null,
      step: { kind: 'MFA', challenge: type, code },
    },
    client.authSessionValidityMinutes,
  );
  return {
    ChallengeName: type,
    ChallengeParameters: {
      CODE_DELIVERY_DELIVERY_MEDIUM: medium,
      CODE_DELIVERY_DESTINATION: destination,
    },
    Session: session.id,
  };
}
