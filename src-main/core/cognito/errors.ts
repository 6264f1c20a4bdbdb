/**
 * Cognito exceptions → AppError with words a non-engineer understands and the
 * next step (shared/COGNITO.md, "Errors a client must map"). The exception
 * name and AWS's own message go in `detail`, for the UI's details line.
 */
import { AppError } from '../errors';
import type { PasswordPolicyView } from './views';

/** The exception name of an SDK or transport error, if it has one. */
export function exceptionName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const name = (error as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}

export function exceptionMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const m = (error as { message?: unknown }).message;
    if (typeof m === 'string') return m;
  }
  return String(error);
}

export function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const meta = (error as { $metadata?: { httpStatusCode?: unknown } }).$metadata;
  return typeof meta?.httpStatusCode === 'number' ? meta.httpStatusCode : undefined;
}

export function isThrottling(error: unknown): boolean {
  const name = exceptionName(error);
  return name === 'TooManyRequestsException' || name === 'ThrottlingException';
}

/** Throttling or a server-side failure: the only errors retried automatically. */
export function isRetryableServiceError(error: unknown): boolean {
  if (isThrottling(error)) return true;
  if (exceptionName(error) === 'InternalErrorException') return true;
  const status = httpStatusOf(error);
  return status !== undefined && status >= 500;
}

export function isSessionExpired(error: unknown): boolean {
  return (
    exceptionName(error) === 'NotAuthorizedException' &&
    /session is expired|invalid session/i.test(exceptionMessage(error))
  );
}

export function isDeviceGone(error: unknown): boolean {
  return (
    exceptionName(error) === 'ResourceNotFoundException' && /device/i.test(exceptionMessage(error))
  );
}

export function describePasswordPolicy(policy: PasswordPolicyView): string {
  const needs = [
    policy.requireLowercase && 'a lowercase letter',
    policy.requireUppercase && 'an uppercase letter',
    policy.requireNumbers && 'a number',
    policy.requireSymbols && 'a symbol',
  ].filter((s): s is string => typeof s === 'string');
  const rest = needs.length > 0 ? `, with ${joinWords(needs)}` : '';
  return `Passwords need at least ${policy.minimumLength} characters${rest}.`;
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

export interface ErrorContext {
  /** Shown with InvalidPasswordException. */
  passwordPolicy?: PasswordPolicyView;
  /** Where the call went, for network failures. */
  endpoint?: string;
  /** The form field a code-related error belongs to (default `code`). */
  codeField?: string;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);

function isNetworkFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const name = exceptionName(error);
  return (
    (typeof code === 'string' && NETWORK_CODES.has(code)) ||
    name === 'TimeoutError' ||
    name === 'RequestTimeout' ||
    (httpStatusOf(error) === undefined &&
      /ECONNREFUSED|socket hang up|getaddrinfo|fetch failed/i.test(exceptionMessage(error)))
  );
}

/**
 * For `throw`: a failure of Cognito or of the network becomes an AppError;
 * anything else (a bug in this app) is passed on unchanged, so the IPC
 * router logs it instead of blaming Cognito.
 */
export function userFacing(error: unknown, context: ErrorContext = {}): unknown {
  if (error instanceof AppError || httpStatusOf(error) !== undefined || isNetworkFailure(error)) {
    return toAppError(error, context);
  }
  return error;
}

/** Turns anything a Cognito call threw into an AppError; AppErrors pass through. */
export function toAppError(error: unknown, context: ErrorContext = {}): AppError {
  if (error instanceof AppError) return error;
  const name = exceptionName(error) ?? 'Error';
  const awsMessage = exceptionMessage(error);
  const detail = `${name}: ${awsMessage}`;
  const codeField = context.codeField ?? 'code';
  const make = (code: string, message: string, retryable = false, field?: string) =>
    new AppError({ code, message, retryable, detail, field });

  switch (name) {
    case 'NotAuthorizedException':
      return notAuthorized(awsMessage, make);
    case 'UsernameExistsException':
      return make(
        'USERNAME_EXISTS',
        'An account with that username already exists. Sign in instead, or use "Forgot password".',
        false,
        'username',
      );
    case 'UserNotFoundException':
      // Never reveal whether the user exists.
      return make(
        'WRONG_CREDENTIALS',
        'Incorrect username or password. Check both and try again.',
        true,
        'password',
      );
    case 'CodeMismatchException':
      return make(
        'CODE_MISMATCH',
        'That code is not right. Check it and try again.',
        true,
        codeField,
      );
    case 'ExpiredCodeException':
      if (/already been used/i.test(awsMessage))
        return make(
          'CODE_ALREADY_USED',
          'That code was already used. Wait for your authenticator to show the next code, then enter it.',
          true,
          codeField,
        );
      return make(
        'CODE_EXPIRED',
        'That code has expired. Ask for a new one and enter it.',
        true,
        codeField,
      );
    case 'EnableSoftwareTokenMFAException':
      return make(
        'TOTP_VERIFY_FAILED',
        "The authenticator's code was not accepted. Check that this computer's and the phone's clocks are right, then enter a fresh code.",
        true,
        codeField,
      );
    case 'SoftwareTokenMFANotFoundException':
      return make(
        'TOTP_NOT_ENABLED',
        'Authenticator-app MFA is not set up for this user or not enabled in this pool. Ask your administrator.',
      );
    case 'TooManyRequestsException':
    case 'ThrottlingException':
      return make(
        'THROTTLED',
        'Cognito is receiving too many requests. Wait a moment and try again.',
        true,
      );
    case 'LimitExceededException':
      return make(
        'LIMIT_EXCEEDED',
        'A limit was reached for this account. Wait a while before trying again.',
      );
    case 'PasswordResetRequiredException':
      return make(
        'PASSWORD_RESET_REQUIRED',
        'Your password must be reset before you can sign in. Use "Forgot password" or ask your administrator.',
      );
    case 'UserNotConfirmedException':
      return make(
        'USER_NOT_CONFIRMED',
        'This account has not been confirmed yet. Confirm it with the code you were sent, or ask your administrator.',
      );
    case 'InvalidPasswordException': {
      const policy = context.passwordPolicy
        ? ` ${describePasswordPolicy(context.passwordPolicy)}`
        : '';
      // AWS's own wording stays in the detail; the policy says what to type instead.
      return make(
        'INVALID_PASSWORD',
        `That password does not meet the pool's rules.${policy}`,
        false,
        'newPassword',
      );
    }
    case 'ResourceNotFoundException':
      return /device/i.test(awsMessage)
        ? make(
            'DEVICE_NOT_FOUND',
            'This device is no longer known to Cognito; it was probably forgotten. Sign in again to remember it anew.',
          )
        : make(
            'POOL_NOT_FOUND',
            "Cognito does not know this user pool or app client. Check the profile's pool id, client id and region.",
          );
    case 'CodeDeliveryFailureException':
      return make(
        'CODE_DELIVERY_FAILED',
        'Cognito could not send the code. Try again in a moment, or ask your administrator.',
        true,
      );
    case 'InvalidParameterException':
      // Cognito reports an auth flow the app client does not allow this way.
      if (FLOW_NOT_ENABLED.test(awsMessage)) return flowNotEnabled(awsMessage, make);
      if (/no registered\/verified email or phone/i.test(awsMessage))
        return make(
          'NO_RECOVERY_ADDRESS',
          'This account has no verified email or phone to send a code to. Ask your administrator to reset your password.',
        );
      return make('INVALID_PARAMETER', `Cognito rejected the request: ${awsMessage}`);
    case 'InvalidUserPoolConfigurationException':
      return make('POOL_MISCONFIGURED', `The user pool is not set up for this: ${awsMessage}`);
    case 'InternalErrorException':
      return make('SERVICE_ERROR', 'Cognito had an internal error. Try again in a moment.', true);
    default:
      break;
  }
  const status = httpStatusOf(error);
  if (status !== undefined && status >= 500) {
    return make('SERVICE_ERROR', 'Cognito had an internal error. Try again in a moment.', true);
  }
  if (name === 'TimeoutError' || name === 'RequestTimeout') {
    return make(
      'NETWORK',
      `${context.endpoint ?? 'Cognito'} did not answer in time. Check the network (or the endpoint in the profile) and try again.`,
      true,
    );
  }
  if (isNetworkFailure(error)) {
    const where = context.endpoint ?? 'Cognito';
    return make(
      'NETWORK',
      `Could not reach ${where}. Check the network (or the endpoint in the profile) and try again.`,
      true,
    );
  }
  return make('COGNITO_ERROR', `Cognito refused the request: ${awsMessage}`);
}

/**
 * Cognito's words for a flow the app client refuses: "USER_SRP_AUTH is not
 * enabled for the client.", "USER_PASSWORD_AUTH flow not enabled for this
 * client", and "Initiate Auth method not supported." for an admin-only flow.
 */
const FLOW_NOT_ENABLED =
  /flow not enabled|is not enabled for the client|initiate auth method not supported/i;

function flowNotEnabled(
  message: string,
  make: (code: string, message: string) => AppError,
): AppError {
  return make(
    'FLOW_NOT_ENABLED',
    `This app client does not allow this way of signing in. Change the profile's auth flow or ask your administrator. (${message})`,
  );
}

function notAuthorized(
  message: string,
  make: (code: string, message: string, retryable?: boolean, field?: string) => AppError,
): AppError {
  if (/password attempts exceeded/i.test(message)) {
    return make('LOCKED_OUT', 'Too many wrong passwords. Wait a few minutes before trying again.');
  }
  if (/can only be used once/i.test(message)) {
    return make(
      'SESSION_USED',
      'This sign-in step was already answered, so it cannot be answered again. Start again; your username is kept.',
      true,
    );
  }
  if (/session is expired|invalid session/i.test(message)) {
    return make(
      'SESSION_EXPIRED',
      'This sign-in took too long and its session expired. Start again; your username is kept.',
      true,
    );
  }
  if (/refresh token/i.test(message)) {
    return make('REFRESH_EXPIRED', 'Your sign-in has expired or was revoked. Sign in again.');
  }
  if (/access token/i.test(message)) {
    return make(
      'SIGNED_OUT',
      'Your session was ended (possibly signed out everywhere). Sign in again.',
    );
  }
  if (/secret hash/i.test(message)) {
    return make(
      'CLIENT_SECRET_MISMATCH',
      "The app client's secret in this profile is wrong or missing. Fix it in the profile.",
    );
  }
  if (/flow.*not (enabled|supported)|not enabled for/i.test(message)) {
    return flowNotEnabled(message, make);
  }
  if (/signup is not permitted|sign ?up is not permitted/i.test(message)) {
    return make(
      'SIGN_UP_NOT_ALLOWED',
      'This pool does not let people create their own accounts. Ask your administrator for one.',
    );
  }
  if (/disabled/i.test(message)) {
    return make('USER_DISABLED', 'This account is disabled. Ask your administrator.');
  }
  if (/incorrect username or password/i.test(message)) {
    return make(
      'WRONG_CREDENTIALS',
      'Incorrect username or password. Check both and try again.',
      true,
      'password',
    );
  }
  return make('NOT_AUTHORIZED', `Cognito refused: ${message}`);
}
