/** The persisted state: plain JSON, so a restart reloads it unchanged. */
import type { PoolKey } from './jwt.js';

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
  key: PoolKey;
  clients: Record<string, AppClient>;
  users: Record<string, User>;
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
  /** friendlyName: VerifySoftwareToken's FriendlyDeviceName, sent back with each TOTP challenge. */
  totp: { secret: string | null; pendingSecret: string | null; friendlyName?: string };
  mfaEnabled: MfaType[];
  mfaPreferred: MfaType | null;
  failedAttempts: number;
  lockedUntil: number;
  resetCode: { code: string; expiresAt: number } | null;
  groups: string[];
  devices: Record<string, Device>;
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
}

export interface RefreshRecord {
  originJti: string;
  expiresAt: number;
  /** When rotation replaced it; it stays usable for the client's grace period. */
  replacedAt: number | null;
}

export interface State {
  version: 1;
  pools: Record<string, Pool>;
  grants: Record<string, Grant>;
  refreshTokens: Record<string, RefreshRecord>;
}

export const emptyState = (): State => ({ version: 1, pools: {}, grants: {}, refreshTokens: {} });
