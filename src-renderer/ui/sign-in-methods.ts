/** Cognito's names for the ways to sign in (GetUserAuthFactors and its admin twin), in words. */
const METHOD_NAMES: Record<string, string> = {
  PASSWORD: 'Password',
  EMAIL_OTP: 'A code by email',
  SMS_OTP: 'A code by text message',
  SOFTWARE_TOKEN: 'Authenticator app',
  WEB_AUTHN: 'Passkey',
};

/** A name Cognito adds later is shown as it comes rather than dropped. */
export function signInMethodName(method: string): string {
  return METHOD_NAMES[method] ?? method;
}
