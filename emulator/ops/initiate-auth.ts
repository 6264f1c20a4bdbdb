import { createHmac } from 'node:crypto';
import type { Context } from '../context.js';
import { checkSecretHash, findUser, getClient, refuseUnknownUser } from '../directory.js';
import { incorrectCredentials, invalidParameter, notAuthorized } from '../errors.js';
import { requireFlow } from '../flows.js';
import { opaqueToken } from '../ids.js';
import type { AppClient, Pool } from '../model.js';
import { afterPassword, checkAccountUsable, presentedDevice } from '../signin.js';
import type { AuthResponse } from '../signin.js';
import { N, newSalt, parseHex, serverEphemeral } from '../srp.js';
import { redeemRefreshToken, refreshedTokens } from '../tokens.js';
import { passwordMatches } from '../users.js';
import { verifyWithLockout } from '../lockout.js';
import type { Body } from '../validate.js';
import { CLIENT_ID, requiredEnum, requiredParam, requiredString, stringMap } from '../validate.js';
import { startCustomAuth } from './custom-challenge.js';
import { startUserAuth } from './user-auth.js';

const FLOWS = [
  'USER_SRP_AUTH',
  'USER_PASSWORD_AUTH',
  'REFRESH_TOKEN_AUTH',
  'REFRESH_TOKEN',
  'CUSTOM_AUTH',
  'ADMIN_USER_PASSWORD_AUTH',
  'ADMIN_NO_SRP_AUTH',
  'USER_AUTH',
] as const;

export function initiateAuth(ctx: Context, body: Body): AuthResponse | object {
  const flow = requiredEnum(body, 'AuthFlow', FLOWS);
  const { pool, client } = getClient(ctx, requiredString(body, 'ClientId', CLIENT_ID));
  const params = stringMap(body, 'AuthParameters');
  switch (flow) {
    case 'USER_SRP_AUTH':
      requireFlow(client, 'USER_SRP_AUTH');
      return startSrp(ctx, pool, client, params);
    case 'USER_PASSWORD_AUTH':
      requireFlow(client, 'USER_PASSWORD_AUTH');
      return passwordAuth(ctx, pool, client, params);
    case 'REFRESH_TOKEN_AUTH':
    case 'REFRESH_TOKEN':
      requireFlow(client, 'REFRESH_TOKEN_AUTH');
      return refreshAuth(ctx, pool, client, params);
    case 'CUSTOM_AUTH':
      requireFlow(client, 'CUSTOM_AUTH');
      return startCustomAuth(ctx, pool, client, params);
    case 'USER_AUTH':
      requireFlow(client, 'USER_AUTH');
      return startUserAuth(ctx, pool, client, params);
    case 'ADMIN_NO_SRP_AUTH':
    case 'ADMIN_USER_PASSWORD_AUTH':
      throw invalidParameter('Initiate Auth method not supported.');
    default:
      throw invalidParameter(`${flow} is not supported by InitiateAuth in this emulator`);
  }
}

type Params = Record<string, string>;

/**
 * USERNAME and the flow's proof of the password (SRP_A or PASSWORD), once the
 * client's SECRET_HASH over that username checks out.
 */
function proofForUser(
  client: AppClient,
  params: Params,
  proof: 'SRP_A' | 'PASSWORD',
): [username: string, proof: string] {
  const username = requiredParam(params, 'USERNAME');
  const value = requiredParam(params, proof);
  checkSecretHash(client, username, params.SECRET_HASH);
  return [username, value];
}

/**
 * Answers USER_SRP_AUTH with PASSWORD_VERIFIER. An unknown username gets a
 * challenge of the same shape, with a salt that is stable per name, so the
 * response never tells whether the user exists.
 */
export function startSrp(
  ctx: Context,
  pool: Pool,
  client: AppClient,
  params: Params,
): AuthResponse {
  const [username, srpA] = proofForUser(client, params, 'SRP_A');
  const A = parseHex(srpA);
  if (A === null || A % N === 0n) throw invalidParameter('SRP_A is not a valid SRP value');
  const user = findUser(pool, username);
  if (!user) refuseUnknownUser(client);
  const known = user !== undefined && user.password !== null;
  const salt = known ? BigInt(`0x${user.password!.salt}`) : fakeSalt(pool, username);
  const verifier = known ? BigInt(`0x${user.password!.verifier}`) : newSalt();
  const eph = serverEphemeral(verifier);
  const userIdForSrp = known ? user.username : username;
  const secretBlock = opaqueToken(724);
  const session = ctx.sessions.open(
    {
      poolId: pool.id,
      clientId: client.id,
      username: userIdForSrp,
      deviceKey: null,
      step: {
        kind: 'PASSWORD_VERIFIER',
        eph,
        A,
        secretBlock,
        userIdForSrp,
        known,
      },
    },
    client.authSessionValidityMinutes,
  );
  return {
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeParameters: {
      SALT: salt.toString(16),
      SECRET_BLOCK: secretBlock,
      SRP_B: eph.B.toString(16),
      USERNAME: userIdForSrp,
      USER_ID_FOR_SRP: userIdForSrp,
    },
    Session: session.id,
  };
}

const fakeSalt = (pool: Pool, username: string) =>
  BigInt(`0x${createHmac('sha256', pool.key.kid).update(username).digest('hex').slice(0, 32)}`);

function passwordAuth(ctx: Context, pool: Pool, client: AppClient, params: Params): AuthResponse {
  const [username, password] = proofForUser(client, params, 'PASSWORD');
  const user = findUser(pool, username);
  if (!user) {
    refuseUnknownUser(client);
    throw incorrectCredentials();
  }
  verifyWithLockout(ctx, user, () => passwordMatches(pool, user, password));
  checkAccountUsable(ctx, pool, user);
  return afterPassword(ctx, {
    pool,
    client,
    user,
    deviceKey: presentedDevice(user, params.DEVICE_KEY),
  });
}

function refreshAuth(ctx: Context, pool: Pool, client: AppClient, params: Params) {
  const token = requiredParam(params, 'REFRESH_TOKEN');
  if (client.rotation.enabled) {
    throw notAuthorized(
      'Refresh token rotation is enabled for this app client; use GetTokensFromRefreshToken.',
    );
  }
  const { grant, user } = redeemRefreshToken(ctx, pool, client, token, params.DEVICE_KEY);
  checkSecretHash(client, params.USERNAME ?? user.username, params.SECRET_HASH);
  if (params.USERNAME !== undefined && findUser(pool, params.USERNAME) !== user)
    throw notAuthorized('Invalid Refresh Token');
  return {
    ChallengeParameters: {},
    AuthenticationResult: refreshedTokens(ctx, pool, client, user, grant),
  };
}
