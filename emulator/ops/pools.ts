/** User pool management (SigV4): create, describe, list, delete, MFA configuration. */
import type { Context } from '../context.js';
import { epochSeconds } from '../context.js';
import { getPool } from '../directory.js';
import { invalidParameter } from '../errors.js';
import { newPoolId } from '../ids.js';
import { newPoolKey } from '../jwt.js';
import { dict } from '../model.js';
import type { PasswordPolicy, Pool, SchemaAttribute } from '../model.js';
import { signInPolicy, signInPolicyView } from '../sign-in-policy.js';
import { DEFAULT_PASSWORD_POLICY } from '../users.js';
import type { Body } from '../validate.js';
import {
  optionalBoolean,
  optionalEnum,
  optionalInteger,
  optionalObject,
  optionalString,
  optionalStringList,
  POOL_ID,
  requiredInteger,
  requiredString,
} from '../validate.js';
import { page } from './paging.js';

const NAME = { min: 1, max: 128, pattern: /^[\w\s+=,.@-]+$/ };
const MFA = ['OFF', 'ON', 'OPTIONAL'] as const;

function subset(body: Body, field: string, allowed: string[]): string[] {
  const list = optionalStringList(body, field) ?? [];
  const bad = list.find((v) => !allowed.includes(v));
  if (bad !== undefined)
    throw invalidParameter(`${field} may contain only ${allowed.join(', ')}; got ${bad}`);
  return list;
}

function passwordPolicy(body: Body): PasswordPolicy {
  const given = optionalObject(optionalObject(body, 'Policies') ?? {}, 'PasswordPolicy');
  if (!given) return { ...DEFAULT_PASSWORD_POLICY };
  return {
    MinimumLength: optionalInteger(given, 'MinimumLength', 6, 99) ?? 8,
    RequireUppercase: optionalBoolean(given, 'RequireUppercase') ?? false,
    RequireLowercase: optionalBoolean(given, 'RequireLowercase') ?? false,
    RequireNumbers: optionalBoolean(given, 'RequireNumbers') ?? false,
    RequireSymbols: optionalBoolean(given, 'RequireSymbols') ?? false,
    TemporaryPasswordValidityDays:
      optionalInteger(given, 'TemporaryPasswordValidityDays', 0, 365) ?? 7,
  };
}

function schema(body: Body): SchemaAttribute[] {
  const list = body.Schema;
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw invalidParameter('Schema must be a list');
  return list.map((item: unknown) => {
    const attr = (item ?? {}) as Body;
    return {
      Name: requiredString(attr, 'Name', {
        min: 1,
        max: 20,
        pattern: /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u,
      }),
      AttributeDataType:
        optionalEnum(attr, 'AttributeDataType', ['String', 'Number', 'DateTime', 'Boolean']) ??
        'String',
      Required: optionalBoolean(attr, 'Required') ?? false,
      Mutable: optionalBoolean(attr, 'Mutable') ?? true,
    };
  });
}

export async function createPoolRecord(ctx: Context, body: Body): Promise<Pool> {
  const name = requiredString(body, 'PoolName', NAME);
  const usernameAttributes = subset(body, 'UsernameAttributes', ['email', 'phone_number']);
  const aliasAttributes = subset(body, 'AliasAttributes', [
    'email',
    'phone_number',
    'preferred_username',
  ]);
  if (usernameAttributes.length && aliasAttributes.length) {
    throw invalidParameter(
      'Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.',
    );
  }
  const device = optionalObject(body, 'DeviceConfiguration');
  const addOns = optionalObject(body, 'UserPoolAddOns');
  const advancedSecurity = addOns
    ? optionalEnum(addOns, 'AdvancedSecurityMode', ['OFF', 'AUDIT', 'ENFORCED'])
    : undefined;
  const mfa = optionalEnum(body, 'MfaConfiguration', MFA) ?? 'OFF';
  const now = ctx.clock.now();
  const pool: Omit<Pool, 'key'> = {
    id: newPoolId(ctx.region),
    name,
    createdAt: now,
    modifiedAt: now,
    mfaConfiguration: mfa,
    totpEnabled: false,
    smsMfaEnabled: mfa !== 'OFF' && optionalObject(body, 'SmsConfiguration') !== undefined,
    emailMfaEnabled: false,
    deviceConfiguration: device
      ? {
          ChallengeRequiredOnNewDevice:
            optionalBoolean(device, 'ChallengeRequiredOnNewDevice') ?? false,
          DeviceOnlyRememberedOnUserPrompt:
            optionalBoolean(device, 'DeviceOnlyRememberedOnUserPrompt') ?? false,
        }
      : null,
    passwordPolicy: passwordPolicy(body),
    usernameAttributes,
    aliasAttributes,
    autoVerifiedAttributes: subset(body, 'AutoVerifiedAttributes', ['email', 'phone_number']),
    schema: schema(body),
    caseSensitive:
      optionalBoolean(optionalObject(body, 'UsernameConfiguration') ?? {}, 'CaseSensitive') ?? true,
    clients: dict(),
    users: dict(),
    groups: dict(),
    advancedSecurity: advancedSecurity ?? 'OFF',
    ...signInPolicy(body),
  };
  return { ...pool, key: await newPoolKey() };
}

export const poolArn = (ctx: Context, pool: Pool) =>
  `arn:aws:cognito-idp:${ctx.region}:000000000000:userpool/${pool.id}`;

function poolView(ctx: Context, pool: Pool) {
  return {
    Id: pool.id,
    Name: pool.name,
    Arn: poolArn(ctx, pool),
    CreationDate: epochSeconds(pool.createdAt),
    LastModifiedDate: epochSeconds(pool.modifiedAt),
    MfaConfiguration: pool.mfaConfiguration,
    Policies: {
      PasswordPolicy: pool.passwordPolicy,
      SignInPolicy: signInPolicyView(pool).SignInPolicy,
    },
    AdminCreateUserConfig: signInPolicyView(pool).AdminCreateUserConfig,
    ...(pool.deviceConfiguration ? { DeviceConfiguration: pool.deviceConfiguration } : {}),
    ...(pool.usernameAttributes.length ? { UsernameAttributes: pool.usernameAttributes } : {}),
    ...(pool.aliasAttributes.length ? { AliasAttributes: pool.aliasAttributes } : {}),
    ...(pool.autoVerifiedAttributes.length
      ? { AutoVerifiedAttributes: pool.autoVerifiedAttributes }
      : {}),
    SchemaAttributes: pool.schema,
    UsernameConfiguration: { CaseSensitive: pool.caseSensitive },
    EstimatedNumberOfUsers: Object.keys(pool.users).length,
    UserPoolAddOns: { AdvancedSecurityMode: pool.advancedSecurity ?? 'OFF' },
    LambdaConfig: {},
  };
}

export async function createUserPool(ctx: Context, body: Body) {
  const pool = await createPoolRecord(ctx, body);
  ctx.store.state.pools[pool.id] = pool;
  ctx.store.touch();
  return { UserPool: poolView(ctx, pool) };
}

export const describeUserPool = (ctx: Context, body: Body) => ({
  UserPool: poolView(ctx, getPool(ctx, requiredString(body, 'UserPoolId', POOL_ID))),
});

export function listUserPools(ctx: Context, body: Body) {
  const max = requiredInteger(body, 'MaxResults', 1, 60);
  const pools = Object.values(ctx.store.state.pools).sort((a, b) => a.createdAt - b.createdAt);
  const { items, next } = page(pools, max, optionalString(body, 'NextToken'));
  return {
    UserPools: items.map((p) => ({
      Id: p.id,
      Name: p.name,
      LambdaConfig: {},
      CreationDate: epochSeconds(p.createdAt),
      LastModifiedDate: epochSeconds(p.modifiedAt),
    })),
    ...(next ? { NextToken: next } : {}),
  };
}

export function deleteUserPool(ctx: Context, body: Body) {
  const pool = getPool(ctx, requiredString(body, 'UserPoolId', POOL_ID));
  const { state } = ctx.store;
  delete state.pools[pool.id];
  for (const [jti, grant] of Object.entries(state.grants))
    if (grant.poolId === pool.id) delete state.grants[jti];
  for (const [token, record] of Object.entries(state.refreshTokens))
    if (!state.grants[record.originJti]) delete state.refreshTokens[token];
  ctx.store.touch();
  return {};
}

function mfaConfigView(pool: Pool) {
  return {
    ...(pool.smsMfaEnabled ? { SmsMfaConfiguration: {} } : {}),
    SoftwareTokenMfaConfiguration: { Enabled: pool.totpEnabled },
    ...(pool.emailMfaEnabled ? { EmailMfaConfiguration: {} } : {}),
    MfaConfiguration: pool.mfaConfiguration,
  };
}

export function setUserPoolMfaConfig(ctx: Context, body: Body) {
  const pool = getPool(ctx, requiredString(body, 'UserPoolId', POOL_ID));
  const totp = optionalObject(body, 'SoftwareTokenMfaConfiguration');
  const sms = optionalObject(body, 'SmsMfaConfiguration');
  const email = optionalObject(body, 'EmailMfaConfiguration');
  const mfa = optionalEnum(body, 'MfaConfiguration', MFA) ?? pool.mfaConfiguration;
  const next = {
    totpEnabled: totp ? (optionalBoolean(totp, 'Enabled') ?? false) : pool.totpEnabled,
    smsMfaEnabled: 'SmsMfaConfiguration' in body ? sms !== undefined : pool.smsMfaEnabled,
    emailMfaEnabled: 'EmailMfaConfiguration' in body ? email !== undefined : pool.emailMfaEnabled,
  };
  if (mfa !== 'OFF' && !next.totpEnabled && !next.smsMfaEnabled && !next.emailMfaEnabled) {
    throw invalidParameter(`MfaConfiguration ${mfa} needs at least one MFA type enabled`);
  }
  Object.assign(pool, next, { mfaConfiguration: mfa, modifiedAt: ctx.clock.now() });
  ctx.store.touch();
  return mfaConfigView(pool);
}

export const getUserPoolMfaConfig = (ctx: Context, body: Body) =>
  mfaConfigView(getPool(ctx, requiredString(body, 'UserPoolId', POOL_ID)));
