/** Which USER_AUTH factors a user has set up, as GetUserAuthFactors reports them. */
import type { AuthFactor, Pool, User } from './model.js';

export const allowedFirstFactors = (pool: Pool): AuthFactor[] =>
  pool.allowedFirstAuthFactors ?? ['PASSWORD'];

const verified = (user: User, attr: 'email' | 'phone_number') =>
  user.attributes[attr] !== undefined && user.attributes[`${attr}_verified`] === 'true';

/**
 * A factor counts when the user can answer it: a password is set, a verified
 * address can receive a code the pool sends as a first factor or as MFA, an
 * authenticator or a passkey is registered.
 */
export function configuredFactors(pool: Pool, user: User): AuthFactor[] {
  const first = allowedFirstFactors(pool);
  const out: AuthFactor[] = [];
  if (user.password !== null) out.push('PASSWORD');
  if (
    verified(user, 'email') &&
    (first.includes('EMAIL_OTP') || user.mfaEnabled.includes('EMAIL_OTP'))
  )
    out.push('EMAIL_OTP');
  if (
    verified(user, 'phone_number') &&
    (first.includes('SMS_OTP') || user.mfaEnabled.includes('SMS_MFA'))
  )
    out.push('SMS_OTP');
  if (user.totp.secret !== null) out.push('SOFTWARE_TOKEN');
  if (user.passkeys?.length) out.push('WEB_AUTHN');
  return out;
}
