/** The steps a person answers during sign-in, and the answer each takes. */
import type { FirstFactor } from './choice-sign-in';
import type { MfaType } from './views';

export type SignInAnswer =
  | { kind: 'SMS_MFA' | 'EMAIL_OTP' | 'SMS_OTP' | 'SOFTWARE_TOKEN_MFA'; code: string }
  | { kind: 'SELECT_CHALLENGE'; factor: FirstFactor; password: string }
  | { kind: 'SELECT_MFA_TYPE'; mfaType: MfaType }
  | { kind: 'MFA_SETUP'; code?: string; useThisComputer: boolean; friendlyDeviceName: string }
  | { kind: 'NEW_PASSWORD_REQUIRED'; newPassword: string; attributes: Record<string, string> }
  | { kind: 'CUSTOM_CHALLENGE'; answer: string };

/** The challenges shown to a person as they come; MFA_SETUP needs a secret fetched first. */
export type PersonChallenge =
  | 'SMS_MFA'
  | 'EMAIL_OTP'
  | 'SOFTWARE_TOKEN_MFA'
  | 'SELECT_MFA_TYPE'
  | 'NEW_PASSWORD_REQUIRED'
  | 'CUSTOM_CHALLENGE'
  | 'SELECT_CHALLENGE'
  | 'SMS_OTP';

const PERSON_CHALLENGES = new Set<string>([
  'SMS_MFA',
  'EMAIL_OTP',
  'SOFTWARE_TOKEN_MFA',
  'SELECT_MFA_TYPE',
  'NEW_PASSWORD_REQUIRED',
  'CUSTOM_CHALLENGE',
  'SELECT_CHALLENGE',
  'SMS_OTP',
]);

export function isPersonChallenge(name: string): name is PersonChallenge {
  return PERSON_CHALLENGES.has(name);
}
