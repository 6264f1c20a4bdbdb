/**
 * What a user will meet at the next sign-in, from their state and the pool's
 * MFA and device configuration, so the admin can tell them before they try.
 */
import type { MfaType } from '../cognito/views';

export interface NextSignInFacts {
  status: string;
  enabled: boolean;
  mfaEnabled: MfaType[];
  preferredMfa?: MfaType;
  pool: {
    mfaConfiguration: 'OFF' | 'ON' | 'OPTIONAL';
    totpEnabled: boolean;
    smsEnabled: boolean;
    emailEnabled: boolean;
    challengeRequiredOnNewDevice: boolean;
  };
  rememberedDevices: number;
}

const FACTOR_WORDS: Record<MfaType, string> = {
  SOFTWARE_TOKEN_MFA: 'a code from their authenticator app',
  SMS_MFA: 'a code sent by text message',
  EMAIL_OTP: 'a code sent by email',
};

export function explainNextSignIn(f: NextSignInFacts): string {
  if (!f.enabled) return 'They cannot sign in: the account is disabled.';
  const first =
    f.status === 'FORCE_CHANGE_PASSWORD'
      ? 'They sign in with the temporary password and must then choose a new one.'
      : f.status === 'RESET_REQUIRED'
        ? 'They must reset their password first, with the code Cognito sent them.'
        : f.status === 'UNCONFIRMED'
          ? 'They must confirm their account before they can sign in.'
          : 'They sign in with their password.';
  const usable = f.mfaEnabled.filter((t) =>
    t === 'SOFTWARE_TOKEN_MFA'
      ? f.pool.totpEnabled
      : t === 'SMS_MFA'
        ? f.pool.smsEnabled
        : f.pool.emailEnabled,
  );
  let second: string;
  if (f.pool.mfaConfiguration === 'OFF')
    second = 'The pool has MFA off, so no second step follows.';
  else if (usable.length === 0)
    second =
      f.pool.mfaConfiguration === 'ON'
        ? f.pool.totpEnabled
          ? 'MFA is required and they have no factor, so Cognito makes them set up an authenticator app (QR code) right after the password.'
          : 'MFA is required but they have no factor the pool offers: they cannot finish signing in until one is set up.'
        : 'MFA is optional and they have no factor, so the password alone signs them in.';
  else {
    const preferred =
      f.preferredMfa && usable.includes(f.preferredMfa) ? f.preferredMfa : undefined;
    second =
      preferred || usable.length === 1
        ? `Then Cognito asks for ${FACTOR_WORDS[preferred ?? usable[0]!]}.`
        : `Then they choose between ${usable.map((t) => FACTOR_WORDS[t]).join(' and ')}.`;
    if (f.pool.challengeRequiredOnNewDevice && f.rememberedDevices > 0)
      second += ` On ${f.rememberedDevices === 1 ? 'their remembered device' : `their ${f.rememberedDevices} remembered devices`} that step is skipped.`;
  }
  return `${first} ${second}`;
}
