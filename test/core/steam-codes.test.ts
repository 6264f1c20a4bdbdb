/** Steam Guard codes against KeePassXC's published vectors, through a link and an Aegis entry. */
import { Secret } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { codesAt } from '../../src-main/core/vault/codes';
import { parseOtpauthUri } from '../../src-main/core/vault/otpauth-uri';
import { steamCode } from '../../src-main/core/vault/steam';

// KeePassXC tests/TestTotp.cpp (testSteamTotp).
const SECRET = '63BEDWCQZKTQWPESARIERL5DTTQFCJTK';
const VECTORS: [number, string][] = [
  [1511200518, 'FR8RV'],
  [1511200714, '9P3VP'],
];

describe('Steam Guard codes', () => {
  it.each(VECTORS)('at %i s the code is %s', (seconds, expected) => {
    expect(steamCode(Secret.fromBase32(SECRET).bytes, seconds * 1000)).toBe(expected);
  });

  it('an encoder=steam link makes Steam codes, whatever digits or algorithm it claims', () => {
    const account = parseOtpauthUri(
      `otpauth://totp/Steam:gamer?secret=${SECRET}&issuer=Steam&encoder=steam&digits=6&algorithm=SHA256`,
    );
    expect(account).toMatchObject({ type: 'steam', digits: 5, algorithm: 'SHA1', period: 30 });
    const [seconds, expected] = VECTORS[0] ?? [0, ''];
    const codes = codesAt(account, account.secret, seconds * 1000);
    expect(codes.code).toBe(expected);
    expect(codes.nextCode).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
    expect(codes.secondsLeft).toBe(30 - (seconds % 30));
  });

  it('refuses encoders it does not know instead of making wrong codes', () => {
    expect(() => parseOtpauthUri(`otpauth://totp/Y:me?secret=${SECRET}&encoder=yandex`)).toThrow(
      /encoder=yandex are not supported/,
    );
    expect(() =>
      parseOtpauthUri(`otpauth://hotp/S:me?secret=${SECRET}&counter=1&encoder=steam`),
    ).toThrow(/not supported/);
  });
});
