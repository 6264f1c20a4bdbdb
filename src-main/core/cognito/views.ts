/**
 * What the renderer may see of profiles, sign-in attempts, sessions and
 * devices. Types only: the IPC contract re-exports them and the renderer
 * imports them type-only. Nothing here carries a password, a refresh token, a
 * device secret or a TOTP secret, with one exception: `TotpSetupView`, the
 * setup key and QR code shown once during enrollment. The built-in demo shows
 * its seeded users' passwords and the codes it sent, in demo mode only.
 */

/** CUSTOM_AUTH: the pool's Define/Create/Verify Auth Challenge triggers ask; no password is sent. */
export type AuthFlowName = 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH' | 'CUSTOM_AUTH' | 'USER_AUTH';

export type MfaType = 'SOFTWARE_TOKEN_MFA' | 'SMS_MFA' | 'EMAIL_OTP';

export interface PasswordPolicyView {
  minimumLength: number;
  requireUppercase: boolean;
  requireLowercase: boolean;
  requireNumbers: boolean;
  requireSymbols: boolean;
}

export interface ProfileView {
  id: string;
  displayName: string;
  region: string;
  userPoolId: string;
  clientId: string;
  /** The secret itself stays in main's SecretStore. */
  hasClientSecret: boolean;
  endpoint?: string;
  authFlow: AuthFlowName;
  clientMetadata?: Record<string, string>;
  analyticsEndpointId?: string;
  /** The app client's AuthSessionValidity, 3 to 15 minutes. */
  authSessionValidityMinutes: number;
  passwordPolicy?: PasswordPolicyView;
  /** Where `cognito-auth aws-credentials` trades the ID token for AWS credentials. */
  identityPool?: { id: string; region: string; providerName: string };
  /** The pool's administrator says only they create users: sign-up is not offered. */
  adminCreateUserOnly?: boolean;
  /** The built-in demo pool served by the embedded emulator. */
  isDemo: boolean;
  /** Demo only: the seeded users of every demo profile, for the demo banner. */
  demoCredentials?: DemoCredentialView[];
}

/** A demo user and the demo profile to sign in with (password absent: passwordless). */
export interface DemoCredentialView {
  profileId: string;
  profileName: string;
  username: string;
  password?: string;
  note: string;
}

export interface ProfilesView {
  profiles: ProfileView[];
  selectedId: string;
}

/** What is left after profiles:remove. */
export interface ProfileRemovalView extends ProfilesView {
  /**
   * Set when the removed profile was signed in and Cognito did not confirm that its
   * refresh token was revoked: the session is gone on this computer only. Says why.
   */
  revokeFailure?: string;
}

/** One input of a step, enough for the wizard to render it without special cases. */
export interface StepField {
  /** Key of the value in the answer (`code`, `newPassword`, `attributes.<name>`, ...). */
  name: string;
  label: string;
  type: 'code' | 'password' | 'text' | 'email' | 'tel' | 'choice' | 'checkbox';
  required: boolean;
  /** HTML autocomplete token, e.g. `one-time-code`, `new-password`. */
  autocomplete?: string;
  /** For `code`: how many digits auto-submit. */
  length?: number;
  /** For `choice`. */
  options?: { value: string; label: string }[];
  /** Pre-filled value (never a secret). */
  value?: string;
  hint?: string;
}

export type AuthStepKind =
  | 'SMS_MFA'
  | 'EMAIL_OTP'
  | 'SOFTWARE_TOKEN_MFA'
  | 'SELECT_MFA_TYPE'
  | 'MFA_SETUP'
  | 'NEW_PASSWORD_REQUIRED'
  | 'CUSTOM_CHALLENGE'
  /** USER_AUTH: choose the first factor (password, a code by email or text). */
  | 'SELECT_CHALLENGE'
  /** USER_AUTH: a code by text message as the first factor. */
  | 'SMS_OTP'
  /** Signed in; the pool wants the user's yes/no before remembering this device. */
  | 'REMEMBER_DEVICE'
  /** The Session ran out: offer `auth:restart`. */
  | 'SESSION_EXPIRED'
  | 'SIGNED_IN';

/** Shown once, during enrollment: the only secret the renderer ever sees. */
export interface TotpSetupView {
  /** Base32, grouped in fours for reading: `JBSW Y3DP EHPK 3PXP`. */
  secretGrouped: string;
  otpauthUri: string;
  /** `<svg ...>` made in main with `qrcode`. */
  qrSvg: string;
  issuer: string;
  account: string;
}

/** How remembering this computer went; always shown, never silent. */
export interface DeviceOutcomeView {
  status:
    | 'not-tracked'
    | 'remembered'
    | 'confirmed-not-remembered'
    | 'awaiting-choice'
    | 'declined'
    | 'failed';
  /** Signed in through device SRP, so MFA was skipped. */
  usedRememberedDevice: boolean;
  message: string;
  /** The failure when status is `failed`. */
  error?: { code: string; message: string; detail?: string };
}

export interface SignedInView {
  profileId: string;
  /** cognito:username from the ID token. */
  username: string;
  email?: string;
  groups: string[];
  /** ms since epoch. */
  accessTokenExpiresAt: number;
  idTokenExpiresAt: number;
  /** ms since epoch when these tokens were issued or last refreshed. */
  refreshedAt: number;
  /** This computer is a confirmed device of the user. */
  deviceKnown: boolean;
}

export interface AuthStepView {
  attemptId: string;
  profileId: string;
  kind: AuthStepKind;
  title: string;
  description: string;
  /** The name the user typed (kept across restarts). */
  username: string;
  fields: StepField[];
  /** ms since epoch when the current Session stops working. */
  sessionExpiresAt?: number;
  /** SMS_MFA / EMAIL_OTP: the masked destination Cognito sent the code to. */
  codeDeliveryDestination?: string;
  codeDeliveryMedium?: 'SMS' | 'EMAIL';
  /** SOFTWARE_TOKEN_MFA: the vault holds this user's secret for this pool (`auth:autofill`). */
  canAutofill: boolean;
  /** SELECT_CHALLENGE: the first factors this app can use, and whether Cognito also offered a passkey. */
  firstFactors?: ('PASSWORD' | 'EMAIL_OTP' | 'SMS_OTP')[];
  passkeyOffered?: boolean;
  /** SELECT_MFA_TYPE: what the user may choose. MFA_SETUP: what may be set up. */
  mfaOptions?: MfaType[];
  /** MFA_SETUP: filled once the secret has been associated. */
  setup?: TotpSetupView;
  /** CUSTOM_CHALLENGE: the challenge parameters, to show to the user. */
  challengeParameters?: Record<string, string>;
  /** NEW_PASSWORD_REQUIRED: the pool's policy, when known. */
  passwordPolicy?: PasswordPolicyView;
  /** SIGNED_IN and REMEMBER_DEVICE. */
  device?: DeviceOutcomeView;
  signedIn?: SignedInView;
}

export interface AuthStateView {
  /** The attempt in progress, if any. */
  attempt?: AuthStepView;
  /** Profiles with stored tokens. */
  sessions: SignedInView[];
  /** profileId → the username of its last successful sign-in, to fill in next time. */
  lastUsernames?: Record<string, string>;
}

export interface DeviceView {
  deviceKey: string;
  name: string;
  /** ms since epoch, when Cognito reports it. */
  lastUsedAt?: number;
  createdAt?: number;
  remembered: boolean;
  isThisDevice: boolean;
}

export interface MfaSettingsView {
  profileId: string;
  enabled: MfaType[];
  preferred?: MfaType;
  /** The user has a verified phone / email, so SMS / email MFA can be enabled. */
  canUseSms: boolean;
  canUseEmail: boolean;
}

export interface EnrollmentView {
  enrollmentId: string;
  profileId: string;
  setup: TotpSetupView;
}
