/**
 * The CognitoTransport port over AWS SDK v3, sending the user-facing
 * (unsigned) operations to the profile's endpoint; tests pass fakes.
 *
 * Retries live here and only here: the SDK client is built with
 * maxAttempts 1, and this layer retries throttling and 5xx with full-jitter
 * exponential backoff. NotAuthorized, LimitExceeded and everything else are
 * returned at once (retrying a wrong password would only lock the user out).
 */
import {
  AssociateSoftwareTokenCommand,
  CognitoIdentityProviderClient,
  ForgotPasswordCommand,
  ConfirmForgotPasswordCommand,
  ChangePasswordCommand,
  SignUpCommand,
  ConfirmSignUpCommand,
  ResendConfirmationCodeCommand,
  UpdateUserAttributesCommand,
  GetUserAttributeVerificationCodeCommand,
  VerifyUserAttributeCommand,
  GetUserAuthFactorsCommand,
  ListUserSessionsCommand,
  RevokeUserSessionCommand,
  ConfirmDeviceCommand,
  ForgetDeviceCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  ListDevicesCommand,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
  SetUserMFAPreferenceCommand,
  UpdateDeviceStatusCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { isRetryableServiceError } from '../core/cognito/errors';
import type { ResolvedProfile } from '../core/cognito/profiles';
import type { CognitoTransport, OutputOf } from '../core/ports';

const COMMANDS = {
  InitiateAuth: InitiateAuthCommand,
  RespondToAuthChallenge: RespondToAuthChallengeCommand,
  AssociateSoftwareToken: AssociateSoftwareTokenCommand,
  VerifySoftwareToken: VerifySoftwareTokenCommand,
  SetUserMFAPreference: SetUserMFAPreferenceCommand,
  ConfirmDevice: ConfirmDeviceCommand,
  UpdateDeviceStatus: UpdateDeviceStatusCommand,
  ListDevices: ListDevicesCommand,
  ForgetDevice: ForgetDeviceCommand,
  GetUser: GetUserCommand,
  GlobalSignOut: GlobalSignOutCommand,
  RevokeToken: RevokeTokenCommand,
  GetTokensFromRefreshToken: GetTokensFromRefreshTokenCommand,
  ForgotPassword: ForgotPasswordCommand,
  ConfirmForgotPassword: ConfirmForgotPasswordCommand,
  ChangePassword: ChangePasswordCommand,
  SignUp: SignUpCommand,
  ConfirmSignUp: ConfirmSignUpCommand,
  ResendConfirmationCode: ResendConfirmationCodeCommand,
  UpdateUserAttributes: UpdateUserAttributesCommand,
  GetUserAttributeVerificationCode: GetUserAttributeVerificationCodeCommand,
  VerifyUserAttribute: VerifyUserAttributeCommand,
  GetUserAuthFactors: GetUserAuthFactorsCommand,
  ListUserSessions: ListUserSessionsCommand,
  RevokeUserSession: RevokeUserSessionCommand,
} as const;

export interface RetryPolicy {
  /** Total attempts, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** [0, 1); injectable so tests can pin the jitter. */
  random: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 200,
  maxDelayMs: 3_000,
  random: Math.random,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Full jitter: a uniform delay in [0, min(max, base·2^retry)). */
export function backoffDelay(retry: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(policy.random() * ceiling);
}

/** Wraps a transport so throttling and 5xx are retried with jittered backoff. */
export function withRetries(
  inner: CognitoTransport,
  policy: RetryPolicy = defaultRetryPolicy,
): CognitoTransport {
  return {
    async call(operation, input) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await inner.call(operation, input);
        } catch (error) {
          if (attempt >= policy.maxAttempts || !isRetryableServiceError(error)) throw error;
          await policy.sleep(backoffDelay(attempt - 1, policy));
        }
      }
    },
  };
}

export interface SdkTransportOptions {
  region: string;
  endpoint?: string;
  retry?: Partial<RetryPolicy>;
  /**
   * The whole call's deadline, from sending to the last byte of the answer:
   * a server that accepts and never answers (or trickles) must not hang the
   * wizard. The SDK's own requestTimeout stops at the response headers and,
   * without throwOnRequestTimeout, only logs; this one always ends the call.
   */
  requestTimeoutMs?: number;
  /** How long the TCP (and TLS) connection may take to open. */
  connectTimeoutMs?: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

/** What a call that ran out of time rejects with; core's error mapping reads the name. */
function deadlineError(ms: number): Error {
  return Object.assign(new Error(`Cognito did not answer within ${ms / 1000} s.`), {
    name: 'TimeoutError',
  });
}

/** The real transport: AWS SDK v3 over HTTPS (or HTTP to the local emulator). */
export function createSdkTransport(
  options: SdkTransportOptions,
): CognitoTransport & { destroy(): void } {
  const client = new CognitoIdentityProviderClient({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    // Our retry layer is the only one; the SDK's own would multiply attempts.
    maxAttempts: 1,
    requestHandler: {
      connectionTimeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    },
    // Every operation here is unsigned; never look for AWS credentials.
    credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' },
  });
  const raw: CognitoTransport = {
    async call(operation, input) {
      const Command = COMMANDS[operation] as unknown as new (
        input: unknown,
      ) => Parameters<typeof client.send>[0];
      const ms = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
      const abort = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => {
          abort.abort();
          reject(deadlineError(ms));
        }, ms);
      });
      try {
        const sent = client.send(new Command(input), { abortSignal: abort.signal });
        const { $metadata: _metadata, ...output } = (await Promise.race([sent, deadline])) as {
          $metadata: unknown;
        };
        return output as OutputOf<typeof operation>;
      } finally {
        clearTimeout(timer);
      }
    },
  };
  const retrying = withRetries(raw, { ...defaultRetryPolicy, ...options.retry });
  return { call: retrying.call, destroy: () => client.destroy() };
}

/** CognitoService's transportFor: the SDK transport to the profile's region and endpoint. */
export function sdkTransportFor(profile: ResolvedProfile): CognitoTransport & { destroy(): void } {
  return createSdkTransport({
    region: profile.region,
    ...(profile.endpoint ? { endpoint: profile.endpoint } : {}),
  });
}
