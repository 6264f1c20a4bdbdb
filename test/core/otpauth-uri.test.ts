import { describe, expect, it } from 'vitest';
import { parseOtpauthUri } from '../../src-main/core/vault';
import type { AppError } from '../../src-main/core/errors';

const SECRET = 'JBSWY3DPEHPK3PXP';

function failure(uri: string): AppError {
  try {
    parseOtpauthUri(uri);
  } catch (error) {
    return error as AppError;
  }
  throw new Error(`expected ${uri} to be refused`);
}

describe('parseOtpauthUri', () => {
  it('reads a minimal TOTP link with the defaults', () => {
    expect(parseOtpauthUri(`otpauth://totp/alice@example.com?secret=${SECRET}`)).toEqual({
      issuer: '',
      account: 'alice@example.com',
      secret: SECRET,
      type: 'totp',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
  });

  it('reads every parameter of a TOTP link', () => {
    const parsed = parseOtpauthUri(
      `otpauth://totp/ACME:bob?secret=${SECRET}&issuer=ACME&algorithm=SHA512&digits=8&period=60`,
    );
    expect(parsed).toMatchObject({
      issuer: 'ACME',
      account: 'bob',
      algorithm: 'SHA512',
      digits: 8,
      period: 60,
    });
  });

  it.each([
    ['SHA1', 'SHA1'],
    ['sha256', 'SHA256'],
    ['SHA-512', 'SHA512'],
  ])('accepts algorithm=%s', (given, expected) => {
    expect(parseOtpauthUri(`otpauth://totp/x?secret=${SECRET}&algorithm=${given}`).algorithm).toBe(
      expected,
    );
  });

  it.each([6, 7, 8])('accepts %i digits', (digits) => {
    expect(parseOtpauthUri(`otpauth://totp/x?secret=${SECRET}&digits=${digits}`).digits).toBe(
      digits,
    );
  });

  it.each([1, 15, 45, 3600])('accepts a period of %i s', (period) => {
    expect(parseOtpauthUri(`otpauth://totp/x?secret=${SECRET}&period=${period}`).period).toBe(
      period,
    );
  });

  it('reads an HOTP link with its counter', () => {
    expect(parseOtpauthUri(`otpauth://hotp/Corp:carol?secret=${SECRET}&counter=42`)).toEqual({
      issuer: 'Corp',
      account: 'carol',
      secret: SECRET,
      type: 'hotp',
      algorithm: 'SHA1',
      digits: 6,
      counter: 42,
    });
  });

  it('takes the issuer from the label prefix when there is no parameter', () => {
    expect(parseOtpauthUri(`otpauth://totp/GitHub:dave?secret=${SECRET}`).issuer).toBe('GitHub');
  });

  it('takes the issuer from the parameter when there is no prefix', () => {
    expect(parseOtpauthUri(`otpauth://totp/dave?secret=${SECRET}&issuer=GitLab`)).toMatchObject({
      issuer: 'GitLab',
      account: 'dave',
    });
  });

  it('follows the parameter when prefix and parameter disagree', () => {
    expect(
      parseOtpauthUri(`otpauth://totp/Old%20Name:dave?secret=${SECRET}&issuer=New%20Name`),
    ).toMatchObject({ issuer: 'New Name', account: 'dave' });
  });

  it('percent-decodes the label, including an encoded colon and spaces after it', () => {
    expect(
      parseOtpauthUri(`otpauth://totp/ACME%20Co%3A%20j%C3%BCrgen%40example.com?secret=${SECRET}`),
    ).toMatchObject({ issuer: 'ACME Co', account: 'jürgen@example.com' });
  });

  it('keeps "+" in parameters as it is (issuers encode spaces as %20)', () => {
    expect(parseOtpauthUri(`otpauth://totp/x?secret=${SECRET}&issuer=A+B`).issuer).toBe('A+B');
  });

  it('tolerates lowercase, spaces and padding in the secret, and an uppercase scheme', () => {
    expect(
      parseOtpauthUri('OTPAUTH://TOTP/x?secret=jbsw%20y3dp%20ehpk%203pxp%3D%3D%3D%3D').secret,
    ).toBe(SECRET);
  });

  it.each([
    [
      'https://example.com/totp?secret=JBSWY3DPEHPK3PXP',
      'URI_NOT_OTPAUTH',
      /not an otpauth:\/\/ link/,
    ],
    [
      'otpauth-migration://offline?data=CjEKCkhlbGxvId',
      'URI_UNSUPPORTED_TYPE',
      /Google Authenticator export/,
    ],
    ['otpauth://totp', 'URI_MALFORMED', /needs a type and a label/],
    ['otpauth://totp/?secret=JBSWY3DPEHPK3PXP', 'URI_MALFORMED', /no account name/],
    ['otpauth://totp/Issuer:?secret=JBSWY3DPEHPK3PXP', 'URI_MALFORMED', /no account name/],
    [
      'otpauth://totp/a%E0%A4%A?secret=JBSWY3DPEHPK3PXP',
      'URI_MALFORMED',
      /percent-encoding in its label/,
    ],
    [
      'otpauth://steam/x?secret=JBSWY3DPEHPK3PXP',
      'URI_UNSUPPORTED_TYPE',
      /"steam" codes are not supported/,
    ],
    ['otpauth://totp/x?issuer=A', 'SECRET_MISSING', /no secret= parameter/],
    ['otpauth://totp/x?secret=', 'SECRET_MISSING', /no secret= parameter/],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PX1', 'SECRET_INVALID', /"1" is not allowed/],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXPA', 'SECRET_INVALID', /length is wrong/],
    ['otpauth://totp/x?secret=JBSWY3DP', 'SECRET_INVALID', /too short \(40 bits/],
    [
      'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=SHA224',
      'UNSUPPORTED_ALGORITHM',
      /"SHA224" is not supported/,
    ],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=MD5', 'UNSUPPORTED_ALGORITHM', /"MD5"/],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=5', 'DIGITS_OUT_OF_RANGE', /5 digits/],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=9', 'DIGITS_OUT_OF_RANGE', /6 to 8 digits/],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=six', 'DIGITS_OUT_OF_RANGE', /six/],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=0', 'PERIOD_INVALID', /from 1 to 3600/],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=-30', 'PERIOD_INVALID', /"-30"/],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=7200', 'PERIOD_INVALID', /from 1 to 3600/],
    ['otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP', 'COUNTER_INVALID', /counter=/],
    ['otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=-1', 'COUNTER_INVALID', /whole number/],
    [
      'otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=99999999999999999999',
      'COUNTER_INVALID',
      /whole number/,
    ],
  ])('refuses %s with %s', (uri, code, message) => {
    const error = failure(uri);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.field).toBe('uri');
  });
});
