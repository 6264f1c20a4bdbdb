/** Who may sign up and which first factors USER_AUTH offers: CreateUserPool's settings for them. */
import { invalidParameter } from './errors.js';
import type { AuthFactor, Pool } from './model.js';
import type { Body } from './validate.js';
import { optionalBoolean, optionalObject, optionalStringList } from './validate.js';

const FIRST_FACTORS: AuthFactor[] = ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'];

export function signInPolicy(
  body: Body,
): Pick<Pool, 'adminCreateUserOnly' | 'allowedFirstAuthFactors'> {
  const adminOnly = optionalBoolean(
    optionalObject(body, 'AdminCreateUserConfig') ?? {},
    'AllowAdminCreateUserOnly',
  );
  const policy = optionalObject(optionalObject(body, 'Policies') ?? {}, 'SignInPolicy') ?? {};
  const factors = optionalStringList(policy, 'AllowedFirstAuthFactors');
  const bad = factors?.find((f) => !FIRST_FACTORS.includes(f as AuthFactor));
  if (bad !== undefined)
    throw invalidParameter(`AllowedFirstAuthFactors may contain only ${FIRST_FACTORS.join(', ')}`);
  if (factors && !factors.includes('PASSWORD'))
    throw invalidParameter('AllowedFirstAuthFactors must include PASSWORD.');
  return {
    ...(adminOnly !== undefined ? { adminCreateUserOnly: adminOnly } : {}),
    ...(factors ? { allowedFirstAuthFactors: factors as AuthFactor[] } : {}),
  };
}

export const signInPolicyView = (pool: Pool) => ({
  AdminCreateUserConfig: { AllowAdminCreateUserOnly: pool.adminCreateUserOnly ?? false },
  SignInPolicy: { AllowedFirstAuthFactors: pool.allowedFirstAuthFactors ?? ['PASSWORD'] },
});
