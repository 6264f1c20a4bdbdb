/** Passwords (kept only as SRP verifiers), the password policy and user views. */
import { timingSafeEqual } from 'node:crypto';
import { epochSeconds } from './context.js';
import { poolName } from './directory.js';
import { CognitoError } from './errors.js';
import { newSub } from './ids.js';
import { dict } from './model.js';
import type { MfaType, PasswordPolicy, Pool, User, UserStatus } from './model.js';
import { computeVerifier, newSalt } from './srp.js';

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
};

const SYMBOLS = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/;

/** Throws InvalidPasswordException naming the first rule `password` breaks. */
export function checkPasswordPolicy(policy: PasswordPolicy, password: string): void {
  const problem =
    password.length < policy.MinimumLength
      ? 'Password not long enough'
      : policy.RequireUppercase && !/[A-Z]/.test(password)
        ? 'Password must have uppercase characters'
        : policy.RequireLowercase && !/[a-z]/.test(password)
          ? 'Password must have lowercase characters'
          : policy.RequireNumbers && !/[0-9]/.test(password)
            ? 'Password must have numeric characters'
            : policy.RequireSymbols && !SYMBOLS.test(password)
              ? 'Password must have symbol characters'
              : null;
  if (problem)
    throw new CognitoError(
      'InvalidPasswordException',
      `Password did not conform with policy: ${problem}`,
    );
}

export function setPassword(
  pool: Pool,
  user: User,
  password: string,
  temporary: boolean,
  now: number,
): void {
  const salt = newSalt();
  const verifier = computeVerifier(salt, poolName(pool), user.username, password);
  user.password = {
    salt: salt.toString(16),
    verifier: verifier.toString(16),
    temporary,
    setAt: now,
  };
  user.modifiedAt = now;
}

export function passwordMatches(pool: Pool, user: User, password: string): boolean {
  if (!user.password) return false;
  const v = computeVerifier(
    BigInt(`0x${user.password.salt}`),
    poolName(pool),
    user.username,
    password,
  );
  const a = Buffer.from(v.toString(16));
  const b = Buffer.from(user.password.verifier);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function newUser(
  username: string,
  attributes: Record<string, string>,
  status: UserStatus,
  now: number,
): User {
  const sub = newSub();
  return {
    username,
    sub,
    attributes: { ...attributes, sub },
    status,
    enabled: true,
    createdAt: now,
    modifiedAt: now,
    password: null,
    totp: { secret: null, pendingSecret: null },
    mfaEnabled: [],
    mfaPreferred: null,
    failedAttempts: 0,
    lockedUntil: 0,
    resetCode: null,
    groups: [],
    devices: dict(),
  };
}

export const attributeList = (user: User, only?: string[]) =>
  Object.entries(user.attributes)
    .filter(([name]) => !only || only.includes(name))
    .map(([Name, Value]) => ({ Name, Value }));

/** The factors that can actually challenge this user in this pool. */
export function usableMfa(pool: Pool, user: User): MfaType[] {
  return user.mfaEnabled.filter((type) =>
    type === 'SOFTWARE_TOKEN_MFA'
      ? pool.totpEnabled && user.totp.secret !== null
      : type === 'SMS_MFA'
        ? pool.smsMfaEnabled && user.attributes.phone_number !== undefined
        : pool.emailMfaEnabled && user.attributes.email !== undefined,
  );
}

export function mfaView(user: User) {
  return {
    ...(user.mfaPreferred ? { PreferredMfaSetting: user.mfaPreferred } : {}),
    ...(user.mfaEnabled.length ? { UserMFASettingList: [...user.mfaEnabled] } : {}),
  };
}

export const userSummary = (user: User, only?: string[]) => ({
  Username: user.username,
  Attributes: attributeList(user, only),
  UserCreateDate: epochSeconds(user.createdAt),
  UserLastModifiedDate: epochSeconds(user.modifiedAt),
  Enabled: user.enabled,
  UserStatus: user.status,
});

/** "+*******1234" / "a***@e***" as Cognito shows a code's destination. */
export function maskDestination(value: string): string {
  const at = value.indexOf('@');
  if (at > 0) {
    const domain = value.slice(at + 1);
    return `${value[0]}***@${domain[0] ?? ''}***`;
  }
  return `+${'*'.repeat(Math.max(0, value.length - 5))}${value.slice(-4)}`;
}
