/** TOTP enrollment and MFA preferences, for the signed-in user and during sign-in. */
import type { Context } from '../context.js';
import { requireUser, getPool } from '../directory.js';
import { CognitoError, invalidParameter, sessionExpired } from '../errors.js';
import type { MfaType, Pool, User } from '../model.js';
import type { AuthSession } from '../sessions.js';
import { authenticateAccessToken } from '../tokens.js';
import { newTotpSecret, useTotpCode } from '../totp.js';
import type { Body } from '../validate.js';
import {
  optionalBoolean,
  optionalObject,
  optionalString,
  POOL_ID,
  requiredString,
} from '../validate.js';

/** Either an AccessToken (signed in) or a MFA_SETUP Session (signing in), never both. */
function caller(ctx: Context, body: Body): { pool: Pool; user: User; session: AuthSession | null } {
  const accessToken = optionalString(body, 'AccessToken');
  const sessionId = optionalString(body, 'Session');
  if ((accessToken === undefined) === (sessionId === undefined))
    throw invalidParameter('Provide exactly one of AccessToken or Session');
  if (accessToken !== undefined) {
    const { pool, user } = authenticateAccessToken(ctx, accessToken);
    return { pool, user, session: null };
  }
  const session = findSetupSession(ctx, sessionId!);
  const pool = ctx.store.state.pools[session.poolId];
  const user = pool?.users[session.username];
  if (!pool || !user) throw sessionExpired();
  return { pool, user, session };
}

function findSetupSession(ctx: Context, id: string): AuthSession {
  // These requests carry no ClientId; the session knows its client.
  const session = ctx.sessions.get(id, null);
  if (session.step.kind !== 'MFA_SETUP') throw sessionExpired();
  return session;
}

function reopen(ctx: Context, session: AuthSession, stage: 'associated' | 'verified'): string {
  ctx.sessions.end(session);
  const client = ctx.store.state.pools[session.poolId]!.clients[session.clientId]!;
  const { id: _id, expiresAt: _e, ...fields } = session;
  return ctx.sessions.open(
    { ...fields, step: { kind: 'MFA_SETUP', stage } },
    client.authSessionValidityMinutes,
  ).id;
}

export function associateSoftwareToken(ctx: Context, body: Body) {
  const { user, session } = caller(ctx, body);
  user.totp.pendingSecret = newTotpSecret();
  ctx.store.touch();
  return {
    SecretCode: user.totp.pendingSecret,
    ...(session ? { Session: reopen(ctx, session, 'associated') } : {}),
  };
}

export function verifySoftwareToken(ctx: Context, body: Body) {
  const userCode = requiredString(body, 'UserCode', { min: 6, max: 6, pattern: /^[0-9]+$/ });
  const friendlyName = optionalString(body, 'FriendlyDeviceName', { max: 131072 });
  const { user, session } = caller(ctx, body);
  if (session && session.step.kind === 'MFA_SETUP' && session.step.stage === 'challenged') {
    throw invalidParameter('Call AssociateSoftwareToken with this Session first');
  }
  const secret = user.totp.pendingSecret;
  if (secret === null)
    throw new CognitoError(
      'SoftwareTokenMFANotFoundException',
      'Software token MFA has not been associated with the user; call AssociateSoftwareToken first.',
    );
  if (!useTotpCode(user, secret, userCode, ctx.clock.now())) {
    throw new CognitoError(
      'EnableSoftwareTokenMFAException',
      'Code mismatch and fail enable Software Token MFA',
    );
  }
  user.totp = {
    secret,
    pendingSecret: null,
    lastUsedStep: user.totp.lastUsedStep,
    ...(friendlyName ? { friendlyName } : {}),
  };
  // Enrolling during sign-in turns TOTP on; when signed in, SetUserMFAPreference does.
  if (session) enable(user, 'SOFTWARE_TOKEN_MFA', user.mfaPreferred === null);
  user.modifiedAt = ctx.clock.now();
  ctx.store.touch();
  return { Status: 'SUCCESS', ...(session ? { Session: reopen(ctx, session, 'verified') } : {}) };
}

function enable(user: User, type: MfaType, preferred: boolean): void {
  if (!user.mfaEnabled.includes(type)) user.mfaEnabled.push(type);
  if (preferred) user.mfaPreferred = type;
}

/** Applies {Sms,SoftwareToken,Email}MfaSettings as Cognito does for both the user and admin forms. */
function applyPreferences(pool: Pool, user: User, body: Body, now: number): void {
  const settings: [string, MfaType][] = [
    ['SMSMfaSettings', 'SMS_MFA'],
    ['SoftwareTokenMfaSettings', 'SOFTWARE_TOKEN_MFA'],
    ['EmailMfaSettings', 'EMAIL_OTP'],
  ];
  const changes: { type: MfaType; enabled?: boolean; preferred?: boolean }[] = [];
  for (const [field, type] of settings) {
    const s = optionalObject(body, field);
    if (!s) continue;
    changes.push({
      type,
      enabled: optionalBoolean(s, 'Enabled'),
      preferred: optionalBoolean(s, 'PreferredMfa'),
    });
  }
  if (changes.filter((c) => c.preferred).length > 1)
    throw invalidParameter('Only one MFA type can be preferred');
  for (const c of changes) {
    if (!c.enabled && !c.preferred) continue;
    if (c.type === 'SOFTWARE_TOKEN_MFA' && (!pool.totpEnabled || user.totp.secret === null)) {
      throw new CognitoError(
        'SoftwareTokenMFANotFoundException',
        'Software Token MFA has not been enabled by the user.',
      );
    }
    if (c.type === 'SMS_MFA' && user.attributes.phone_number === undefined)
      throw invalidParameter('User does not have a phone number.');
    if (c.type === 'EMAIL_OTP' && user.attributes.email === undefined)
      throw invalidParameter('User does not have an email address.');
  }
  for (const c of changes) {
    if (c.enabled === false) {
      user.mfaEnabled = user.mfaEnabled.filter((t) => t !== c.type);
      if (user.mfaPreferred === c.type) user.mfaPreferred = null;
    } else if (c.enabled || c.preferred) {
      enable(user, c.type, c.preferred === true);
    }
    if (c.preferred === false && user.mfaPreferred === c.type) user.mfaPreferred = null;
  }
  user.modifiedAt = now;
}

export function setUserMfaPreference(ctx: Context, body: Body) {
  const { pool, user } = authenticateAccessToken(ctx, requiredString(body, 'AccessToken'));
  applyPreferences(pool, user, body, ctx.clock.now());
  ctx.store.touch();
  return {};
}

export function adminSetUserMfaPreference(ctx: Context, body: Body) {
  const pool = getPool(ctx, requiredString(body, 'UserPoolId', POOL_ID));
  const user = requireUser(pool, requiredString(body, 'Username'));
  applyPreferences(pool, user, body, ctx.clock.now());
  ctx.store.touch();
  return {};
}
