/**
 * The client side of Cognito's SRP-6a variant (see shared/COGNITO.md, "SRP"),
 * used for both the password and the remembered-device proofs.
 *
 * The three modular exponentiations per sign-in run in OpenSSL through a
 * Diffie-Hellman object used as a modexp engine (computeSecret(base) with
 * private key = exponent is base^exponent mod N). That is what makes it ~50×
 * faster than AWS's pure-JS bignum.
 */
import {
  createDiffieHellman,
  createHash,
  createHmac,
  getDiffieHellman,
  randomBytes,
} from 'node:crypto';

const PRIME = getDiffieHellman('modp15').getPrime();

/** RFC 3526 group 15, the 3072-bit prime Cognito uses. */
export const N = BigInt(`0x${PRIME.toString('hex')}`);
export const g = 2n;

/** Minimal two's-complement hex of a non-negative number, as Cognito hashes it. */
export function padHex(n: bigint): string {
  if (n < 0n) throw new RangeError('padHex takes a non-negative number.');
  let hex = n.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  return /^[89a-f]/.test(hex) ? `00${hex}` : hex;
}

export function hexToBigInt(hex: string): bigint {
  if (!/^[0-9a-fA-F]+$/.test(hex)) throw new RangeError('Not a hex number.');
  return BigInt(`0x${hex}`);
}

export function padHexBytes(n: bigint): Buffer {
  return Buffer.from(padHex(n), 'hex');
}

function sha256(...parts: (Buffer | string)[]): Buffer {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

function hashToBigInt(...parts: (Buffer | string)[]): bigint {
  return BigInt(`0x${sha256(...parts).toString('hex')}`);
}

/** k = H(padHex(N) ‖ padHex(g)). */
export const k = hashToBigInt(padHexBytes(N), padHexBytes(g));

function slowModPow(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = base % N;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % N;
    b = (b * b) % N;
    e >>= 1n;
  }
  return result;
}

let engine: ReturnType<typeof createDiffieHellman> | undefined;

/**
 * base^exponent mod N in OpenSSL. The DH object is created once: its
 * constructor checks the prime, which is the slow part.
 */
export function modPow(base: bigint, exponent: bigint): bigint {
  const b = ((base % N) + N) % N;
  // OpenSSL refuses "public keys" outside 2..N-2; those bases are trivial anyway.
  if (b < 2n || b > N - 2n || exponent === 0n) return slowModPow(b, exponent);
  engine ??= createDiffieHellman(PRIME, Buffer.from([2]));
  engine.setPrivateKey(Buffer.from(padHex(exponent), 'hex'));
  const out = engine.computeSecret(Buffer.from(padHex(b), 'hex'));
  return BigInt(`0x${out.toString('hex')}`);
}

export interface SrpEphemeral {
  /** The client's secret exponent a. */
  a: bigint;
  /** A = g^a mod N. */
  A: bigint;
  /** A as SRP_A: plain hex. */
  srpA: string;
}

/** a = 128 random bytes; A = g^a mod N (never 0 mod N). */
export function createEphemeral(random: (size: number) => Buffer = randomBytes): SrpEphemeral {
  for (;;) {
    const a = BigInt(`0x${random(128).toString('hex')}`);
    const A = modPow(g, a);
    if (A % N !== 0n) return { a, A, srpA: A.toString(16) };
  }
}

export interface SrpProofInput {
  /** The pool name (pool id after `_`) or, for device SRP, the DeviceGroupKey. */
  realm: string;
  /** USER_ID_FOR_SRP or, for device SRP, the DeviceKey. */
  userId: string;
  /** The password or, for device SRP, the device password. */
  password: string;
  ephemeral: SrpEphemeral;
  /** SRP_B, hex. */
  serverB: string;
  /** SALT, hex. */
  salt: string;
}

/** The 16-byte key both sides derive; throws on a malicious B or u = 0. */
export function authenticationKey(input: SrpProofInput): Buffer {
  const B = hexToBigInt(input.serverB);
  if (B % N === 0n) throw new RangeError('The server sent an invalid SRP_B.');
  const u = hashToBigInt(padHexBytes(input.ephemeral.A), padHexBytes(B));
  if (u === 0n) throw new RangeError('The SRP exchange produced u = 0.');
  const x = hashToBigInt(
    padHexBytes(hexToBigInt(input.salt)),
    sha256(`${input.realm}${input.userId}:${input.password}`),
  );
  const base = B - k * modPow(g, x);
  const S = modPow(base, input.ephemeral.a + u * x);
  return hkdf(padHexBytes(S), padHexBytes(u));
}

function hkdf(ikm: Buffer, salt: Buffer): Buffer {
  const prk = createHmac('sha256', salt).update(ikm).digest();
  const info = Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])]);
  return createHmac('sha256', prk).update(info).digest().subarray(0, 16);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Tue Dec 1 03:04:05 UTC 2026`: day of month unpadded, time padded, always UTC. */
export function formatTimestamp(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} ` +
    `UTC ${date.getUTCFullYear()}`
  );
}

export interface PasswordClaim {
  PASSWORD_CLAIM_SECRET_BLOCK: string;
  PASSWORD_CLAIM_SIGNATURE: string;
  TIMESTAMP: string;
}

/** Base64(HMAC(key, realm ‖ userId ‖ secretBlock ‖ timestamp)), the answer to a *_PASSWORD_VERIFIER. */
export function passwordClaim(
  input: SrpProofInput & { secretBlock: string; now: Date },
): PasswordClaim {
  const key = authenticationKey(input);
  const timestamp = formatTimestamp(input.now);
  const signature = createHmac('sha256', key)
    .update(Buffer.from(input.realm, 'utf8'))
    .update(Buffer.from(input.userId, 'utf8'))
    .update(Buffer.from(input.secretBlock, 'base64'))
    .update(Buffer.from(timestamp, 'utf8'))
    .digest('base64');
  return {
    PASSWORD_CLAIM_SECRET_BLOCK: input.secretBlock,
    PASSWORD_CLAIM_SIGNATURE: signature,
    TIMESTAMP: timestamp,
  };
}

/** The pool name SRP hashes: the part of the user pool id after `_`. */
export function poolNameOf(userPoolId: string): string {
  const name = userPoolId.split('_')[1];
  if (!name) throw new RangeError(`"${userPoolId}" is not a user pool id.`);
  return name;
}

/** Verifier for a new device secret: x = H(padHex(salt) ‖ H(group ‖ key ‖ ":" ‖ password)), v = g^x. */
export function deviceVerifier(
  deviceGroupKey: string,
  deviceKey: string,
  devicePassword: string,
  saltHex: string,
): bigint {
  const x = hashToBigInt(
    Buffer.from(saltHex, 'hex'),
    sha256(`${deviceGroupKey}${deviceKey}:${devicePassword}`),
  );
  return modPow(g, x);
}
