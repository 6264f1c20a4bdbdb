/**
 * Cognito Identity (identity pools): GetId and GetCredentialsForIdentity for
 * users signed in to one of the emulator's user pools. The ID token in
 * `Logins` is checked as Cognito Identity checks it: signature by the user
 * pool's key, issuer equal to the provider name, audience one of the
 * identity pool's app clients, not expired. The credentials are random and
 * expire after an hour; nothing in the emulator accepts them for signing.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { Context } from '../context.js';
import { epochSeconds } from '../context.js';
import { invalidParameter, notAuthorized, resourceNotFound } from '../errors.js';
import { peekClaims, verifyJwt } from '../jwt.js';
import type { IdentityPool } from '../model.js';
import type { Body } from '../validate.js';
import { requiredString } from '../validate.js';

export const IDENTITY_POOL_ID = /^[\w-]+:[0-9a-f-]+$/;
export const CREDENTIALS_SECONDS = 3600;

const invalidLogin = (why: string) => notAuthorized(`Invalid login token. ${why}`);

export function identityPools(ctx: Context): Record<string, IdentityPool> {
  ctx.store.state.identityPools ??= {};
  return ctx.store.state.identityPools;
}

function findIdentityPool(ctx: Context, id: string): IdentityPool {
  const pool = identityPools(ctx)[id];
  if (!pool) throw resourceNotFound(`IdentityPool '${id}' not found.`);
  return pool;
}

function loginsOf(body: Body): Record<string, string> {
  const logins = body.Logins;
  if (logins === undefined || logins === null) return {};
  if (typeof logins !== 'object' || Array.isArray(logins))
    throw invalidParameter('Logins must be a map of provider names to tokens.');
  for (const value of Object.values(logins)) {
    if (typeof value !== 'string')
      throw invalidParameter('Logins must be a map of provider names to tokens.');
  }
  return logins as Record<string, string>;
}

/** The login keys ("<provider>|<sub>") the tokens prove; throws on any token that fails. */
function verifyLogins(ctx: Context, pool: IdentityPool, logins: Record<string, string>): string[] {
  const entries = Object.entries(logins);
  if (entries.length === 0)
    throw notAuthorized('Unauthenticated access is not supported for this identity pool.');
  return entries.map(([providerName, token]) => {
    const clients = pool.providers
      .filter((p) => p.providerName === providerName)
      .map((p) => p.clientId);
    if (clients.length === 0)
      throw notAuthorized('Token is not from a supported provider of this identity pool.');
    const userPool = ctx.store.state.pools[providerName.slice(providerName.lastIndexOf('/') + 1)];
    const peek = peekClaims(token);
    if (!peek) throw invalidLogin('Not a valid OpenId Connect identity token.');
    if (peek.iss !== `https://${providerName}`)
      throw invalidLogin("Issuer doesn't match providerName");
    const claims = userPool ? verifyJwt(userPool.key, token) : null;
    if (!claims) throw invalidLogin("Couldn't verify signed token.");
    if (claims.token_use !== 'id') throw invalidLogin('Not a valid OpenId Connect identity token.');
    const now = epochSeconds(ctx.clock.now());
    if (typeof claims.exp !== 'number' || claims.exp <= now)
      throw invalidLogin(`Token expired: ${String(claims.exp)} >= ${now}`);
    if (typeof claims.aud !== 'string' || !clients.includes(claims.aud))
      throw invalidLogin('Incorrect token audience.');
    return `${providerName}|${String(claims.sub)}`;
  });
}

export function getId(ctx: Context, body: Body): object {
  const poolId = requiredString(body, 'IdentityPoolId', {
    min: 1,
    max: 55,
    pattern: IDENTITY_POOL_ID,
  });
  const pool = findIdentityPool(ctx, poolId);
  const logins = verifyLogins(ctx, pool, loginsOf(body));
  const existing = Object.entries(pool.identities).find(([, identity]) =>
    identity.logins.some((login) => logins.includes(login)),
  );
  if (existing) return { IdentityId: existing[0] };
  const identityId = `${poolId.slice(0, poolId.indexOf(':'))}:${randomUUID()}`;
  pool.identities[identityId] = { logins, createdAt: ctx.clock.now() };
  ctx.store.touch();
  return { IdentityId: identityId };
}

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function getCredentialsForIdentity(ctx: Context, body: Body): object {
  const identityId = requiredString(body, 'IdentityId', {
    min: 1,
    max: 55,
    pattern: IDENTITY_POOL_ID,
  });
  const pool = Object.values(identityPools(ctx)).find((p) => p.identities[identityId]);
  const identity = pool?.identities[identityId];
  if (!pool || !identity) throw resourceNotFound(`Identity '${identityId}' not found.`);
  const logins = verifyLogins(ctx, pool, loginsOf(body));
  if (!logins.some((login) => identity.logins.includes(login))) {
    throw notAuthorized(
      "Logins don't match. Please include at least one valid login for this identity or identity pool.",
    );
  }
  if (body.CustomRoleArn !== undefined)
    throw invalidParameter('CustomRoleArn is not supported by this emulator.');
  let keyId = 'ASIA';
  for (let i = 0; i < 16; i++) keyId += UPPER_ALNUM[randomInt(UPPER_ALNUM.length)];
  return {
    IdentityId: identityId,
    Credentials: {
      AccessKeyId: keyId,
      SecretKey: randomBytes(30).toString('base64'),
      SessionToken: randomBytes(96).toString('base64'),
      Expiration: epochSeconds(ctx.clock.now()) + CREDENTIALS_SECONDS,
    },
  };
}
