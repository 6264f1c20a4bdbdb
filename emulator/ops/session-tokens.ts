/** The signed-in user's own calls: profile, sign-out, revocation and refresh. */
import { timingSafeEqual } from 'node:crypto';
import type { Context } from '../context.js';
import { getClient } from '../directory.js';
import { CognitoError, notAuthorized } from '../errors.js';
import type { AppClient } from '../model.js';
import {
  authenticateAccessToken,
  redeemRefreshToken,
  refreshedTokens,
  revokeAllGrants,
  storeRefreshToken,
} from '../tokens.js';
import { attributeList, mfaView } from '../users.js';
import type { Body } from '../validate.js';
import { CLIENT_ID, optionalString, requiredString } from '../validate.js';

export function getUser(ctx: Context, body: Body) {
  const { user } = authenticateAccessToken(ctx, requiredString(body, 'AccessToken'));
  return { Username: user.username, UserAttributes: attributeList(user), ...mfaView(user) };
}

export function globalSignOut(ctx: Context, body: Body) {
  const { pool, user } = authenticateAccessToken(ctx, requiredString(body, 'AccessToken'));
  revokeAllGrants(ctx, pool.id, user.username);
  return {};
}

/** Calls that take ClientSecret itself rather than a SECRET_HASH. */
function checkClientSecret(client: AppClient, given: string | undefined): void {
  if (client.secret === null) return;
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(client.secret);
  if (a.length !== b.length || !timingSafeEqual(a, b))
    throw notAuthorized(`Unable to verify secret for client ${client.id}`);
}

export function revokeToken(ctx: Context, body: Body) {
  const token = requiredString(body, 'Token');
  const { client } = getClient(ctx, requiredString(body, 'ClientId', CLIENT_ID));
  checkClientSecret(client, optionalString(body, 'ClientSecret'));
  if (!client.enableTokenRevocation)
    throw new CognitoError(
      'UnsupportedOperationException',
      'Token revocation is not enabled for this app client.',
    );
  if (token.split('.').length === 3)
    throw new CognitoError('UnsupportedTokenTypeException', 'Only refresh tokens can be revoked.');
  const record = ctx.store.state.refreshTokens[token];
  const grant = record && ctx.store.state.grants[record.originJti];
  // An unknown token is already as revoked as it can be; AWS answers success.
  if (!grant) return {};
  if (grant.clientId !== client.id)
    throw new CognitoError(
      'UnauthorizedException',
      'The refresh token was not issued to this app client.',
    );
  grant.revoked = true;
  ctx.store.touch();
  return {};
}

/** Refresh that can rotate: with rotation on, a new refresh token replaces the old. */
export function getTokensFromRefreshToken(ctx: Context, body: Body) {
  const token = requiredString(body, 'RefreshToken');
  const { pool, client } = getClient(ctx, requiredString(body, 'ClientId', CLIENT_ID));
  checkClientSecret(client, optionalString(body, 'ClientSecret'));
  const { grant, user } = redeemRefreshToken(
    ctx,
    pool,
    client,
    token,
    optionalString(body, 'DeviceKey'),
  );
  const result = refreshedTokens(ctx, pool, client, user, grant);
  if (!client.rotation.enabled) return { AuthenticationResult: result };
  const record = ctx.store.state.refreshTokens[token]!;
  record.replacedAt ??= ctx.clock.now();
  ctx.store.touch();
  return {
    AuthenticationResult: { ...result, RefreshToken: storeRefreshToken(ctx, client, grant) },
  };
}
