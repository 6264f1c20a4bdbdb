import { Secret, TOTP } from 'otpauth';
import { CognitoError } from './errors.js';
import type { User } from './model.js';

const PERIOD_MS = 30_000;

/** A new SecretCode as Cognito returns it: 160 bits in base32 (32 characters). */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

/** The 30 s step `code` belongs to (SHA1, 6 digits, one step either side of now), or null. */
export function totpStep(secret: string, code: string, now: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const totp = new TOTP({
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_MS / 1000,
  });
  const delta = totp.validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / PERIOD_MS) + delta;
}

/**
 * Whether the user's authenticator `code` is right now; a code from a step
 * already accepted is refused as Cognito does, so a seen code cannot be
 * replayed. A new secret being verified has no spent steps yet.
 */
export function useTotpCode(user: User, secret: string, code: string, now: number): boolean {
  const step = totpStep(secret, code, now);
  if (step === null) return false;
  const spent = secret === user.totp.secret ? (user.totp.lastUsedStep ?? -1) : -1;
  if (step <= spent)
    throw new CognitoError(
      'ExpiredCodeException',
      'Your software token has already been used once.',
    );
  user.totp.lastUsedStep = step;
  return true;
}
