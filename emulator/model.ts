/** The persisted state: plain JSON, so a restart reloads it unchanged. */
import type { PoolKey } from './jwt.js';

export type AuthFactor = 'PASSWORD' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN' | 'SOFTWARE_TOKEN';

export type MfaType = 'SOFTWARE_TOKEN_MFA' | 'SMS_MFA' | 'EMAIL_OTP';
export const MFA_TYPES: readonly MfaType[] = ['SOFTWARE_TOKEN_MFA', 'SMS_MFA', 'EMAIL_OTP'];

export interface PasswordPolicy {
  MinimumLength: number;
  RequireUppercase: boolean;
  RequireLowercase: boolean;
  RequireNumbers: boolean;
  RequireSymbols: boolean;
  TemporaryPasswordValidityDays: number;
}

export interface DeviceConfiguration {
  ChallengeRequiredOnNewDevice: boolean;
  DeviceOnlyRememberedOnUserPrompt: boolean;
}

export interface SchemaAttribute {
  Name: string;
  AttributeDataType: string;
  Required: boolean;
  Mutable: boolean;
}

export interface Pool {
  id: string;
  name: string;
  createdAt: number;
  modifiedAt: number;
  mfaConfiguration: 'OFF' | 'ON' | 'OPTIONAL';
  totpEnabled: boolean;
  smsMfaEnabled: boolean;
  emailMfaEnabled: boolean;
  deviceConfiguration: DeviceConfiguration | null;
  passwordPolicy: PasswordPolicy;
  usernameAttributes: string[];
  aliasAttributes: string[];
  autoVerifiedAttributes: string[];
  schema: SchemaAttribute[];
  caseSensitive: boolean;
  /** AdminCreateUserConfig.AllowAdminCreateUserOnly: SignUp is refused. */
  adminCreateUserOnly?: boolean;
  /** Policies.SignInPolicy.AllowedFirstAuthFactors for USER_AUTH; absent means PASSWORD alone. */
  allowedFirstAuthFactors?: AuthFactor[];
  key: PoolKey;
  clients: Record<string, AppClient>;
  users: Record<string, User>;
  /** Absent in state written before groups existed. */
  groups?: Record<string, Group>;
  /** Threat protection (UserPoolAddOns.AdvancedSecurityMode); absent means OFF. */
  advancedSecurity?: 'OFF' | 'AUDIT' | 'ENFORCED';
}

export interface Group {
  name: string;
  description: string | null;
  roleArn: string | null;
  precedence: number | null;
  createdAt: number;
  modifiedAt: number;
}

/** One entry of AdminListUserAuthEvents. */
export interface AuthEvent {
  id: string;
  at: number;
  type: 'SignIn' | 'PasswordChange' | 'ForgotPassword';
  response: 'Pass' | 'Fail';
  challenges: { ChallengeName: 'Password' | 'Mfa'; ChallengeResponse: 'Success' | 'Failure' }[];
}

export interface AppClient {
  id: string;
  name: string;
  secret: string | null;
  createdAt: number;
  modifiedAt: number;
  explicitAuthFlows: string[];
  authSessionValidityMinutes: number;
  tokenValidityUnits: { AccessToken: string; IdToken: string; RefreshToken: string };
  accessTokenValidity: number;
  idTokenValidity: number;
  refreshTokenValidity: number;
  enableTokenRevocation: boolean;
  rotation: { enabled: boolean; retryGracePeriodSeconds: number };
  preventUserExistenceErrors: 'ENABLED' | 'LEGACY';
}

export type UserStatus = 'CONFIRMED' | 'FORCE_CHANGE_PASSWORD' | 'RESET_REQUIRED' | 'UNCONFIRMED';

export interface Device {
  key: string;
  groupKey: string;
  name: string | null;
  createdAt: number;
  modifiedAt: number;
  lastAuthenticatedAt: number;
  /** Set by ConfirmDevice: the device's SRP salt and verifier, hex. */
  salt: string | null;
  verifier: string | null;
  remembered: boolean;
}

export interface User {
  username: string;
  sub: string;
  attributes: Record<string, string>;
  status: UserStatus;
  enabled: boolean;
  createdAt: number;
  modifiedAt: number;
  /** SRP salt and verifier (hex); the password itself is never stored. */
  password: { salt: string; verifier: string; temporary: boolean; setAt: number } | null;
  /**
   * lastUsedStep: the 30 s step of the last accepted code, which cannot be used again.
   * friendlyName: VerifySoftwareToken's FriendlyDeviceName, sent back with each TOTP challenge.
   */
  totp: {
    secret: string | null;
    pendingSecret: string | null;
    lastUsedStep?: number;
    friendlyName?: string;
  };
  mfaEnabled: MfaType[];
  mfaPreferred: MfaType | null;
  failedAttempts: number;
  lockedUntil: number;
  resetCode: { code: string; expiresAt: number } | null;
  groups: string[];
  devices: Record<string, Device>;
  /** Newest last, at most AUTH_EVENTS_KEPT; absent in older state. */
  authEvents?: AuthEvent[];
  /** SignUp's confirmation code, until ConfirmSignUp. */
  signUpCode?: { code: string; expiresAt: number; attribute: string } | null;
  /** Codes sent to verify an email or phone, by attribute name. */
  verificationCodes?: Record<string, { code: string; expiresAt: number }>;
  /** WebAuthn credentials registered through the admin seed; absent when none. */
  passkeys?: Passkey[];
}

export interface Passkey {
  credentialId: string;
  friendlyName: string;
  createdAt: number;
}

/** One sign-in: its refresh tokens and every token issued from it share origin_jti. */
export interface Grant {
  originJti: string;
  poolId: string;
  clientId: string;
  username: string;
  deviceKey: string | null;
  authTime: number;
  revoked: boolean;
  /** What ListUserSessions shows; absent on grants stored before sessions were tracked. */
  session?: TokenSession;
}

/** A token session: one sign-in as its user sees it, with where it was last used. */
export interface TokenSession {
  id: string;
  createdAt: number;
  lastActiveAt: number;
  deviceType: string;
  ip: string | null;
}

export interface RefreshRecord {
  originJti: string;
  expiresAt: number;
  /** When rotation replaced it; it stays usable for the client's grace period. */
  replacedAt: number | null;
}

/** A user-pool client an identity pool accepts ID tokens from. */
export interface IdentityProviderLink {
  /** "cognito-idp.<region>.amazonaws.com/<user pool id>". */
  providerName: string;
  clientId: string;
}

export interface IdentityPool {
  id: string;
  name: string;
  providers: IdentityProviderLink[];
  /** Identity id → the logins ("<provider>|<sub>") linked to it. */
  identities: Record<string, { logins: string[]; createdAt: number }>;
}

export interface State {
  version: 1;
  pools: Record<string, Pool>;
  grants: Record<string, Grant>;
  refreshTokens: Record<string, RefreshRecord>;
  /** Absent in state files written before identity pools existed. */
  identityPools?: Record<string, IdentityPool>;
}

/**
 * A keyed record without a prototype: a user named `constructor` or
 * `__proto__` is then an ordinary key, for reading and for writing, and the
 * state still serializes as plain JSON.
 */
export const dict = <T>(entries: Record<string, T> = {}): Record<string, T> =>
  Object.assign(Object.create(null) as Record<string, T>, entries);

/** Re-keys every record of freshly parsed state into prototype-free dictionaries. */
export function asDictionaries(state: State): State {
  for (const pool of Object.values(state.pools)) {
    for (const user of Object.values(pool.users)) user.devices = dict(user.devices);
    pool.users = dict(pool.users);
    pool.clients = dict(pool.clients);
  }
  return {
    ...state,
    pools: dict(state.pools),
    grants: dict(state.grants),
    refreshTokens: dict(state.refreshTokens),
  };
}

export const emptyState = (): State => ({
  version: 1,
  pools: dict(),
  grants: dict(),
  refreshTokens: dict(),
});
