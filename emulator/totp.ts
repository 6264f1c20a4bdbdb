import { Secret, TOTP } from 'otpauth';

/** A new SecretCode as Cognito returns it: 160 bits in base32 (32 characters). */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

/** True when `code` is the SHA1/6-digit/30 s code at `now`, one step either side. */
export function totpMatches(secret: string, code: string, now: number): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const totp = new TOTP({
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  });
  return totp.validate({ token: code, timestamp: now, window: 1 }) !== null;
}
