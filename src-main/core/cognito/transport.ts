/**
 * The user-facing (unsigned) Cognito operations, as a port. The real one
 * sends them with AWS SDK v3 to the profile's endpoint; tests pass fakes.
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
import type {
  ForgotPasswordCommandInput,
  ForgotPasswordCommandOutput,
  ConfirmForgotPasswordCommandInput,
  ConfirmForgotPasswordCommandOutput,
  ChangePasswordCommandInput,
  ChangePasswordCommandOutput,
  SignUpCommandInput,
  SignUpCommandOutput,
  ConfirmSignUpCommandInput,
  ConfirmSignUpCommandOutput,
  ResendConfirmationCodeCommandInput,
  ResendConfirmationCodeCommandOutput,
  UpdateUserAttributesCommandInput,
  UpdateUserAttributesCommandOutput,
  GetUserAttributeVerificationCodeCommandInput,
  GetUserAttributeVerificationCodeCommandOutput,
  VerifyUserAttributeCommandInput,
  VerifyUserAttributeCommandOutput,
  GetUserAuthFactorsCommandInput,
  GetUserAuthFactorsCommandOutput,
  ListUserSessionsCommandInput,
  ListUserSessionsCommandOutput,
  RevokeUserSessionCommandInput,
  RevokeUserSessionCommandOutput,
  AssociateSoftwareTokenCommandInput,
  AssociateSoftwareTokenCommandOutput,
  ConfirmDeviceCommandInput,
  ConfirmDeviceCommandOutput,
  ForgetDeviceCommandInput,
  ForgetDeviceCommandOutput,
  GetTokensFromRefreshTokenCommandInput,
  GetTokensFromRefreshTokenCommandOutput,
  GetUserCommandInput,
  GetUserCommandOutput,
  GlobalSignOutCommandInput,
  GlobalSignOutCommandOutput,
  InitiateAuthCommandInput,
  InitiateAuthCommandOutput,
  ListDevicesCommandInput,
  ListDevicesCommandOutput,
  RespondToAuthChallengeCommandInput,
  RespondToAuthChallengeCommandOutput,
  RevokeTokenCommandInput,
  RevokeTokenCommandOutput,
  SetUserMFAPreferenceCommandInput,
  SetUserMFAPreferenceCommandOutput,
  UpdateDeviceStatusCommandInput,
  UpdateDeviceStatusCommandOutput,
  VerifySoftwareTokenCommandInput,
  VerifySoftwareTokenCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { isRetryableServiceError } from './errors';

type Output<T> = Omit<T, '$metadata'>;

export interface CognitoOperations {
  InitiateAuth: [InitiateAuthCommandInput, Output<InitiateAuthCommandOutput>];
  RespondToAuthChallenge: [
    RespondToAuthChallengeCommandInput,
    Output<RespondToAuthChallengeCommandOutput>,
  ];
  AssociateSoftwareToken: [
    AssociateSoftwareTokenCommandInput,
    Output<AssociateSoftwareTokenCommandOutput>,
  ];
  VerifySoftwareToken: [VerifySoftwareTokenCommandInput, Output<VerifySoftwareTokenCommandOutput>];
  SetUserMFAPreference: [
    SetUserMFAPreferenceCommandInput,
    Output<SetUserMFAPreferenceCommandOutput>,
  ];
  ConfirmDevice: [ConfirmDeviceCommandInput, Output<ConfirmDeviceCommandOutput>];
  UpdateDeviceStatus: [UpdateDeviceStatusCommandInput, Output<UpdateDeviceStatusCommandOutput>];
  ListDevices: [ListDevicesCommandInput, Output<ListDevicesCommandOutput>];
  ForgetDevice: [ForgetDeviceCommandInput, Output<ForgetDeviceCommandOutput>];
  GetUser: [GetUserCommandInput, Output<GetUserCommandOutput>];
  GlobalSignOut: [GlobalSignOutCommandInput, Output<GlobalSignOutCommandOutput>];
  RevokeToken: [RevokeTokenCommandInput, Output<RevokeTokenCommandOutput>];
  GetTokensFromRefreshToken: [
    GetTokensFromRefreshTokenCommandInput,
    Output<GetTokensFromRefreshTokenCommandOutput>,
  ];
  ForgotPassword: [ForgotPasswordCommandInput, Output<ForgotPasswordCommandOutput>];
  ConfirmForgotPassword: [
    ConfirmForgotPasswordCommandInput,
    Output<ConfirmForgotPasswordCommandOutput>,
  ];
  ChangePassword: [ChangePasswordCommandInput, Output<ChangePasswordCommandOutput>];
  SignUp: [SignUpCommandInput, Output<SignUpCommandOutput>];
  ConfirmSignUp: [ConfirmSignUpCommandInput, Output<ConfirmSignUpCommandOutput>];
  ResendConfirmationCode: [
    ResendConfirmationCodeCommandInput,
    Output<ResendConfirmationCodeCommandOutput>,
  ];
  UpdateUserAttributes: [
    UpdateUserAttributesCommandInput,
    Output<UpdateUserAttributesCommandOutput>,
  ];
  GetUserAttributeVerificationCode: [
    GetUserAttributeVerificationCodeCommandInput,
    Output<GetUserAttributeVerificationCodeCommandOutput>,
  ];
  VerifyUserAttribute: [VerifyUserAttributeCommandInput, Output<VerifyUserAttributeCommandOutput>];
  GetUserAuthFactors: [GetUserAuthFactorsCommandInput, Output<GetUserAuthFactorsCommandOutput>];
  ListUserSessions: [ListUserSessionsCommandInput, Output<ListUserSessionsCommandOutput>];
  RevokeUserSession: [RevokeUserSessionCommandInput, Output<RevokeUserSessionCommandOutput>];
}

export type OperationName = keyof CognitoOperations;
export type InputOf<O extends OperationName> = CognitoOperations[O][0];
export type OutputOf<O extends OperationName> = CognitoOperations[O][1];

export interface CognitoTransport {
  call<O extends OperationName>(operation: O, input: InputOf<O>): Promise<OutputOf<O>>;
}

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
  /** Per-request timeout; a hung endpoint must not hang the wizard. */
  requestTimeoutMs?: number;
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
    requestHandler: { requestTimeout: options.requestTimeoutMs ?? 15_000 },
    // Every operation here is unsigned; never look for AWS credentials.
    credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' },
  });
  const raw: CognitoTransport = {
    async call(operation, input) {
      const Command = COMMANDS[operation] as unknown as new (
        input: unknown,
      ) => Parameters<typeof client.send>[0];
      const { $metadata: _metadata, ...output } = (await client.send(new Command(input))) as {
        $metadata: unknown;
      };
      return output as OutputOf<typeof operation>;
    },
  };
  const retrying = withRetries(raw, { ...defaultRetryPolicy, ...options.retry });
  return { call: retrying.call, destroy: () => client.destroy() };
}
