/**
 * Client SRP work per sign-in (A = g^a, x, S = (B − k·g^x)^(a+u·x), HKDF,
 * signature): this project's srp.ts (OpenSSL modexp) against
 * amazon-cognito-identity-js's AuthenticationHelper (pure-JS BigInteger) on
 * identical inputs. Prints the ratio; target ≥ 30×.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { N, createEphemeral, passwordClaim } from '../src-main/core/cognito/srp';

const require = createRequire(import.meta.url);
type Big = { toString(radix: number): string };
const BigInteger = (
  require('amazon-cognito-identity-js/lib/BigInteger.js') as {
    default: new (s: string, r: number) => Big;
  }
).default;
interface Helper {
  getLargeAValue(cb: (err: unknown, A: Big) => void): void;
  getPasswordAuthenticationKey(
    u: string,
    p: string,
    B: Big,
    salt: Big,
    cb: (err: unknown, key: Buffer) => void,
  ): void;
}
const AuthenticationHelper = (
  require('amazon-cognito-identity-js/lib/AuthenticationHelper.js') as {
    default: { new (pool: string): Helper; prototype: { generateRandomSmallA(): Big } };
  }
).default;

const POOL = 'AbC123xyz';
const USER = '8f3e2a10-user';
const PASSWORD = 'Correct-Horse-9!';

interface Input {
  aBytes: Buffer;
  B: string;
  salt: string;
  secretBlock: string;
  now: Date;
}

function newInput(): Input {
  return {
    aBytes: randomBytes(128),
    B: (BigInt(`0x${randomBytes(384).toString('hex')}`) % N).toString(16),
    salt: randomBytes(16).toString('hex'),
    secretBlock: randomBytes(64).toString('base64'),
    now: new Date(),
  };
}

function ours(input: Input): string {
  const ephemeral = createEphemeral(() => input.aBytes);
  return passwordClaim({
    realm: POOL,
    userId: USER,
    password: PASSWORD,
    ephemeral,
    serverB: input.B,
    salt: input.salt,
    secretBlock: input.secretBlock,
    now: input.now,
  }).PASSWORD_CLAIM_SIGNATURE;
}

/** What CognitoUser does per sign-in: a helper (which makes a and A), the key, the HMAC. */
async function aws(input: Input, timestamp: string): Promise<string> {
  const proto = AuthenticationHelper.prototype;
  const original = proto.generateRandomSmallA;
  proto.generateRandomSmallA = () => new BigInteger(input.aBytes.toString('hex'), 16);
  let helper: Helper;
  try {
    helper = new AuthenticationHelper(POOL);
  } finally {
    proto.generateRandomSmallA = original;
  }
  await new Promise<void>((resolve, reject) =>
    helper.getLargeAValue((e) => (e ? reject(e) : resolve())),
  );
  const key = await new Promise<Buffer>((resolve, reject) =>
    helper.getPasswordAuthenticationKey(
      USER,
      PASSWORD,
      new BigInteger(input.B, 16),
      new BigInteger(input.salt, 16),
      (e, k) => (e ? reject(e) : resolve(k)),
    ),
  );
  return createHmac('sha256', key)
    .update(
      Buffer.concat([
        Buffer.from(POOL),
        Buffer.from(USER),
        Buffer.from(input.secretBlock, 'base64'),
        Buffer.from(timestamp),
      ]),
    )
    .digest('base64');
}

function timestampOf(input: Input): string {
  const claim = passwordClaim({
    realm: POOL,
    userId: USER,
    password: PASSWORD,
    ephemeral: createEphemeral(() => input.aBytes),
    serverB: input.B,
    salt: input.salt,
    secretBlock: input.secretBlock,
    now: input.now,
  });
  return claim.TIMESTAMP;
}

export default async function (): Promise<void> {
  const inputs = Array.from({ length: 12 }, newInput);
  const stamps = inputs.map(timestampOf);
  // Same answers first: a fast wrong SRP would be worthless.
  for (let i = 0; i < 3; i++) {
    if (ours(inputs[i]!) !== (await aws(inputs[i]!, stamps[i]!)))
      throw new Error('signatures differ: the comparison is void');
  }

  const oursRounds = 60;
  let t = performance.now();
  for (let i = 0; i < oursRounds; i++) ours(inputs[i % inputs.length]!);
  const oursMs = (performance.now() - t) / oursRounds;

  const awsRounds = 12;
  t = performance.now();
  for (let i = 0; i < awsRounds; i++) await aws(inputs[i]!, stamps[i]!);
  const awsMs = (performance.now() - t) / awsRounds;

  console.log(`identical PASSWORD_CLAIM_SIGNATURE on 3 checked inputs`);
  console.log(
    `client SRP per sign-in: this project ${oursMs.toFixed(2)} ms, AuthenticationHelper ${awsMs.toFixed(1)} ms`,
  );
  console.log(`ratio: ${(awsMs / oursMs).toFixed(1)}× faster (target ≥ 30×)`);
}
