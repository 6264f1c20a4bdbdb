/** App clients (SigV4): create, describe and list. */
import type { Context } from '../context.js';
import { epochSeconds } from '../context.js';
import { getPool } from '../directory.js';
import { invalidParameter, resourceNotFound } from '../errors.js';
import { DEFAULT_AUTH_FLOWS } from '../flows.js';
import { newClientId, newClientSecret } from '../ids.js';
import type { AppClient, Pool } from '../model.js';
import { accessTokenSeconds, idTokenSeconds, refreshTokenSeconds } from '../tokens.js';
import type { Body } from '../validate.js';
import { page } from './paging.js';
import {
  CLIENT_ID,
  optionalBoolean,
  optionalEnum,
  optionalInteger,
  optionalObject,
  optionalString,
  optionalStringList,
  POOL_ID,
  requiredString,
} from '../validate.js';

const AUTH_FLOWS = [
  'ADMIN_NO_SRP_AUTH',
  'CUSTOM_AUTH_FLOW_ONLY',
  'USER_PASSWORD_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_CUSTOM_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_USER_AUTH',
];
const UNITS = ['seconds', 'minutes', 'hours', 'days'] as const;

export function createClientRecord(ctx: Context, pool: Pool, body: Body): AppClient {
  const name = requiredString(body, 'ClientName', { min: 1, max: 128, pattern: /^[\w\s+=,.@-]+$/ });
  const flows = optionalStringList(body, 'ExplicitAuthFlows') ?? DEFAULT_AUTH_FLOWS;
  const badFlow = flows.find((f) => !AUTH_FLOWS.includes(f));
  if (badFlow) throw invalidParameter(`Invalid ExplicitAuthFlows value: ${badFlow}`);
  const units = optionalObject(body, 'TokenValidityUnits') ?? {};
  const rotation = optionalObject(body, 'RefreshTokenRotation');
  const now = ctx.clock.now();
  const client: AppClient = {
    id: newClientId(),
    name,
    secret: optionalBoolean(body, 'GenerateSecret') ? newClientSecret() : null,
    createdAt: now,
    modifiedAt: now,
    explicitAuthFlows: [...new Set(flows)],
    authSessionValidityMinutes: optionalInteger(body, 'AuthSessionValidity', 3, 15) ?? 3,
    tokenValidityUnits: {
      AccessToken: optionalEnum(units, 'AccessToken', UNITS) ?? 'hours',
      IdToken: optionalEnum(units, 'IdToken', UNITS) ?? 'hours',
      RefreshToken: optionalEnum(units, 'RefreshToken', UNITS) ?? 'days',
    },
    accessTokenValidity: optionalInteger(body, 'AccessTokenValidity', 1, 86_400) ?? 1,
    idTokenValidity: optionalInteger(body, 'IdTokenValidity', 1, 86_400) ?? 1,
    refreshTokenValidity: optionalInteger(body, 'RefreshTokenValidity', 1, 315_360_000) ?? 30,
    enableTokenRevocation: optionalBoolean(body, 'EnableTokenRevocation') ?? true,
    rotation: {
      enabled: rotation
        ? optionalEnum(rotation, 'Feature', ['ENABLED', 'DISABLED']) === 'ENABLED'
        : false,
      retryGracePeriodSeconds: rotation
        ? (optionalInteger(rotation, 'RetryGracePeriodSeconds', 0, 60) ?? 0)
        : 0,
    },
    preventUserExistenceErrors:
      optionalEnum(body, 'PreventUserExistenceErrors', ['ENABLED', 'LEGACY']) ?? 'LEGACY',
  };
  const within = (seconds: number, min: number, max: number, what: string) => {
    if (seconds < min || seconds > max)
      throw invalidParameter(`${what} must be between ${min} and ${max} seconds`);
  };
  within(accessTokenSeconds(client), 300, 86_400, 'AccessTokenValidity');
  within(idTokenSeconds(client), 300, 86_400, 'IdTokenValidity');
  within(refreshTokenSeconds(client), 3600, 315_360_000, 'RefreshTokenValidity');
  return client;
}

function clientView(pool: Pool, c: AppClient) {
  return {
    UserPoolId: pool.id,
    ClientName: c.name,
    ClientId: c.id,
    ...(c.secret !== null ? { ClientSecret: c.secret } : {}),
    CreationDate: epochSeconds(c.createdAt),
    LastModifiedDate: epochSeconds(c.modifiedAt),
    ExplicitAuthFlows: c.explicitAuthFlows,
    AuthSessionValidity: c.authSessionValidityMinutes,
    AccessTokenValidity: c.accessTokenValidity,
    IdTokenValidity: c.idTokenValidity,
    RefreshTokenValidity: c.refreshTokenValidity,
    TokenValidityUnits: c.tokenValidityUnits,
    EnableTokenRevocation: c.enableTokenRevocation,
    RefreshTokenRotation: {
      Feature: c.rotation.enabled ? 'ENABLED' : 'DISABLED',
      RetryGracePeriodSeconds: c.rotation.retryGracePeriodSeconds,
    },
    PreventUserExistenceErrors: c.preventUserExistenceErrors,
  };
}

export function createUserPoolClient(ctx: Context, body: Body) {
  const pool = getPool(ctx, requiredString(body, 'UserPoolId', POOL_ID));
  const client = createClientRecord(ctx, pool, body);
  pool.clients[client.id] = client;
  ctx.store.touch();
  return { UserPoolClient: clientView(pool, client) };
}

export function describeUserPoolClient(ctx: Context, body: Body) {
  const pool = getPool(ctx, requiredString(body, 'UserPoolId', POOL_ID));
  const id = requiredString(body, 'ClientId', CLIENT_ID);
  const client = pool.clients[id];
  if (!client) throw resourceNotFound(`User pool client ${id} does not exist.`);
  return { UserPoolClient: clientView(pool, client) };
}

export function listUserPoolClients(ctx: Context, body: Body) {
  const pool = getPool(ctx, requiredString(body, 'UserPoolId', POOL_ID));
  const max = optionalInteger(body, 'MaxResults', 1, 60) ?? 60;
  const all = Object.values(pool.clients).sort((a, b) => a.createdAt - b.createdAt);
  const { items, next } = page(all, max, optionalString(body, 'NextToken'));
  return {
    UserPoolClients: items.map((c) => ({
      ClientId: c.id,
      UserPoolId: pool.id,
      ClientName: c.name,
    })),
    ...(next ? { NextToken: next } : {}),
  };
}
