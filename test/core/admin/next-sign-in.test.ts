/** What the admin is told a user's next sign-in asks, and the ListUsers filter built from plain fields. */
import { describe, expect, it } from 'vitest';
import { explainNextSignIn } from '../../../src-main/core/admin/next-sign-in';
import type { NextSignInFacts } from '../../../src-main/core/admin/next-sign-in';
import { filterFor } from '../../../src-main/core/admin/service';

const base: NextSignInFacts = {
  status: 'CONFIRMED',
  enabled: true,
  mfaEnabled: [],
  pool: {
    mfaConfiguration: 'OPTIONAL',
    totpEnabled: true,
    smsEnabled: false,
    emailEnabled: true,
    challengeRequiredOnNewDevice: true,
  },
  rememberedDevices: 0,
};

describe('explainNextSignIn', () => {
  it('puts a disabled account before everything else', () => {
    expect(explainNextSignIn({ ...base, enabled: false, status: 'FORCE_CHANGE_PASSWORD' })).toBe(
      'They cannot sign in: the account is disabled.',
    );
  });

  it('names the preferred factor and the remembered devices that skip it', () => {
    expect(
      explainNextSignIn({
        ...base,
        mfaEnabled: ['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'],
        preferredMfa: 'SOFTWARE_TOKEN_MFA',
        rememberedDevices: 2,
      }),
    ).toBe(
      'They sign in with their password. Then Cognito asks for a code from their authenticator app. On their 2 remembered devices that step is skipped.',
    );
  });

  it('offers the choice when several factors and none preferred', () => {
    expect(explainNextSignIn({ ...base, mfaEnabled: ['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'] })).toBe(
      'They sign in with their password. Then they choose between a code from their authenticator app and a code sent by email.',
    );
  });

  it('ignores a factor the pool no longer offers, and says when MFA is required but impossible', () => {
    expect(
      explainNextSignIn({
        ...base,
        mfaEnabled: ['SMS_MFA'],
        pool: { ...base.pool, mfaConfiguration: 'ON', totpEnabled: false },
      }),
    ).toBe(
      'They sign in with their password. MFA is required but they have no factor the pool offers: they cannot finish signing in until one is set up.',
    );
  });
});

describe('filterFor', () => {
  it('builds Cognito filter syntax, escaping quotes and backslashes', () => {
    expect(filterFor({ field: 'email', value: ' a"b\\c ' })).toBe('email ^= "a\\"b\\\\c"');
    expect(filterFor({ field: 'status', value: 'FORCE_CHANGE_PASSWORD' })).toBe(
      'cognito:user_status = "FORCE_CHANGE_PASSWORD"',
    );
    expect(filterFor({ field: 'enabled', value: 'disabled' })).toBe('status = "Disabled"');
    expect(filterFor({ field: 'username', value: '   ' })).toBeUndefined();
  });
});
