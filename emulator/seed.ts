/**
 * Seed files (`--seed file.json`) and the built-in demo pool. A seed pool
 * whose id already exists in the state is left alone, so restarting with the
 * same seed keeps everything that happened since.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Context } from './context.js';
import type { Pool } from './model.js';
import { MFA_TYPES } from './model.js';
import { createClientRecord } from './ops/clients.js';
import { ensureGroup } from './ops/groups.js';
import { IDENTITY_POOL_ID, identityPools } from './ops/identity.js';
import { createPoolRecord } from './ops/pools.js';
import { checkPasswordPolicy, newUser, setPassword } from './users.js';

const seedUser = z.strictObject({
  username: z.string().min(1),
  /** Absent: a passwordless user, who signs in with USER_AUTH's other factors. */
  password: z.string().min(1).optional(),
  /** A temporary password: the first sign-in asks for a new one. */
  temporary: z.boolean().default(false),
  attributes: z.record(z.string(), z.string()).default({}),
  enabled: z.boolean().default(true),
  /** A base32 TOTP secret already verified for this user. */
  totpSecret: z
    .string()
    .regex(/^[A-Z2-7]+=*$/)
    .optional(),
  mfaEnabled: z.array(z.enum(MFA_TYPES)).default([]),
  mfaPreferred: z.enum(MFA_TYPES).optional(),
  /** Group names, carried in the tokens' cognito:groups claim. */
  groups: z.array(z.string().min(1)).default([]),
  /** Passkeys by friendly name: USER_AUTH then lists WEB_AUTHN for this user. */
  passkeys: z.array(z.string().min(1)).default([]),
});

const seedClient = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9]{26}$/)
    .optional(),
  name: z.string().min(1),
  /** true: generate one; a string: use it. */
  secret: z.union([z.boolean(), z.string().min(1)]).default(false),
  explicitAuthFlows: z.array(z.string()).optional(),
  authSessionValidity: z.number().int().optional(),
  refreshTokenRotation: z.boolean().default(false),
  enableTokenRevocation: z.boolean().default(true),
  /** Absent: the API's default, LEGACY. */
  preventUserExistenceErrors: z.enum(['ENABLED', 'LEGACY']).optional(),
});

const seedPool = z.strictObject({
  id: z
    .string()
    .regex(/^[\w-]+_[0-9a-zA-Z]{9}$/)
    .optional(),
  name: z.string().min(1),
  mfaConfiguration: z.enum(['OFF', 'ON', 'OPTIONAL']).default('OFF'),
  totp: z.boolean().default(false),
  sms: z.boolean().default(false),
  email: z.boolean().default(false),
  deviceConfiguration: z
    .strictObject({
      ChallengeRequiredOnNewDevice: z.boolean(),
      DeviceOnlyRememberedOnUserPrompt: z.boolean(),
    })
    .optional(),
  passwordPolicy: z.record(z.string(), z.union([z.number(), z.boolean()])).optional(),
  usernameAttributes: z.array(z.string()).optional(),
  aliasAttributes: z.array(z.string()).optional(),
  /** Threat protection's mode; AdminListUserAuthEvents answers only when it is not OFF. */
  threatProtection: z.enum(['OFF', 'AUDIT', 'ENFORCED']).default('OFF'),
  autoVerifiedAttributes: z.array(z.enum(['email', 'phone_number'])).optional(),
  /** Refuse SignUp: only administrators create users. */
  adminCreateUserOnly: z.boolean().optional(),
  /** USER_AUTH's first factors; PASSWORD must be among them. */
  allowedFirstAuthFactors: z
    .array(z.enum(['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN']))
    .optional(),
  clients: z.array(seedClient).default([]),
  users: z.array(seedUser).default([]),
});

const seedIdentityPool = z.strictObject({
  id: z.string().regex(IDENTITY_POOL_ID),
  name: z.string().min(1),
  /** The user-pool app clients whose ID tokens it accepts. */
  providers: z.array(
    z.strictObject({ userPoolId: z.string().min(1), clientId: z.string().min(1) }),
  ),
});

export const seedFileSchema = z.strictObject({
  pools: z.array(seedPool),
  identityPools: z.array(seedIdentityPool).default([]),
});
export type SeedFile = z.input<typeof seedFileSchema>;

export async function readSeedFile(path: string): Promise<SeedFile> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read seed file ${path}: ${(err as Error).message}`);
  }
  const parsed = seedFileSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(`seed file ${path} is invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export async function applySeed(ctx: Context, seed: SeedFile): Promise<void> {
  const parsed = seedFileSchema.safeParse(seed);
  if (!parsed.success) throw new Error(`invalid seed: ${z.prettifyError(parsed.error)}`);
  for (const p of parsed.data.pools) {
    if (p.id && ctx.store.state.pools[p.id]) continue;
    const pool = await createPoolRecord(ctx, {
      PoolName: p.name,
      MfaConfiguration: p.mfaConfiguration,
      DeviceConfiguration: p.deviceConfiguration,
      UsernameAttributes: p.usernameAttributes,
      AliasAttributes: p.aliasAttributes,
      UserPoolAddOns: { AdvancedSecurityMode: p.threatProtection },
      AutoVerifiedAttributes: p.autoVerifiedAttributes,
      ...(p.adminCreateUserOnly !== undefined
        ? { AdminCreateUserConfig: { AllowAdminCreateUserOnly: p.adminCreateUserOnly } }
        : {}),
      Policies: {
        ...(p.passwordPolicy ? { PasswordPolicy: p.passwordPolicy } : {}),
        ...(p.allowedFirstAuthFactors
          ? { SignInPolicy: { AllowedFirstAuthFactors: p.allowedFirstAuthFactors } }
          : {}),
      },
    });
    if (p.id) pool.id = p.id;
    Object.assign(pool, { totpEnabled: p.totp, smsMfaEnabled: p.sms, emailMfaEnabled: p.email });
    for (const c of p.clients) {
      const client = createClientRecord(ctx, pool, {
        ClientName: c.name,
        GenerateSecret: c.secret !== false,
        ExplicitAuthFlows: c.explicitAuthFlows,
        AuthSessionValidity: c.authSessionValidity,
        EnableTokenRevocation: c.enableTokenRevocation,
        RefreshTokenRotation: { Feature: c.refreshTokenRotation ? 'ENABLED' : 'DISABLED' },
        PreventUserExistenceErrors: c.preventUserExistenceErrors,
      });
      if (c.id) client.id = c.id;
      if (typeof c.secret === 'string') client.secret = c.secret;
      pool.clients[client.id] = client;
    }
    for (const u of p.users) addSeedUser(ctx, pool, u);
    ctx.store.state.pools[pool.id] = pool;
  }
  const identity = identityPools(ctx);
  for (const ip of parsed.data.identityPools) {
    if (identity[ip.id]) continue;
    identity[ip.id] = {
      id: ip.id,
      name: ip.name,
      providers: ip.providers.map((p) => ({
        providerName: `cognito-idp.${ctx.region}.amazonaws.com/${p.userPoolId}`,
        clientId: p.clientId,
      })),
      identities: {},
    };
  }
  ctx.store.touch();
}

function addSeedUser(ctx: Context, pool: Pool, u: z.output<typeof seedUser>): void {
  if (u.password !== undefined && !u.temporary)
    checkPasswordPolicy(pool.passwordPolicy, u.password);
  const now = ctx.clock.now();
  const user = newUser(
    u.username,
    u.attributes,
    u.temporary ? 'FORCE_CHANGE_PASSWORD' : 'CONFIRMED',
    now,
  );
  user.enabled = u.enabled;
  if (u.password !== undefined) setPassword(pool, user, u.password, u.temporary, now);
  if (u.totpSecret) user.totp.secret = u.totpSecret;
  user.mfaEnabled = [...u.mfaEnabled];
  user.mfaPreferred = u.mfaPreferred ?? null;
  user.groups = [...u.groups];
  for (const group of u.groups) ensureGroup(pool, group, now);
  if (u.passkeys.length)
    user.passkeys = u.passkeys.map((friendlyName, i) => ({
      credentialId: Buffer.from(`${user.sub}:${i}`).toString('base64url'),
      friendlyName,
      createdAt: now,
    }));
  pool.users[user.username] = user;
}

/** The demo pool every fresh install and most tests sign in to. */
export const DEMO_REGION = 'us-east-1';
export const DEMO_POOL_ID = 'us-east-1_DemoPool0';
export const DEMO_PUBLIC_CLIENT_ID = 'demopublicclient0000000000';
export const DEMO_SECRET_CLIENT_ID = 'demosecretclient0000000000';
export const DEMO_CLIENT_SECRET = 'democlientsecretdemoclientsecretdemoclientsecretdemo';
export const DEMO_USERNAME = 'demo';
export const DEMO_EMAIL = 'demo@example.com';
export const DEMO_PASSWORD = 'Demo-Passw0rd!';
/**
 * A new hire in a pool where MFA is required and only administrators create
 * users: the temporary password, then a password of their own, then an
 * authenticator, at the first sign-in.
 */
export const DEMO_MFA_POOL_ID = 'us-east-1_DemoMfaOn';
export const DEMO_MFA_CLIENT_ID = 'demomfarequiredclient00000';
export const DEMO_NEW_HIRE = 'newhire';
export const DEMO_NEW_HIRE_PASSWORD = 'Welcome-2-Demo!';
/** A user with no password at all, in a pool whose USER_AUTH offers a code by email. */
export const DEMO_PASSWORDLESS_POOL_ID = 'us-east-1_DemoNoPwd';
export const DEMO_PASSWORDLESS_CLIENT_ID = 'demopasswordlessclient0000';
export const DEMO_PASSWORDLESS = 'passwordless';
export const DEMO_PASSWORDLESS_EMAIL = 'passwordless@example.com';
export const DEMO_IDENTITY_POOL_ID = 'us-east-1:de300000-0000-4000-8000-000000000001';

const DEMO_FLOWS = [
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_CUSTOM_AUTH',
];

export const demoSeed: SeedFile = {
  pools: [
    {
      id: DEMO_POOL_ID,
      name: 'Demo pool',
      mfaConfiguration: 'OPTIONAL',
      totp: true,
      deviceConfiguration: {
        ChallengeRequiredOnNewDevice: true,
        DeviceOnlyRememberedOnUserPrompt: true,
      },
      aliasAttributes: ['email'],
      threatProtection: 'AUDIT',
      clients: [
        {
          id: DEMO_PUBLIC_CLIENT_ID,
          name: 'Demo public client',
          explicitAuthFlows: DEMO_FLOWS,
          preventUserExistenceErrors: 'ENABLED',
        },
        {
          id: DEMO_SECRET_CLIENT_ID,
          name: 'Demo confidential client',
          secret: DEMO_CLIENT_SECRET,
          explicitAuthFlows: DEMO_FLOWS,
          preventUserExistenceErrors: 'ENABLED',
        },
      ],
      users: [
        {
          username: DEMO_USERNAME,
          password: DEMO_PASSWORD,
          attributes: { email: DEMO_EMAIL, email_verified: 'true' },
        },
      ],
    },
    {
      id: DEMO_MFA_POOL_ID,
      name: 'Demo pool, MFA required',
      mfaConfiguration: 'ON',
      totp: true,
      adminCreateUserOnly: true,
      clients: [
        {
          id: DEMO_MFA_CLIENT_ID,
          name: 'Demo MFA-required client',
          explicitAuthFlows: DEMO_FLOWS,
          preventUserExistenceErrors: 'ENABLED',
        },
      ],
      users: [
        {
          username: DEMO_NEW_HIRE,
          password: DEMO_NEW_HIRE_PASSWORD,
          temporary: true,
          attributes: { email: 'newhire@example.com', email_verified: 'true' },
        },
      ],
    },
    {
      id: DEMO_PASSWORDLESS_POOL_ID,
      name: 'Demo pool, passwordless',
      allowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'],
      clients: [
        {
          id: DEMO_PASSWORDLESS_CLIENT_ID,
          name: 'Demo choice-based client',
          explicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
          preventUserExistenceErrors: 'ENABLED',
        },
      ],
      users: [
        {
          username: DEMO_PASSWORDLESS,
          attributes: { email: DEMO_PASSWORDLESS_EMAIL, email_verified: 'true' },
        },
      ],
    },
  ],
  identityPools: [
    {
      id: DEMO_IDENTITY_POOL_ID,
      name: 'Demo identity pool',
      providers: [
        { userPoolId: DEMO_POOL_ID, clientId: DEMO_PUBLIC_CLIENT_ID },
        { userPoolId: DEMO_POOL_ID, clientId: DEMO_SECRET_CLIENT_ID },
      ],
    },
  ],
};
