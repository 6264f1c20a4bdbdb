/** An error Cognito would return: its `__type`, message and HTTP status. */
export class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export const invalidParameter = (message: string) =>
  new CognitoError('InvalidParameterException', message);

export const notAuthorized = (message: string) =>
  new CognitoError('NotAuthorizedException', message);

export const resourceNotFound = (message: string) =>
  new CognitoError('ResourceNotFoundException', message);

/** The one message for a wrong password and an unknown user alike. */
export const incorrectCredentials = () => notAuthorized('Incorrect username or password.');

export const sessionExpired = () =>
  notAuthorized('Invalid session for the user, session is expired.');

export const sessionUsed = () =>
  notAuthorized('Invalid session for the user, session can only be used once.');

export const codeMismatch = () =>
  new CognitoError('CodeMismatchException', 'Invalid code received for user');
