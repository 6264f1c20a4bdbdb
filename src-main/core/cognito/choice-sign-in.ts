/**
 * USER_AUTH, choice-based sign-in: the first factor is chosen from
 * Cognito's AvailableChallenges. A password is proven with SRP whenever
 * PASSWORD_SRP is offered and sent as PASSWORD only when it is not; codes by
 * email or text message are answered like their MFA namesakes.
 */
import { AppError } from '../errors';
import type { AuthSession, ChallengeOutput } from './auth-session';
import type { SrpEphemeral } from './srp';

/** A first factor the person can pick in this app. */
export type FirstFactor = 'PASSWORD' | 'EMAIL_OTP' | 'SMS_OTP';

export const FIRST_FACTOR_LABELS: Record<FirstFactor, string> = {
  PASSWORD: 'Password',
  EMAIL_OTP: 'A code by email',
  SMS_OTP: 'A code by text message',
};

/** The parameter under which the SELECT_CHALLENGE phase keeps AvailableChallenges. */
export const AVAILABLE = 'AVAILABLE_CHALLENGES';

export function availableOf(params: Record<string, string>): string[] {
  try {
    const list: unknown = JSON.parse(params[AVAILABLE] ?? '[]');
    return Array.isArray(list) ? list.filter((c): c is string => typeof c === 'string') : [];
  } catch {
    return [];
  }
}

/** What the app can offer from what Cognito listed: WEB_AUTHN is left out (see the step's text). */
export function offeredFactors(available: string[]): FirstFactor[] {
  const out: FirstFactor[] = [];
  if (available.includes('PASSWORD_SRP') || available.includes('PASSWORD')) out.push('PASSWORD');
  if (available.includes('EMAIL_OTP')) out.push('EMAIL_OTP');
  if (available.includes('SMS_OTP')) out.push('SMS_OTP');
  return out;
}

export function initiateChoiceAuth(session: AuthSession): Promise<ChallengeOutput> {
  return session.initiate('USER_AUTH', {});
}

export function answerFirstFactor(
  session: AuthSession,
  params: Record<string, string>,
  choice: FirstFactor,
  password: string,
  srp: () => SrpEphemeral,
): Promise<ChallengeOutput> {
  const available = availableOf(params);
  if (!offeredFactors(available).includes(choice)) {
    throw new AppError({
      code: 'INVALID_CHOICE',
      message: 'That way of signing in is not offered for this account. Choose another.',
      field: 'factor',
    });
  }
  if (choice !== 'PASSWORD') return session.respond('SELECT_CHALLENGE', { ANSWER: choice });
  if (password === '')
    throw new AppError({
      code: 'PASSWORD_REQUIRED',
      message: 'Enter your password.',
      field: 'password',
    });
  if (available.includes('PASSWORD_SRP'))
    return session.respond('SELECT_CHALLENGE', { ANSWER: 'PASSWORD_SRP', SRP_A: srp().srpA });
  return session.respond('SELECT_CHALLENGE', { ANSWER: 'PASSWORD', PASSWORD: password });
}
