/**
 * What comes after each proof during sign-in: a new password, a remembered
 * device's SRP, a second factor, or the tokens. Every challenge answered moves
 * through here, so the order of checks is the same for every flow.
 */
import type { Context } from './context.js';
import { CognitoError, notAuthorized, resourceNotFound } from './errors.js';
import { newCode } from './ids.js';
import type { AppClient, MfaType, Pool, User } from './model.js';
import type { Step } from './sessions.js';
import type { AuthenticationResult } from './tokens.js';
import { completeSignIn } from './tokens.js';
import { maskDestination, usableMfa } from './users.js';

export type AuthResponse =
  | {
      ChallengeName: string;
      ChallengeParameters: Record<string, string>;
      Session: string;
      AvailableChallenges?: string[];
    }
  | { ChallengeParameters: Record<string, never>; AuthenticationResult: AuthenticationResult };

export interface SignIn {
  pool: Pool;
  client: AppClient;
  user: User;
  /** A device the client presented and the server knows. */
  deviceKey: string | null;
}

export function openChallenge(
  ctx: Context,
  s: SignIn,
  name: string,
  step: Step,
  parameters: Record<string, string>,
): AuthResponse {
  const session = ctx.sessions.open(
    {
      poolId: s.pool.id,
      clientId: s.client.id,
      username: s.user.username,
      deviceKey: s.deviceKey,
      step,
    },
    s.client.authSessionValidityMinutes,
  );
  return { ChallengeName: name, ChallengeParameters: parameters, Session: session.id };
}

/** Refuses a presented DEVICE_KEY the user no longer has: the client must forget it. */
export function presentedDevice(user: User, deviceKey: string | null | undefined): string | null {
  if (!deviceKey) return null;
  if (!user.devices[deviceKey]) throw resourceNotFound('Device does not exist.');
  return deviceKey;
}

/** Account states that stop a sign-in even with the right password. */
export function checkAccountUsable(ctx: Context, pool: Pool, user: User): void {
  if (!user.enabled) throw notAuthorized('User is disabled.');
  if (user.status === 'RESET_REQUIRED')
    throw new CognitoError(
      'PasswordResetRequiredException',
      'Password reset required for the user',
    );
  if (user.status === 'UNCONFIRMED')
    throw new CognitoError('UserNotConfirmedException', 'User is not confirmed.');
  const pw = user.password;
  if (
    pw?.temporary &&
    pw.setAt + pool.passwordPolicy.TemporaryPasswordValidityDays * 86_400_000 <= ctx.clock.now()
  ) {
    throw notAuthorized('Temporary password has expired and must be reset by an administrator.');
  }
}

export function missingRequiredAttributes(pool: Pool, user: User): string[] {
  return pool.schema
    .filter((a) => a.Required && user.attributes[a.Name] === undefined)
    .map((a) => a.Name);
}

/** Called once the password (or custom challenge) is proven. */
export function afterPassword(ctx: Context, s: SignIn): AuthResponse {
  if (s.user.status === 'FORCE_CHANGE_PASSWORD') {
    const { sub: _sub, ...visible } = s.user.attributes;
    return openChallenge(
      ctx,
      s,
      'NEW_PASSWORD_REQUIRED',
      { kind: 'NEW_PASSWORD_REQUIRED' },
      {
        USER_ID_FOR_SRP: s.user.username,
        requiredAttributes: JSON.stringify(
          missingRequiredAttributes(s.pool, s.user).map((n) => `userAttributes.${n}`),
        ),
        userAttributes: JSON.stringify(visible),
      },
    );
  }
  return secondFactor(ctx, s);
}

/**
 * MFA per the pool's MfaConfiguration, skipped through DEVICE_SRP_AUTH only
 * when the device is remembered and the pool lets remembered devices stand in
 * for MFA (ChallengeRequiredOnNewDevice).
 */
export function secondFactor(ctx: Context, s: SignIn): AuthResponse {
  const { pool, user } = s;
  if (pool.mfaConfiguration === 'OFF') return tokens(ctx, s);
  let factors = usableMfa(pool, user);
  if (factors.length === 0 && pool.mfaConfiguration === 'ON') {
    if (pool.smsMfaEnabled && user.attributes.phone_number !== undefined) factors = ['SMS_MFA'];
    else if (pool.emailMfaEnabled && user.attributes.email !== undefined) factors = ['EMAIL_OTP'];
    else {
      const canSetUp = [
        ...(pool.smsMfaEnabled ? ['SMS_MFA'] : []),
        ...(pool.totpEnabled ? ['SOFTWARE_TOKEN_MFA'] : []),
        ...(pool.emailMfaEnabled ? ['EMAIL_OTP'] : []),
      ];
      return openChallenge(
        ctx,
        s,
        'MFA_SETUP',
        { kind: 'MFA_SETUP', stage: 'challenged' },
        { MFAS_CAN_SETUP: JSON.stringify(canSetUp), USER_ID_FOR_SRP: user.username },
      );
    }
  }
  if (factors.length === 0) return tokens(ctx, s);
  const device = s.deviceKey ? user.devices[s.deviceKey] : undefined;
  if (
    device?.remembered &&
    device.verifier &&
    pool.deviceConfiguration?.ChallengeRequiredOnNewDevice
  ) {
    return openChallenge(ctx, s, 'DEVICE_SRP_AUTH', { kind: 'DEVICE_SRP_AUTH' }, {});
  }
  if (factors.length === 1 || (user.mfaPreferred && factors.includes(user.mfaPreferred))) {
    return mfaChallenge(ctx, s, factors.length === 1 ? factors[0]! : user.mfaPreferred!);
  }
  return openChallenge(
    ctx,
    s,
    'SELECT_MFA_TYPE',
    { kind: 'SELECT_MFA_TYPE', options: factors },
    {
      MFAS_CAN_CHOOSE: JSON.stringify(factors),
      USER_ID_FOR_SRP: user.username,
    },
  );
}

export function mfaChallenge(ctx: Context, s: SignIn, type: MfaType): AuthResponse {
  const params: Record<string, string> = { USER_ID_FOR_SRP: s.user.username };
  let code: string | null = null;
  if (type === 'SOFTWARE_TOKEN_MFA' && s.user.totp.friendlyName)
    params.FRIENDLY_DEVICE_NAME = s.user.totp.friendlyName;
  if (type !== 'SOFTWARE_TOKEN_MFA') {
    code = newCode();
    const medium = type === 'SMS_MFA' ? 'SMS' : 'EMAIL';
    const destination =
      type === 'SMS_MFA' ? s.user.attributes.phone_number! : s.user.attributes.email!;
    ctx.outbox.deliver({
      at: ctx.clock.now(),
      poolId: s.pool.id,
      username: s.user.username,
      kind: type,
      medium,
      destination,
      code,
    });
    params.CODE_DELIVERY_DELIVERY_MEDIUM = medium;
    params.CODE_DELIVERY_DESTINATION = maskDestination(destination);
  }
  return openChallenge(ctx, s, type, { kind: 'MFA', challenge: type, code }, params);
}

export function tokens(ctx: Context, s: SignIn): AuthResponse {
  return {
    ChallengeParameters: {},
    AuthenticationResult: completeSignIn(ctx, s.pool, s.client, s.user, s.deviceKey),
  };
}
