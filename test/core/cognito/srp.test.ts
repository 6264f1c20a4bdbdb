/**
 * Our SRP against AWS's own AuthenticationHelper on identical inputs, and the
 * formats Cognito is picky about.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  N,
  authenticationKey,
  createEphemeral,
  deviceVerifier,
  formatTimestamp,
  g,
  k,
  modPow,
  padHex,
  passwordClaim,
  poolNameOf,
} from '../../../src-main/core/cognito/srp';
import { createDeviceSecret } from '../../../src-main/core/cognito/device-srp';

const require = createRequire(import.meta.url);
type BigInt = { toString(radix: number): string };
const BigInteger = (
  require('amazon-cognito-identity-js/lib/BigInteger.js') as {
    default: new (s: string, radix: number) => BigInt;
  }
).default;
const AuthenticationHelper = (
  require('amazon-cognito-identity-js/lib/AuthenticationHelper.js') as {
    default: new (pool: string) => AwsHelper;
  }
).default;

interface AwsHelper {
  smallAValue: BigInt;
  largeAValue: BigInt;
  randomPassword: string;
  SaltToHashDevices: string;
  verifierDevices: string;
  padHex(n: BigInt): string;
  getPasswordAuthenticationKey(
    user: string,
    password: string,
    B: BigInt,
    salt: BigInt,
    cb: (err: unknown, key: Buffer) => void,
  ): void;
  generateHashDevice(group: string, key: string, cb: (err: unknown) => void): void;
}

const big = (n: bigint) => new BigInteger(n.toString(16), 16);

function awsKey(helper: AwsHelper, user: string, password: string, B: bigint, salt: string) {
  return new Promise<Buffer>((resolve, reject) =>
    helper.getPasswordAuthenticationKey(
      user,
      password,
      big(B),
      new BigInteger(salt, 16),
      (err, key) => (err ? reject(err) : resolve(key)),
    ),
  );
}

/** What CognitoUser.authenticateUserDefaultAuth signs, byte for byte. */
function awsSignature(
  key: Buffer,
  pool: string,
  user: string,
  secretBlock: string,
  timestamp: string,
) {
  return createHmac('sha256', key)
    .update(
      Buffer.concat([
        Buffer.from(pool),
        Buffer.from(user),
        Buffer.from(secretBlock, 'base64'),
        Buffer.from(timestamp),
      ]),
    )
    .digest('base64');
}

function plainModPow(base: bigint, e: bigint): bigint {
  let r = 1n;
  let b = ((base % N) + N) % N;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % N;
    b = (b * b) % N;
    e >>= 1n;
  }
  return r;
}

const hashInt = (...parts: Buffer[]) =>
  BigInt(`0x${createHash('sha256').update(Buffer.concat(parts)).digest('hex')}`);
const bytes = (n: bigint) => Buffer.from(padHex(n), 'hex');

describe('SRP', () => {
  it('signs PASSWORD_VERIFIER exactly like amazon-cognito-identity-js on identical inputs', async () => {
    for (let round = 0; round < 5; round++) {
      const pool = poolNameOf('eu-west-1_AbCdEf123');
      const user = `user-${round}-${randomBytes(4).toString('hex')}`;
      const password = `Pässwörd-${round}!`;
      const eph = createEphemeral();
      const B = BigInt(`0x${randomBytes(384).toString('hex')}`) % N;
      // Some salts with the high bit set, so padHex's 00 prefix is exercised.
      const salt = (round % 2 ? 'f' : '1') + randomBytes(16).toString('hex').slice(1);
      const secretBlock = randomBytes(64).toString('base64');
      const now = new Date(Date.UTC(2026, 11, 1 + round, 3, 4, 5));

      const helper = new AuthenticationHelper(pool);
      helper.smallAValue = big(eph.a);
      helper.largeAValue = big(eph.A);
      const theirKey = await awsKey(helper, user, password, B, salt);
      const ours = passwordClaim({
        realm: pool,
        userId: user,
        password,
        ephemeral: eph,
        serverB: B.toString(16),
        salt,
        secretBlock,
        now,
      });

      expect(Buffer.from(theirKey).toString('hex')).toBe(
        authenticationKey({
          realm: pool,
          userId: user,
          password,
          ephemeral: eph,
          serverB: B.toString(16),
          salt,
        }).toString('hex'),
      );
      expect(ours.PASSWORD_CLAIM_SIGNATURE).toBe(
        awsSignature(theirKey, pool, user, secretBlock, ours.TIMESTAMP),
      );
      expect(ours.PASSWORD_CLAIM_SECRET_BLOCK).toBe(secretBlock);
    }
  });

  it('derives the same S as the server side of the protocol (v = g^x, B = kv + g^b)', () => {
    const pool = 'Pool1';
    const user = 'f3a1-uuid';
    const password = 'Correct Horse 1!';
    const salt = randomBytes(16).toString('hex');
    const x = hashInt(
      bytes(BigInt(`0x${salt}`)),
      createHash('sha256').update(`${pool}${user}:${password}`).digest(),
    );
    const v = plainModPow(g, x);
    const b = BigInt(`0x${randomBytes(64).toString('hex')}`);
    const B = (k * v + plainModPow(g, b)) % N;
    const eph = createEphemeral();
    const u = hashInt(bytes(eph.A), bytes(B));
    const serverS = plainModPow((eph.A * plainModPow(v, u)) % N, b);
    const prk = createHmac('sha256', bytes(u)).update(bytes(serverS)).digest();
    const serverKey = createHmac('sha256', prk)
      .update(Buffer.from('Caldera Derived Key\u0001'))
      .digest()
      .subarray(0, 16);

    const clientKey = authenticationKey({
      realm: pool,
      userId: user,
      password,
      ephemeral: eph,
      serverB: B.toString(16),
      salt,
    });
    expect(clientKey.toString('hex')).toBe(serverKey.toString('hex'));
    const wrong = authenticationKey({
      realm: pool,
      userId: user,
      password: 'nope',
      ephemeral: eph,
      serverB: B.toString(16),
      salt,
    });
    expect(wrong.equals(serverKey)).toBe(false);
  });

  it('refuses B ≡ 0 mod N', () => {
    const eph = createEphemeral();
    expect(() =>
      authenticationKey({
        realm: 'p',
        userId: 'u',
        password: 'x',
        ephemeral: eph,
        serverB: N.toString(16),
        salt: '01',
      }),
    ).toThrow(/SRP_B/);
  });

  it('computes modPow with OpenSSL that agrees with plain BigInt arithmetic, trivial bases included', () => {
    for (const base of [
      0n,
      1n,
      2n,
      N - 1n,
      N - 2n,
      N + 5n,
      BigInt(`0x${randomBytes(300).toString('hex')}`),
    ]) {
      const e = BigInt(`0x${randomBytes(130).toString('hex')}`);
      expect(modPow(base, e)).toBe(plainModPow(base, e));
    }
    expect(modPow(12345n, 0n)).toBe(1n);
  });

  it('makes A from a as g^a mod N and sends it as plain hex', () => {
    const fixed = Buffer.alloc(128, 0);
    fixed[127] = 10;
    const eph = createEphemeral(() => fixed);
    expect(eph.a).toBe(10n);
    expect(eph.A).toBe(1024n);
    expect(eph.srpA).toBe('400');
  });

  it('pads hex like Java BigInteger.toByteArray (and like AWS)', () => {
    const helper = new AuthenticationHelper('x');
    const cases = [
      0n,
      1n,
      0x7fn,
      0x80n,
      0xffn,
      0x100n,
      0x7fffn,
      0x8000n,
      0xabcn,
      N,
      (1n << 1023n) | 5n,
    ];
    for (const n of cases) expect(padHex(n)).toBe(helper.padHex(big(n)).toLowerCase());
    expect(padHex(0x80n)).toBe('0080');
    expect(padHex(0xabcn)).toBe('0abc');
    expect(padHex(0x7fn)).toBe('7f');
    for (const n of cases) expect(padHex(n).length % 2).toBe(0);
    expect(() => padHex(-1n)).toThrow(RangeError);
  });

  it('formats TIMESTAMP with the day unpadded and the time padded, in UTC', () => {
    expect(formatTimestamp(new Date(Date.UTC(2026, 11, 1, 3, 4, 5)))).toBe(
      'Tue Dec 1 03:04:05 UTC 2026',
    );
    expect(formatTimestamp(new Date(Date.UTC(2026, 10, 26, 3, 4, 5)))).toBe(
      'Thu Nov 26 03:04:05 UTC 2026',
    );
    expect(formatTimestamp(new Date(Date.UTC(2027, 0, 9, 23, 59, 0)))).toBe(
      'Sat Jan 9 23:59:00 UTC 2027',
    );
    expect(formatTimestamp(new Date(Date.UTC(2026, 4, 10, 0, 0, 9)))).toBe(
      'Sun May 10 00:00:09 UTC 2026',
    );
  });

  it('agrees with AWS on the device verifier', async () => {
    const helper = new AuthenticationHelper('x');
    await new Promise<void>((resolve, reject) =>
      helper.generateHashDevice('grp-1', 'eu-west-1_dev-key', (e) => (e ? reject(e) : resolve())),
    );
    const ours = deviceVerifier(
      'grp-1',
      'eu-west-1_dev-key',
      helper.randomPassword,
      helper.SaltToHashDevices,
    );
    expect(padHex(ours)).toBe(helper.verifierDevices.toLowerCase());
  });

  it('encodes the ConfirmDevice verifier config as base64 of the padHex bytes', () => {
    const made = createDeviceSecret('eu-west-1_key', 'group', randomBytes);
    const salt = Buffer.from(made.verifierConfig.Salt, 'base64');
    expect(salt.length).toBeGreaterThanOrEqual(15);
    expect(salt.length).toBeLessThanOrEqual(17);
    const verifier = Buffer.from(made.verifierConfig.PasswordVerifier, 'base64');
    const expected = deviceVerifier(
      'group',
      'eu-west-1_key',
      made.secret.devicePassword,
      salt.toString('hex'),
    );
    expect(verifier.toString('hex')).toBe(padHex(expected));
    expect(Buffer.from(made.secret.devicePassword, 'base64')).toHaveLength(40);
  });

  it('takes the pool name after the underscore', () => {
    expect(poolNameOf('us-east-1_Ab12')).toBe('Ab12');
    expect(() => poolNameOf('nounderscore')).toThrow(RangeError);
  });
});
