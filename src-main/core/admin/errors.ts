/**
 * Admin call failures in plain words. IAM's refusal names the action to ask
 * for; an expired SSO session names the command that renews it. AWS's own
 * text goes in the details line, never anything secret.
 */
import { AppError } from '../errors';
import {
  exceptionMessage,
  exceptionName,
  httpStatusOf,
  isRetryableServiceError,
} from '../cognito/errors';

export interface AdminErrorContext {
  operation: string;
  awsProfile?: string;
}

const detailOf = (error: unknown) =>
  `${exceptionName(error) ?? 'Error'}: ${exceptionMessage(error)}`;

function isExpiredSso(error: unknown): boolean {
  const text = `${exceptionName(error) ?? ''} ${exceptionMessage(error)}`;
  return /sso/i.test(text) && /expired|refresh|invalid|aws sso login|token/i.test(text);
}

function isMissingCredentials(error: unknown): boolean {
  const name = exceptionName(error);
  return (
    name === 'CredentialsProviderError' ||
    name === 'TokenProviderError' ||
    /could not load credentials|credential_process|profile .* (could not be found|not found)/i.test(
      exceptionMessage(error),
    )
  );
}

/** The IAM action in AccessDeniedException's message ("…not authorized to perform: cognito-idp:X…"). */
export function refusedAction(error: unknown, operation: string): string {
  const m = /not authorized to perform:?\s*([\w-]+:\w+)/i.exec(exceptionMessage(error));
  return m?.[1] ?? `cognito-idp:${operation}`;
}

const isProgrammingError = (error: unknown) =>
  (error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError) &&
  (error as { code?: unknown }).code === undefined;

/**
 * For `throw`: a failure of AWS, its credentials or the network becomes an
 * AppError; a bug in this app passes on unchanged, so the router logs it.
 */
export function adminError(error: unknown, ctx: AdminErrorContext): unknown {
  if (error instanceof AppError || isProgrammingError(error)) return error;
  const name = exceptionName(error);
  const detail = detailOf(error);
  const profile = ctx.awsProfile ?? 'default';
  if (isExpiredSso(error))
    return new AppError({
      code: 'ADMIN_SSO_EXPIRED',
      message: `Your AWS sign-in has expired: run “aws sso login --profile ${profile}” in a terminal, then try again.`,
      retryable: true,
      detail: detail,
    });
  if (
    name === 'ExpiredTokenException' ||
    (/expired/i.test(exceptionMessage(error)) && isMissingCredentials(error))
  )
    return new AppError({
      code: 'ADMIN_CREDENTIALS_EXPIRED',
      message: `The AWS credentials of profile “${profile}” have expired. Renew them where they come from (its credential_process, role or keys), then try again.`,
      retryable: true,
      detail: detail,
    });
  if (isMissingCredentials(error))
    return new AppError({
      code: 'ADMIN_NO_CREDENTIALS',
      message: `No AWS credentials could be loaded for profile “${profile}”. Check ~/.aws/config and ~/.aws/credentials, or choose another AWS profile for admin mode.`,
      detail: detail,
    });
  switch (name) {
    case 'AccessDeniedException':
      return new AppError({
        code: 'ADMIN_ACCESS_DENIED',
        message: `Your AWS identity may not do this: IAM refused ${refusedAction(error, ctx.operation)}. Ask your AWS administrator to allow that action on this user pool.`,
        detail: detail,
      });
    case 'UnrecognizedClientException':
    case 'InvalidSignatureException':
    case 'IncompleteSignatureException':
    case 'MissingAuthenticationTokenException':
      return new AppError({
        code: 'ADMIN_BAD_CREDENTIALS',
        message: `AWS did not accept the credentials of profile “${profile}”. They may have been deleted or mistyped; check the profile, then try again.`,
        detail: detail,
      });
    case 'UserNotFoundException':
      return new AppError({
        code: 'ADMIN_USER_NOT_FOUND',
        message: 'There is no such user in this pool (it may have been deleted). Search again.',
        detail: detail,
      });
    case 'UsernameExistsException':
      return new AppError({
        code: 'ADMIN_USER_EXISTS',
        message:
          'A user with this username already exists in this pool. Pick another username, or find that user.',
        detail: detail,
        field: 'username',
      });
    case 'InvalidPasswordException':
      return new AppError({
        code: 'ADMIN_INVALID_PASSWORD',
        message: 'That password does not meet the pool’s rules (shown below the field).',
        detail: detail,
        field: 'password',
      });
    case 'UnsupportedUserStateException':
      return new AppError({
        code: 'ADMIN_WRONG_STATE',
        message:
          'This user is not waiting for an invitation, so there is nothing to resend. Set a temporary password instead.',
        detail: detail,
      });
    case 'GroupExistsException':
      return new AppError({
        code: 'ADMIN_GROUP_EXISTS',
        message: 'That group already exists.',
        detail: detail,
      });
    case 'ResourceNotFoundException':
      return new AppError({
        code: 'ADMIN_NOT_FOUND',
        message:
          'Cognito could not find what this refers to (the pool, group or device may have been removed). Reload and try again.',
        detail: detail,
      });
    case 'InvalidParameterException':
      return new AppError({
        code: 'ADMIN_INVALID',
        message: 'Cognito did not accept these values. The details line says which one.',
        detail: detail,
      });
    case 'UserPoolAddOnNotEnabledException':
      return new AppError({
        code: 'ADMIN_NO_THREAT_PROTECTION',
        message: 'This pool does not have threat protection, so Cognito keeps no sign-in history.',
        detail: detail,
      });
    case 'NotAuthorizedException':
      return new AppError({
        code: 'ADMIN_REFUSED',
        message: `Cognito refused this: ${exceptionMessage(error)}`,
        detail: detail,
      });
  }
  if (isRetryableServiceError(error))
    return new AppError({
      code: 'ADMIN_SERVICE_BUSY',
      message: 'Cognito is busy or had a problem. Wait a moment and try again.',
      retryable: true,
      detail: detail,
    });
  if (httpStatusOf(error) !== undefined)
    return new AppError({
      code: 'ADMIN_FAILED',
      message: `Cognito refused ${ctx.operation}.`,
      detail: detail,
    });
  return new AppError({
    code: 'ADMIN_UNREACHABLE',
    message:
      'Cognito could not be reached. Check the network (or that the pool’s endpoint is running) and try again.',
    retryable: true,
    detail: detail,
  });
}
