/** Token sessions and sign-in factors, for the user (AccessToken) and for admins (SigV4). */
import type { Context } from '../context.js';
import { getPool, requireUser } from '../directory.js';
import { invalidParameter, resourceNotFound } from '../errors.js';
import { configuredFactors } from '../factors.js';
import type { Grant, Pool, TokenSession, User } from '../model.js';
import { authenticateAccessToken } from '../tokens.js';
import { liveGrants, sessionView } from '../user-sessions.js';
import { mfaView } from '../users.js';
import type { Body } from '../validate.js';
import { optionalEnum, optionalString, POOL_ID, requiredString } from '../validate.js';
import { page } from './paging.js';

const SESSION_ID = { min: 28, max: 28, pattern: /^(tkn|sso)[a-z0-9]{25}$/ };
const USERNAME = { min: 1, max: 128 };
const PAGE_SIZE = 20;

type Tracked = Grant & { session: TokenSession };
const tracked = (g: Grant): g is Tracked => g.session !== undefined;

function listSessions(ctx: Context, pool: Pool, user: User, body: Body, currentJti: string | null) {
  const all = liveGrants(ctx, pool.id, user.username).filter(tracked);
  const { items, next } = page(all, PAGE_SIZE, optionalString(body, 'NextToken'));
  return {
    Sessions: items.map((g) => sessionView(g, g.originJti === currentJti)),
    ...(next ? { NextToken: next } : {}),
  };
}

function revokeSession(
  ctx: Context,
  pool: Pool,
  user: User,
  body: Body,
  currentJti: string | null,
) {
  const id = requiredString(body, 'SessionId', SESSION_ID);
  optionalEnum(body, 'RevokeAssociatedSessions', ['NONE', 'LINKED']);
  const grant = liveGrants(ctx, pool.id, user.username)
    .filter(tracked)
    .find((g) => g.session.id === id);
  if (!grant) throw resourceNotFound('Session not found.');
  if (grant.originJti === currentJti)
    throw invalidParameter('The current session cannot be revoked with RevokeUserSession.');
  grant.revoked = true;
  ctx.store.touch();
  return {};
}

const factorsView = (pool: Pool, user: User) => ({
  Username: user.username,
  ...mfaView(user),
  ConfiguredUserAuthFactors: configuredFactors(pool, user),
});

const caller = (ctx: Context, body: Body) =>
  authenticateAccessToken(ctx, requiredString(body, 'AccessToken'));

function adminTarget(ctx: Context, body: Body) {
  const pool = getPool(ctx, requiredString(body, 'UserPoolId', POOL_ID));
  return { pool, user: requireUser(pool, requiredString(body, 'Username', USERNAME)) };
}

export function listUserSessions(ctx: Context, body: Body) {
  const { pool, user, grant } = caller(ctx, body);
  return listSessions(ctx, pool, user, body, grant.originJti);
}

export function revokeUserSession(ctx: Context, body: Body) {
  const { pool, user, grant } = caller(ctx, body);
  return revokeSession(ctx, pool, user, body, grant.originJti);
}

export function adminListUserSessions(ctx: Context, body: Body) {
  const { pool, user } = adminTarget(ctx, body);
  return listSessions(ctx, pool, user, body, null);
}

export function adminRevokeUserSession(ctx: Context, body: Body) {
  const { pool, user } = adminTarget(ctx, body);
  return revokeSession(ctx, pool, user, body, null);
}

export function getUserAuthFactors(ctx: Context, body: Body) {
  const { pool, user } = caller(ctx, body);
  return factorsView(pool, user);
}

export function adminGetUserAuthFactors(ctx: Context, body: Body) {
  const { pool, user } = adminTarget(ctx, body);
  return factorsView(pool, user);
}
