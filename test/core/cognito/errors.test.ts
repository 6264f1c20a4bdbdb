import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-main/core/errors';
import { describePasswordPolicy, toAppError } from '../../../src-main/core/cognito/errors';
import { awsError } from '../../helpers/fake-cognito';

describe('toAppError', () => {
  it('branches NotAuthorizedException on its message', () => {
    const cases: [string, string][] = [
      ['Incorrect username or password.', 'WRONG_CREDENTIALS'],
      ['Password attempts exceeded', 'LOCKED_OUT'],
      ['Invalid session for the user, session is expired.', 'SESSION_EXPIRED'],
      ['Invalid session for the user, session can only be used once.', 'SESSION_USED'],
      ['Refresh Token has expired', 'REFRESH_EXPIRED'],
      ['Invalid Refresh Token', 'REFRESH_EXPIRED'],
      ['Access Token has been revoked', 'SIGNED_OUT'],
      ['Unable to verify secret hash for client abc', 'CLIENT_SECRET_MISMATCH'],
      ['USER_PASSWORD_AUTH flow not enabled for this client', 'FLOW_NOT_ENABLED'],
      ['User is disabled.', 'USER_DISABLED'],
      ['SignUp is not permitted for this user pool', 'SIGN_UP_NOT_ALLOWED'],
      ['Something new', 'NOT_AUTHORIZED'],
    ];
    for (const [message, code] of cases)
      expect(toAppError(awsError('NotAuthorizedException', message)).code, message).toBe(code);
  });

  it("recognises Cognito's wording for each auth flow a client does not allow", () => {
    for (const message of [
      'USER_SRP_AUTH is not enabled for the client.',
      'USER_PASSWORD_AUTH flow not enabled for this client',
      'CUSTOM_AUTH is not enabled for the client.',
      'USER_AUTH is not enabled for the client.',
      'Initiate Auth method not supported.',
    ]) {
      const e = toAppError(awsError('InvalidParameterException', message));
      expect(e.code, message).toBe('FLOW_NOT_ENABLED');
      expect(e.message).toContain('does not allow this way of signing in');
    }
  });

  it('asks for the next authenticator code when Cognito saw this one already', () => {
    const reused = toAppError(
      awsError('ExpiredCodeException', 'Your software token has already been used once.'),
    );
    expect(reused.code).toBe('CODE_ALREADY_USED');
    expect(reused.message).toMatch(/wait for your authenticator to show the next code/i);
    expect(reused.message).not.toMatch(/new one/i);
    expect(reused.retryable).toBe(true);
    const expired = toAppError(
      awsError('ExpiredCodeException', 'Invalid code provided, please request a code again.'),
    );
    expect(expired.code).toBe('CODE_EXPIRED');
  });

  it('never reveals whether a user exists', () => {
    const unknown = toAppError(awsError('UserNotFoundException', 'User does not exist.'));
    const wrong = toAppError(awsError('NotAuthorizedException', 'Incorrect username or password.'));
    expect(unknown.message).toBe(wrong.message);
    expect(unknown.message).not.toMatch(/exist/);
  });

  it("adds the pool's password policy to InvalidPasswordException when known", () => {
    const e = toAppError(
      awsError(
        'InvalidPasswordException',
        'Password did not conform with policy: Password not long enough',
      ),
      {
        passwordPolicy: {
          minimumLength: 12,
          requireLowercase: true,
          requireUppercase: false,
          requireNumbers: true,
          requireSymbols: true,
        },
      },
    );
    expect(e.message).toBe(
      "That password does not meet the pool's rules. Passwords need at least 12 characters, with a lowercase letter, a number and a symbol.",
    );
    expect(e.detail).toBe(
      'InvalidPasswordException: Password did not conform with policy: Password not long enough',
    );
    expect(e.field).toBe('newPassword');
    expect(
      describePasswordPolicy({
        minimumLength: 8,
        requireLowercase: false,
        requireUppercase: false,
        requireNumbers: false,
        requireSymbols: false,
      }),
    ).toBe('Passwords need at least 8 characters.');
  });

  it('tells a missing pool or client from a forgotten device', () => {
    expect(
      toAppError(awsError('ResourceNotFoundException', 'User pool client abc does not exist.'))
        .code,
    ).toBe('POOL_NOT_FOUND');
    expect(toAppError(awsError('ResourceNotFoundException', 'Device does not exist.')).code).toBe(
      'DEVICE_NOT_FOUND',
    );
  });

  it('maps 5xx and network failures to retryable errors that name the endpoint', () => {
    expect(toAppError(awsError('ServiceUnavailable', 'x', 503))).toMatchObject({
      code: 'SERVICE_ERROR',
      retryable: true,
    });
    const net = toAppError(
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
      { endpoint: 'http://127.0.0.1:9' },
    );
    expect(net).toMatchObject({ code: 'NETWORK', retryable: true });
    expect(net.message).toContain('http://127.0.0.1:9');
  });

  it('keeps AppErrors and puts the exception in detail', () => {
    const own = new AppError({ code: 'X', message: 'y' });
    expect(toAppError(own)).toBe(own);
    expect(toAppError(awsError('LimitExceededException', 'Attempt limit exceeded'))).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      retryable: false,
      detail: 'LimitExceededException: Attempt limit exceeded',
    });
    expect(toAppError(awsError('WeirdException', 'odd'))).toMatchObject({
      code: 'COGNITO_ERROR',
      message: 'Cognito refused the request: odd',
    });
  });
});
