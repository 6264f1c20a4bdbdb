/** Finding pools, app clients and users, and checking SECRET_HASH. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Context } from './context.js';
import { CognitoError, notAuthorized, resourceNotFound } from './errors.js';
import type { AppClient, Pool, User } from './model.js';

export function getPool(ctx: Context, poolId: string): Pool {
  const pool = ctx.store.state.pools[poolId];
  if (!pool) throw resourceNotFound(`User pool ${poolId} does not exist.`);
  return pool;
}

export function getClient(ctx: Context, clientId: string): { pool: Pool; client: AppClient } {
  for (const pool of Object.values(ctx.store.state.pools)) {
    const client = pool.clients[clientId];
    if (client) return { pool, client };
  }
  throw resourceNotFound(`User pool client ${clientId} does not exist.`);
}

/** The part of the pool id after the region, which SRP hashes with the username. */
export const poolName = (pool: Pool) => pool.id.slice(pool.id.indexOf('_') + 1);

const ALIAS_NEEDS_VERIFICATION: Record<string, string> = {
  email: 'email_verified',
  phone_number: 'phone_number_verified',
};

/**
 * The user a sign-in name refers to: the username itself, or an email, phone
 * number or preferred_username the pool accepts in its place. An alias
 * (AliasAttributes) counts only once verified; a UsernameAttributes value
 * always does.
 */
export function findUser(pool: Pool, name: string): User | undefined {
  const same = (a: string, b: string) =>
    pool.caseSensitive ? a === b : a.toLowerCase() === b.toLowerCase();
  const direct =
    pool.users[name] ??
    (pool.caseSensitive
      ? undefined
      : Object.values(pool.users).find((u) => same(u.username, name)));
  if (direct) return direct;
  for (const user of Object.values(pool.users)) {
    for (const attr of pool.usernameAttributes)
      if (user.attributes[attr] !== undefined && same(user.attributes[attr], name)) return user;
    for (const attr of pool.aliasAttributes) {
      const value = user.attributes[attr];
      const flag = ALIAS_NEEDS_VERIFICATION[attr];
      if (
        value !== undefined &&
        same(value, name) &&
        (flag === undefined || user.attributes[flag] === 'true')
      )
        return user;
    }
  }
  return undefined;
}

export const userNotFound = () => new CognitoError('UserNotFoundException', 'User does not exist.');

/**
 * For a name that matches no user: under PreventUserExistenceErrors LEGACY
 * (the API's default) Cognito says so; under ENABLED the caller goes on with
 * an answer that looks like a real user's.
 */
export function refuseUnknownUser(client: AppClient): void {
  if (client.preventUserExistenceErrors === 'LEGACY') throw userNotFound();
}

export function requireUser(pool: Pool, name: string): User {
  const user = findUser(pool, name);
  if (!user) throw userNotFound();
  return user;
}

export const secretHash = (secret: string, username: string, clientId: string) =>
  createHmac('sha256', secret)
    .update(username + clientId)
    .digest('base64');

/** Enforces SECRET_HASH when the client has a secret, with Cognito's messages. */
export function checkSecretHash(
  client: AppClient,
  username: string,
  given: string | undefined,
): void {
  if (client.secret === null) return;
  if (given === undefined || given === '') {
    throw notAuthorized(
      `Client ${client.id} is configured with secret but SECRET_HASH was not received`,
    );
  }
  const expected = Buffer.from(secretHash(client.secret, username, client.id));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    throw notAuthorized(`Unable to verify secret hash for client ${client.id}`);
  }
}
