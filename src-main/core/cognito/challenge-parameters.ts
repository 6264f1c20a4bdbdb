/** ChallengeParameters values that Cognito sends as JSON inside a string. */
import { protocol } from './sign-in-errors';
import type { MfaType } from './views';

const MFA_TYPES = new Set<string>(['SOFTWARE_TOKEN_MFA', 'SMS_MFA', 'EMAIL_OTP']);

/** MFAS_CAN_CHOOSE / MFAS_CAN_SETUP: a JSON *string* holding an array. */
export function parseMfaList(raw: string | undefined): MfaType[] {
  return parseStringList(raw).filter((m): m is MfaType => MFA_TYPES.has(m));
}

export function parseStringList(raw: string | undefined): string[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    throw protocol(`a challenge parameter that should be a JSON list: ${raw.slice(0, 80)}`);
  }
}

export function parseAttributes(raw: string | undefined): Record<string, string> {
  if (!raw) return {};
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return {};
    return Object.fromEntries(
      Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
  } catch {
    return {};
  }
}
