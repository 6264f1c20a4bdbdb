/**
 * The wire format between the `cognito-auth` CLI and the running app: one
 * JSON object per line in each direction. This module has no runtime
 * dependencies so the CLI can import it without loading zod; the server
 * validates requests with the schemas in ./request-schema.
 */

import type { ProfileSummary } from '../cognito/profile-summary';

export type { ProfileSummary };

export const BRIDGE_PROTOCOL_VERSION = 1;

/** The keychain entry holding the install's bearer token (see bearer-token.ts). */
export const BEARER_TOKEN_ACCOUNT = 'cli-bridge-token';

/** Longest request line the server reads; anything longer is refused. */
export const MAX_REQUEST_BYTES = 16 * 1024;

export type TokenType = 'id' | 'access';

export type BridgeCall =
  | { method: 'token'; profile?: string; type: TokenType }
  | { method: 'code'; account: string }
  | { method: 'profiles' }
  | { method: 'mfa-code'; account?: string }
  | { method: 'aws-credentials'; profile?: string }
  /** Everything `cognito-auth exec` puts in the environment; `command` is what the CLI says it will run. */
  | { method: 'exec-env'; profile?: string; command: string };

export type BridgeMethod = BridgeCall['method'];

export interface BridgeRequest {
  v: typeof BRIDGE_PROTOCOL_VERSION;
  /** Echoed in every reply line so a client can match them. */
  id?: string;
  /** The per-install bearer token the CLI read from the keychain. */
  auth: string;
  /** The CLI's own process id; the server checks it against the connection. */
  pid: number;
  call: BridgeCall;
  /**
   * 'socket': the CLI will prove its pid by listening where the server says
   * (see ProofLine); without it the server finds the connection's other end
   * in the kernel's socket table through `ss`, which costs a subprocess.
   */
  proof?: 'socket';
}

/**
 * Sent by the CLI once it listens on the abstract socket named after the
 * nonce the server sent on this connection: only the process reading this
 * connection knows the nonce, and only that process can then hold the
 * listening socket among its own open files.
 */
export interface ProofLine {
  v: typeof BRIDGE_PROTOCOL_VERSION;
  auth: string;
  proved: string;
}

/** The nonce's shape: the CLI refuses any other, so a server cannot name a socket of its choosing. */
export const PROOF_NONCE = /^[0-9a-f]{32}$/;
/** The abstract socket's name (Linux: no file, gone when the CLI exits), without the leading NUL. */
export const proofSocketName = (nonce: string): string => `cognito-auth-proof-${nonce}`;

export interface TokenValue {
  profile: string;
  type: TokenType;
  token: string;
  /** ms since epoch. */
  expiresAt: number;
}

export interface CodeValue {
  account: string;
  code: string;
  /** TOTP only. */
  secondsLeft?: number;
}

export interface ProfilesValue {
  profiles: ProfileSummary[];
}

export interface AwsCredentialsValue {
  profile: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** ms since epoch. */
  expiresAt: number;
}

export interface ExecEnvValue {
  profile: string;
  idToken: string;
  accessToken: string;
  /** ms since epoch: when the first of the two tokens expires. */
  expiresAt: number;
  /** Present when the profile has an identity pool. */
  aws?: AwsCredentialsValue;
}

export type BridgeValue<M extends BridgeMethod> = M extends 'token'
  ? TokenValue
  : M extends 'profiles'
    ? ProfilesValue
    : M extends 'aws-credentials'
      ? AwsCredentialsValue
      : M extends 'exec-env'
        ? ExecEnvValue
        : CodeValue;

/**
 * Stable error codes. The CLI maps them to exit codes; messages are for
 * people and never contain a secret.
 */
export const bridgeErrorCodes = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'CALLER_UNVERIFIED',
  'DENIED',
  'LOCKED',
  'NOT_SIGNED_IN',
  'NOT_FOUND',
  'NETWORK',
  'INTERNAL',
  /** Nobody answered the approval question in time. */
  'TIMED_OUT',
  /** The profile has no identity pool set up. */
  'NO_IDENTITY_POOL',
  /** The identity pool does not exist or would not take the profile's ID token. */
  'IDENTITY_POOL_REFUSED',
] as const;
export type BridgeErrorCode = (typeof bridgeErrorCodes)[number];

export interface BridgeError {
  code: BridgeErrorCode;
  message: string;
}

export type BridgeReply =
  | { id?: string; ok: true; value: unknown }
  | { id?: string; ok: false; error: BridgeError }
  /** Sent before the final reply while the user is being asked in the app. */
  | { id?: string; status: 'awaiting-approval' }
  /** Asks the CLI to prove its pid (a request with `proof: 'socket'`). */
  | { id?: string; status: 'prove'; nonce: string };
