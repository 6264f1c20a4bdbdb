import { recordAuthEvent } from './auth-events.js';
/** Issuing and checking Cognito's ID, access and refresh tokens. */
import type { Context } from './context.js';
import { epochSeconds } from './context.js';
import { notAuthorized } from './errors.js';
import { newDeviceGroupKey, newDeviceKey, newJti, newRefreshToken } from './ids.js';
import { peekClaims, signJwt, verifyJwt } from './jwt.js';
import { clearFailures } from './lockout.js';
import type { Claims } from './jwt.js';
import type { AppClient, Grant, Pool, User } from './model.js';
import { openSession, touchSession } from './user-sessions.js';

const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86_400 };

export const accessTokenSeconds = (c: AppClient) =>
  c.accessTokenValidity * UNIT_SECONDS[c.tokenValidityUnits.AccessToken]!;
export const idTokenSeconds = (c: AppClient) =>
  c.idTokenValidity * UNIT_SECONDS[c.tokenValidityUnits.IdToken]!;
export const refreshTokenSeconds = (c: AppClient) =>
  c.refreshTokenValidity * UNIT_SECONDS[c.tokenValidityUnits.RefreshToken]!;

export const issuer = (ctx: Context, pool: Pool) =>
  `https://cognito-idp.${ctx.region}.amazonaws.com/${pool.id}`;

export interface AuthenticationResult {
  AccessToken: string;
  IdToken: string;
  ExpiresIn: number;
  TokenType: 'Bearer';
  RefreshToken?: string;
  NewDeviceMetadata?: { DeviceKey: string; DeviceGroupKey: string };
}

function signTokens(ctx: Context, pool: Pool, client: AppClient, user: User, grant: Grant) {
  const now = epochSeconds(ctx.clock.now());
  const groups = user.groups.length ? { 'cognito:groups': [...user.groups] } : {};
  const eventId = newJti();
  const access: Claims = {
    sub: user.sub,
    ...groups,
    iss: issuer(ctx, pool),
    client_id: client.id,
    origin_jti: grant.originJti,
    event_id: eventId,
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    auth_time: grant.authTime,
    exp: now + accessTokenSeconds(client),
    iat: now,
    jti: newJti(),
    username: user.username,
    ...(grant.deviceKey ? { device_key: grant.deviceKey } : {}),
  };
  const attributes = Object.fromEntries(
    Object.entries(user.attributes).map(([k, v]) => [
      k,
      k.endsWith('_verified') ? v === 'true' : v,
    ]),
  );
  const id: Claims = {
    ...attributes,
    sub: user.sub,
    ...groups,
    iss: issuer(ctx, pool),
    'cognito:username': user.username,
    origin_jti: grant.originJti,
    aud: client.id,
    event_id: eventId,
    token_use: 'id',
    auth_time: grant.authTime,
    exp: now + idTokenSeconds(client),
    iat: now,
    jti: newJti(),
  };
  return {
    AccessToken: signJwt(pool.key, access),
    IdToken: signJwt(pool.key, id),
    ExpiresIn: accessTokenSeconds(client),
    TokenType: 'Bearer' as const,
  };
}

export function storeRefreshToken(ctx: Context, client: AppClient, grant: Grant): string {
  const token = newRefreshToken();
  ctx.store.state.refreshTokens[token] = {
    originJti: grant.originJti,
    expiresAt: ctx.clock.now() + refreshTokenSeconds(client) * 1000,
    replacedAt: null,
  };
  return token;
}

/**
 * The end of a successful sign-in: a new grant, its tokens, and a new device
 * when the pool tracks devices and the client did not present a known one.
 */
export function completeSignIn(
  ctx: Context,
  pool: Pool,
  client: AppClient,
  user: User,
  deviceKey: string | null,
): AuthenticationResult {
  const now = ctx.clock.now();
  let newDevice: AuthenticationResult['NewDeviceMetadata'];
  if (deviceKey) {
    const device = user.devices[deviceKey];
    if (device) device.lastAuthenticatedAt = now;
  } else if (pool.deviceConfiguration) {
    const device = { key: newDeviceKey(ctx.region), groupKey: newDeviceGroupKey() };
    user.devices[device.key] = {
      ...device,
      name: null,
      createdAt: now,
      modifiedAt: now,
      lastAuthenticatedAt: now,
      salt: null,
      verifier: null,
      remembered: false,
    };
    deviceKey = device.key;
    newDevice = { DeviceKey: device.key, DeviceGroupKey: device.groupKey };
  }
  clearFailures(user);
  recordAuthEvent(ctx, user, {
    type: 'SignIn',
    response: 'Pass',
    challenges: [{ ChallengeName: 'Password', ChallengeResponse: 'Success' }],
  });
  pruneExpired(ctx);
  const grant: Grant = {
    originJti: newJti(),
    poolId: pool.id,
    clientId: client.id,
    username: user.username,
    deviceKey,
    authTime: epochSeconds(now),
    revoked: false,
  };
  grant.session = openSession(ctx, grant);
  ctx.store.state.grants[grant.originJti] = grant;
  ctx.store.touch();
  return {
    ...signTokens(ctx, pool, client, user, grant),
    RefreshToken: storeRefreshToken(ctx, client, grant),
    ...(newDevice ? { NewDeviceMetadata: newDevice } : {}),
  };
}

export function refreshedTokens(
  ctx: Context,
  pool: Pool,
  client: AppClient,
  user: User,
  grant: Grant,
) {
  touchSession(ctx, grant);
  return signTokens(ctx, pool, client, user, grant);
}

export interface Caller {
  pool: Pool;
  user: User;
  grant: Grant;
  claims: Claims;
}

/** Authorizes a user-facing call by its AccessToken, as Cognito does. */
export function authenticateAccessToken(ctx: Context, token: string): Caller {
  const invalid = () => notAuthorized('Invalid Access Token');
  const peek = peekClaims(token);
  const iss = typeof peek?.iss === 'string' ? peek.iss : '';
  const pool = ctx.store.state.pools[iss.slice(iss.lastIndexOf('/') + 1)];
  if (!pool) throw invalid();
  const claims = verifyJwt(pool.key, token);
  if (!claims || claims.token_use !== 'access' || claims.iss !== issuer(ctx, pool)) throw invalid();
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= ctx.clock.now())
    throw notAuthorized('Access Token has expired');
  const grant = ctx.store.state.grants[String(claims.origin_jti)];
  if (!grant || grant.revoked) throw notAuthorized('Access Token has been revoked');
  const user = pool.users[String(claims.username)];
  if (!user || user.sub !== claims.sub) throw notAuthorized('User does not exist.');
  if (!user.enabled) throw notAuthorized('User is disabled.');
  return { pool, user, grant, claims };
}

/** Revokes every grant of one user: GlobalSignOut and AdminUserGlobalSignOut. */
export function revokeAllGrants(ctx: Context, poolId: string, username: string): void {
  for (const grant of Object.values(ctx.store.state.grants)) {
    if (grant.poolId === poolId && grant.username === username) grant.revoked = true;
  }
  ctx.store.touch();
}

/**
 * The live grant behind a refresh token issued to `client`. A token issued
 * through a confirmed device is bound to it: the refresh must name the same
 * DEVICE_KEY, as Cognito requires once a device is remembered.
 */
export function redeemRefreshToken(
  ctx: Context,
  pool: Pool,
  client: AppClient,
  token: string,
  deviceKey: string | undefined,
): { grant: Grant; user: User } {
  const invalid = () => notAuthorized('Invalid Refresh Token');
  const record = ctx.store.state.refreshTokens[token];
  const grant = record ? ctx.store.state.grants[record.originJti] : undefined;
  if (!record || !grant || grant.clientId !== client.id) throw invalid();
  const now = ctx.clock.now();
  if (grant.revoked) throw notAuthorized('Refresh Token has been revoked');
  if (record.expiresAt <= now) throw notAuthorized('Refresh Token has expired');
  if (
    record.replacedAt !== null &&
    record.replacedAt + client.rotation.retryGracePeriodSeconds * 1000 <= now
  )
    throw invalid();
  const user = pool.users[grant.username];
  if (!user) throw invalid();
  if (!user.enabled) throw notAuthorized('User is disabled.');
  const bound = grant.deviceKey ? user.devices[grant.deviceKey] : undefined;
  if (deviceKey !== undefined ? deviceKey !== grant.deviceKey : bound?.verifier) throw invalid();
  return { grant, user };
}

/** The longest an access or ID token can outlive the refresh token it came from. */
const MAX_ACCESS_TOKEN_MS = 86_400_000;

/**
 * Forgets refresh tokens once neither they nor any access token issued
 * through them can still be valid, and grants left with none.
 */
export function pruneExpired(ctx: Context): void {
  const { state } = ctx.store;
  const now = ctx.clock.now();
  const live = new Set<string>();
  for (const [token, record] of Object.entries(state.refreshTokens)) {
    if (record.expiresAt + MAX_ACCESS_TOKEN_MS <= now) delete state.refreshTokens[token];
    else live.add(record.originJti);
  }
  for (const jti of Object.keys(state.grants)) if (!live.has(jti)) delete state.grants[jti];
}
