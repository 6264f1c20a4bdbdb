/** What the admin screens see: plain data, no AWS credentials, no tokens. */
import type { MfaType, PasswordPolicyView } from '../cognito/views';

export interface AdminConfigView {
  profileId: string;
  enabled: boolean;
  /** The AWS profile admin calls sign with; none: the default credential chain. */
  awsProfile?: string;
  /** The built-in demo pool signs with the emulator's documented local key pair. */
  isDemo: boolean;
}

export interface AdminIdentityView {
  label: string;
  source: 'emulator-key' | 'aws-profile' | 'default-chain';
  accessKeyHint: string;
  expiresAt?: number;
}

export interface AdminUserSummary {
  username: string;
  status: string;
  enabled: boolean;
  email?: string;
  phoneNumber?: string;
  createdAt?: number;
  modifiedAt?: number;
}

export interface AdminUserPage {
  users: AdminUserSummary[];
  /** Opaque; pass back for the next page. */
  nextToken?: string;
}

export interface AdminDeviceView {
  deviceKey: string;
  name?: string;
  remembered: boolean;
  lastAuthenticatedAt?: number;
  createdAt?: number;
}

export interface AdminAuthEventView {
  id: string;
  type: string;
  at?: number;
  response: string;
  risk?: string;
  challenges: string[];
  ipAddress?: string;
  device?: string;
}

export interface AdminUserDetail extends AdminUserSummary {
  attributes: { name: string; value: string }[];
  groups: string[];
  mfaEnabled: MfaType[];
  preferredMfa?: MfaType;
  devices: AdminDeviceView[];
  /** Null when the pool has no threat protection (Cognito keeps no history then). */
  authEvents: AdminAuthEventView[] | null;
  /** What the user will see at the next sign-in, given the pool's configuration. */
  nextSignIn: string;
}

export interface AdminClientView {
  clientId: string;
  name: string;
  authFlows: string[];
  hasSecret: boolean;
  authSessionValidityMinutes?: number;
}

export interface PoolOverviewView {
  poolId: string;
  name?: string;
  mfaConfiguration: 'OFF' | 'ON' | 'OPTIONAL';
  totpEnabled: boolean;
  smsEnabled: boolean;
  emailEnabled: boolean;
  deviceTracking: {
    challengeRequiredOnNewDevice: boolean;
    onlyRememberedOnUserPrompt: boolean;
  } | null;
  passwordPolicy: PasswordPolicyView & { temporaryPasswordValidityDays?: number };
  threatProtection: string;
  usernameAttributes: string[];
  aliasAttributes: string[];
  requiredAttributes: string[];
  clients: AdminClientView[];
  groups: string[];
}

export interface CreatedUserView {
  user: AdminUserSummary;
  /** Only when delivery was suppressed and the app made the password: shown once, to copy. */
  temporaryPassword?: string;
}

export interface AuditEntryView {
  at: number;
  identity: string;
  poolId: string;
  username: string;
  action: string;
  result: 'ok' | 'failed';
  /** The error code of a failed action. */
  error?: string;
}

export interface AdminSessionView {
  sessionId: string;
  clientId?: string;
  type?: string;
  createdAt?: number;
  lastActiveAt?: number;
  device?: string;
  lastIpAddress?: string;
  location?: string;
}

export interface AdminSessionsView {
  /** AdminGetUserAuthFactors: the factors the user can sign in with (PASSWORD, EMAIL_OTP, …). */
  factors: string[];
  sessions: AdminSessionView[];
}
