/** Admin user management (SigV4). */
import { randomInt } from 'node:crypto';
import type { Context } from '../context.js';
import { clearFailures } from '../lockout.js';
import { epochSeconds } from '../context.js';
import { findUser, getPool, requireUser } from '../directory.js';
import { CognitoError, invalidParameter } from '../errors.js';
import type { Pool, User } from '../model.js';
import { revokeAllGrants } from '../tokens.js';
import {
  attributeList,
  checkPasswordPolicy,
  mfaView,
  newUser,
  setPassword,
  userSummary,
} from '../users.js';
import type { Body } from '../validate.js';
import {
  attributeList as readAttributes,
  optionalBoolean,
  optionalEnum,
  optionalInteger,
  optionalString,
  optionalStringList,
  POOL_ID,
  requiredString,
} from '../validate.js';
import { page } from './paging.js';
import { sendResetCode } from './passwords.js';

const USERNAME = { min: 1, max: 128, pattern: /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u };
const PASSWORD = { min: 1, max: 256 };

const target = (ctx: Context, body: Body): { pool: Pool; user: User } => {
  const pool = getPool(ctx, requiredString(body, 'UserPoolId', POOL_ID));
  return { pool, user: requireUser(pool, requiredString(body, 'Username', USERNAME)) };
};

/** A temporary password that satisfies the pool's policy. */
function generatedPassword(pool: Pool): string {
  const pick = (set: string) => set[randomInt(set.length)]!;
  const all = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  let out = `${pick('ABCDEFGHJKLMNPQRSTUVWXYZ')}${pick('abcdefghijkmnopqrstuvwxyz')}${pick('23456789')}${pick('!#%+=-')}`;
  while (out.length < Math.max(12, pool.passwordPolicy.MinimumLength)) out += pick(all);
  return out;
}

/**
 * The internal username for a new user: the name itself, or a fresh UUID in
 * pools that sign in by email or phone (UsernameAttributes), where the name
 * given becomes that attribute.
 */
export function placeUsername(
  pool: Pool,
  name: string,
  attributes: Record<string, string>,
): { username: string | null; attributes: Record<string, string> } {
  if (!pool.usernameAttributes.length) return { username: name, attributes };
  const attr = name.includes('@') ? 'email' : name.startsWith('+') ? 'phone_number' : null;
  if (!attr || !pool.usernameAttributes.includes(attr))
    throw invalidParameter('Username should be either an email or a phone number.');
  return { username: null, attributes: { ...attributes, [attr]: name } };
}

function deliverTemporaryPassword(
  ctx: Context,
  pool: Pool,
  user: User,
  password: string,
  mediums: string[],
): void {
  for (const medium of mediums) {
    const destination = medium === 'EMAIL' ? user.attributes.email : user.attributes.phone_number;
    if (!destination) continue;
    ctx.outbox.deliver({
      at: ctx.clock.now(),
      poolId: pool.id,
      username: user.username,
      kind: 'TEMPORARY_PASSWORD',
      medium: medium as 'SMS' | 'EMAIL',
      destination,
      code: password,
    });
  }
}

export function adminCreateUser(ctx: Context, body: Body) {
  const pool = getPool(ctx, requiredString(body, 'UserPoolId', POOL_ID));
  const name = requiredString(body, 'Username', USERNAME);
  const action = optionalEnum(body, 'MessageAction', ['RESEND', 'SUPPRESS']);
  const mediums = optionalStringList(body, 'DesiredDeliveryMediums') ?? ['SMS'];
  const given = optionalString(body, 'TemporaryPassword', PASSWORD);
  const now = ctx.clock.now();
  if (action === 'RESEND') {
    const user = requireUser(pool, name);
    if (user.status !== 'FORCE_CHANGE_PASSWORD')
      throw new CognitoError(
        'UnsupportedUserStateException',
        'Resend not possible. User is not in FORCE_CHANGE_PASSWORD state.',
      );
    const password = given ?? generatedPassword(pool);
    setPassword(pool, user, password, true, now);
    deliverTemporaryPassword(ctx, pool, user, password, mediums);
    ctx.store.touch();
    return { User: userSummary(user) };
  }
  const placed = placeUsername(pool, name, readAttributes(body, 'UserAttributes'));
  if (findUser(pool, name) || (placed.username && pool.users[placed.username]))
    throw new CognitoError('UsernameExistsException', 'User account already exists');
  const password = given ?? generatedPassword(pool);
  checkPasswordPolicy(pool.passwordPolicy, password);
  const user = newUser(placed.username ?? '', placed.attributes, 'FORCE_CHANGE_PASSWORD', now);
  if (placed.username === null) user.username = user.sub;
  setPassword(pool, user, password, true, now);
  pool.users[user.username] = user;
  if (action !== 'SUPPRESS') deliverTemporaryPassword(ctx, pool, user, password, mediums);
  ctx.store.touch();
  return { User: userSummary(user) };
}

export function adminSetUserPassword(ctx: Context, body: Body) {
  const password = requiredString(body, 'Password', PASSWORD);
  const permanent = optionalBoolean(body, 'Permanent') ?? false;
  const { pool, user } = target(ctx, body);
  checkPasswordPolicy(pool.passwordPolicy, password);
  setPassword(pool, user, password, !permanent, ctx.clock.now());
  user.status = permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD';
  clearFailures(user);
  ctx.store.touch();
  return {};
}

export function adminGetUser(ctx: Context, body: Body) {
  const { user } = target(ctx, body);
  return {
    Username: user.username,
    UserAttributes: attributeList(user),
    UserCreateDate: epochSeconds(user.createdAt),
    UserLastModifiedDate: epochSeconds(user.modifiedAt),
    Enabled: user.enabled,
    UserStatus: user.status,
    ...mfaView(user),
  };
}

const FILTERABLE = [
  'username',
  'email',
  'phone_number',
  'name',
  'given_name',
  'family_name',
  'preferred_username',
  'cognito:user_status',
  'status',
  'sub',
];

/** ListUsers' Filter: `name = "value"` or `name ^= "prefix"`. */
function parseFilter(filter: string): (u: User) => boolean {
  const m = /^\s*([\w:]+)\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(filter);
  if (!m) throw invalidParameter('Error while parsing filter.');
  const [, name, op, raw] = m as unknown as [string, string, string, string];
  if (!FILTERABLE.includes(name)) throw invalidParameter(`Invalid search attribute: ${name}`);
  const wanted = raw.replace(/\\(.)/g, '$1');
  const valueOf = (u: User) =>
    name === 'username'
      ? u.username
      : name === 'cognito:user_status'
        ? u.status
        : name === 'status'
          ? u.enabled
            ? 'Enabled'
            : 'Disabled'
          : u.attributes[name];
  // AWS documents cognito:user_status as the one case-insensitive filter.
  const fold = name === 'cognito:user_status' ? (s: string) => s.toLowerCase() : (s: string) => s;
  return (u) => {
    const v = valueOf(u);
    if (v === undefined) return false;
    return op === '=' ? fold(v) === fold(wanted) : fold(v).startsWith(fold(wanted));
  };
}

export function listUsers(ctx: Context, body: Body) {
  const pool = getPool(ctx, requiredString(body, 'UserPoolId', POOL_ID));
  const only = optionalStringList(body, 'AttributesToGet');
  const filter = optionalString(body, 'Filter', { max: 256 });
  const matching = Object.values(pool.users)
    .filter(filter?.trim() ? parseFilter(filter) : () => true)
    .sort((a, b) => a.createdAt - b.createdAt);
  const { items, next } = page(
    matching,
    optionalInteger(body, 'Limit', 0, 60) ?? 60,
    optionalString(body, 'PaginationToken'),
  );
  return {
    Users: items.map((u) => userSummary(u, only)),
    ...(next ? { PaginationToken: next } : {}),
  };
}

export function adminDeleteUser(ctx: Context, body: Body) {
  const { pool, user } = target(ctx, body);
  revokeAllGrants(ctx, pool.id, user.username);
  delete pool.users[user.username];
  ctx.store.touch();
  return {};
}

function setEnabled(ctx: Context, body: Body, enabled: boolean) {
  const { user } = target(ctx, body);
  user.enabled = enabled;
  user.modifiedAt = ctx.clock.now();
  ctx.store.touch();
  return {};
}

export const adminDisableUser = (ctx: Context, body: Body) => setEnabled(ctx, body, false);
export const adminEnableUser = (ctx: Context, body: Body) => setEnabled(ctx, body, true);

export function adminResetUserPassword(ctx: Context, body: Body) {
  const { pool, user } = target(ctx, body);
  sendResetCode(ctx, pool, user);
  user.status = 'RESET_REQUIRED';
  ctx.store.touch();
  return {};
}

export function adminUserGlobalSignOut(ctx: Context, body: Body) {
  const { pool, user } = target(ctx, body);
  revokeAllGrants(ctx, pool.id, user.username);
  return {};
}

/** Attributes Cognito itself maintains; AdminUpdateUserAttributes refuses them. */
const READ_ONLY = new Set(['sub', 'identities', 'cognito:user_status', 'cognito:mfa_enabled']);
const VERIFIED_FLAG: Record<string, string> = {
  email: 'email_verified',
  phone_number: 'phone_number_verified',
};

export function adminUpdateUserAttributes(ctx: Context, body: Body) {
  const changes = readAttributes(body, 'UserAttributes');
  if (body.UserAttributes === undefined || body.UserAttributes === null)
    throw invalidParameter(
      "1 validation error detected: Value null at 'userAttributes' failed to satisfy constraint: Member must not be null",
    );
  const { pool, user } = target(ctx, body);
  for (const name of Object.keys(changes)) {
    if (READ_ONLY.has(name))
      throw invalidParameter(`Cannot modify the non-mutable attribute ${name}`);
    const schema = pool.schema.find((a) => a.Name === name || `custom:${a.Name}` === name);
    if (name.startsWith('custom:') && !schema)
      throw invalidParameter(`Attribute does not exist in the schema.`);
    if (schema && !schema.Mutable)
      throw invalidParameter(`Cannot modify the non-mutable attribute ${name}`);
  }
  for (const [name, value] of Object.entries(changes)) {
    if (value === '') delete user.attributes[name];
    else {
      const flag = VERIFIED_FLAG[name];
      if (flag && user.attributes[name] !== value && changes[flag] === undefined)
        user.attributes[flag] = 'false';
      user.attributes[name] = value;
    }
  }
  user.modifiedAt = ctx.clock.now();
  ctx.store.touch();
  return {};
}

/** The lost-phone reset: the TOTP factor goes, so the user can associate a new one. */
export function adminDeleteSoftwareToken(ctx: Context, body: Body) {
  const { user } = target(ctx, body);
  user.totp = { secret: null, pendingSecret: null };
  user.mfaEnabled = user.mfaEnabled.filter((t) => t !== 'SOFTWARE_TOKEN_MFA');
  if (user.mfaPreferred === 'SOFTWARE_TOKEN_MFA') user.mfaPreferred = null;
  user.modifiedAt = ctx.clock.now();
  ctx.store.touch();
  return {};
}
