/** User pool groups (SigV4): create, list, membership. */
import type { Context } from '../context.js';
import { epochSeconds } from '../context.js';
import { getPool, requireUser } from '../directory.js';
import { CognitoError, resourceNotFound } from '../errors.js';
import type { Group, Pool } from '../model.js';
import { dict } from '../model.js';
import type { Body } from '../validate.js';
import { optionalInteger, optionalString, POOL_ID, requiredString } from '../validate.js';
import { page } from './paging.js';

const GROUP_NAME = { min: 1, max: 128, pattern: /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u };
const USERNAME = { min: 1, max: 128, pattern: /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u };
const ROLE_ARN = {
  min: 20,
  max: 2048,
  pattern:
    /^arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?$/,
};

export const poolGroups = (pool: Pool): Record<string, Group> => (pool.groups ??= dict());

/** Creates a pool's record of a group a seed user names, so it lists like one made by CreateGroup. */
export function ensureGroup(pool: Pool, name: string, now: number): void {
  poolGroups(pool)[name] ??= {
    name,
    description: null,
    roleArn: null,
    precedence: null,
    createdAt: now,
    modifiedAt: now,
  };
}

const groupView = (pool: Pool, g: Group) => ({
  GroupName: g.name,
  UserPoolId: pool.id,
  ...(g.description !== null ? { Description: g.description } : {}),
  ...(g.roleArn !== null ? { RoleArn: g.roleArn } : {}),
  ...(g.precedence !== null ? { Precedence: g.precedence } : {}),
  LastModifiedDate: epochSeconds(g.modifiedAt),
  CreationDate: epochSeconds(g.createdAt),
});

function requireGroup(pool: Pool, name: string): Group {
  const group = poolGroups(pool)[name];
  if (!group) throw resourceNotFound('Group not found.');
  return group;
}

export function createGroup(ctx: Context, body: Body) {
  const name = requiredString(body, 'GroupName', GROUP_NAME);
  const pool = getPool(ctx, requiredString(body, 'UserPoolId', POOL_ID));
  const description = optionalString(body, 'Description', { max: 2048 });
  const roleArn = optionalString(body, 'RoleArn', ROLE_ARN);
  const precedence = optionalInteger(body, 'Precedence', 0, 2 ** 31 - 1);
  if (poolGroups(pool)[name])
    throw new CognitoError('GroupExistsException', `A group with the name ${name} already exists.`);
  const now = ctx.clock.now();
  const group: Group = {
    name,
    description: description ?? null,
    roleArn: roleArn ?? null,
    precedence: precedence ?? null,
    createdAt: now,
    modifiedAt: now,
  };
  poolGroups(pool)[name] = group;
  ctx.store.touch();
  return { Group: groupView(pool, group) };
}

export function listGroups(ctx: Context, body: Body) {
  const pool = getPool(ctx, requiredString(body, 'UserPoolId', POOL_ID));
  const all = Object.values(poolGroups(pool)).sort((a, b) => (a.name < b.name ? -1 : 1));
  const { items, next } = page(
    all,
    optionalInteger(body, 'Limit', 0, 60) ?? 60,
    optionalString(body, 'NextToken'),
  );
  return { Groups: items.map((g) => groupView(pool, g)), ...(next ? { NextToken: next } : {}) };
}

const membership = (ctx: Context, body: Body) => {
  const pool = getPool(ctx, requiredString(body, 'UserPoolId', POOL_ID));
  const user = requireUser(pool, requiredString(body, 'Username', USERNAME));
  return { pool, user };
};

export function adminAddUserToGroup(ctx: Context, body: Body) {
  const name = requiredString(body, 'GroupName', GROUP_NAME);
  const { pool, user } = membership(ctx, body);
  requireGroup(pool, name);
  if (!user.groups.includes(name)) user.groups.push(name);
  ctx.store.touch();
  return {};
}

export function adminRemoveUserFromGroup(ctx: Context, body: Body) {
  const name = requiredString(body, 'GroupName', GROUP_NAME);
  const { pool, user } = membership(ctx, body);
  requireGroup(pool, name);
  user.groups = user.groups.filter((g) => g !== name);
  ctx.store.touch();
  return {};
}

export function adminListGroupsForUser(ctx: Context, body: Body) {
  const { pool, user } = membership(ctx, body);
  const groups = user.groups
    .map((name) => poolGroups(pool)[name])
    .filter((g): g is Group => g !== undefined)
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const { items, next } = page(
    groups,
    optionalInteger(body, 'Limit', 0, 60) ?? 60,
    optionalString(body, 'NextToken'),
  );
  return { Groups: items.map((g) => groupView(pool, g)), ...(next ? { NextToken: next } : {}) };
}
