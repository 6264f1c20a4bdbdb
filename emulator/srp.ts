/**
 * The server half of Cognito's SRP-6a variant, written from
 * ../shared/COGNITO.md. Modular exponentiation goes through OpenSSL: a
 * DiffieHellman object over N computes base^exp mod N in computeSecret,
 * about ten times faster than BigInt.
 */
import {
  createDiffieHellman,
  createHash,
  createHmac,
  getDiffieHellman,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

const N_BYTES = getDiffieHellman('modp15').getPrime();
export const N = BigInt(`0x${N_BYTES.toString('hex')}`);
export const g = 2n;

const engine = createDiffieHellman(N_BYTES, Buffer.from([2]));

const toBytes = (n: bigint): Buffer => {
  const hex = n.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
};
const toBigInt = (buf: Buffer): bigint => (buf.length ? BigInt(`0x${buf.toString('hex')}`) : 0n);

/** base^exp mod N, for 1 < base < N-1 and exp > 0. */
export function modPowN(base: bigint, exp: bigint): bigint {
  engine.setPrivateKey(toBytes(exp));
  return toBigInt(engine.computeSecret(toBytes(base)));
}

/** Cognito's minimal two's-complement hex: even length, 00 before a high nibble. */
export function padHex(n: bigint): string {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return /^[89a-f]/.test(hex) ? `00${hex}` : hex;
}

const sha256 = (...parts: (Buffer | string)[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const hashHex = (...hexes: string[]) => sha256(Buffer.from(hexes.join(''), 'hex'));

export const k = toBigInt(hashHex(padHex(N), padHex(g)));

/** x = H(padHex(salt) ‖ H(prefix ‖ id ‖ ":" ‖ password)); the verifier is g^x. */
export function computeVerifier(
  salt: bigint,
  prefix: string,
  id: string,
  password: string,
): bigint {
  const inner = sha256(`${prefix}${id}:${password}`);
  const x = toBigInt(sha256(Buffer.from(padHex(salt), 'hex'), inner));
  return modPowN(g, x);
}

export const newSalt = (): bigint => toBigInt(randomBytes(16));

export interface ServerEphemeral {
  b: bigint;
  B: bigint;
}

/** B = (k·v + g^b) mod N, retried in the unlikely case B mod N = 0. */
export function serverEphemeral(v: bigint): ServerEphemeral {
  for (;;) {
    const b = toBigInt(randomBytes(128));
    const B = (k * v + modPowN(g, b)) % N;
    if (B !== 0n) return { b, B };
  }
}

/**
 * The 16-byte session key, or null when A is unacceptable (A mod N = 0, u = 0),
 * in which case the caller refuses the sign-in.
 */
export function sessionKey(A: bigint, eph: ServerEphemeral, v: bigint): Buffer | null {
  if (A % N === 0n) return null;
  const u = toBigInt(hashHex(padHex(A), padHex(eph.B)));
  if (u === 0n) return null;
  const S = modPowN((A * modPowN(v, u)) % N, eph.b);
  const prk = createHmac('sha256', Buffer.from(padHex(u), 'hex'))
    .update(Buffer.from(padHex(S), 'hex'))
    .digest();
  return createHmac('sha256', prk)
    .update(Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])]))
    .digest()
    .subarray(0, 16);
}

/** Checks PASSWORD_CLAIM_SIGNATURE in constant time. */
export function signatureMatches(
  key: Buffer,
  prefix: string,
  id: string,
  secretBlock: string,
  timestamp: string,
  signature: string,
): boolean {
  const expected = createHmac('sha256', key)
    .update(
      Buffer.concat([
        Buffer.from(prefix, 'utf8'),
        Buffer.from(id, 'utf8'),
        Buffer.from(secretBlock, 'base64'),
        Buffer.from(timestamp, 'utf8'),
      ]),
    )
    .digest();
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const parseHex = (hex: string): bigint | null =>
  /^[0-9a-fA-F]+$/.test(hex) ? BigInt(`0x${hex}`) : null;

export const bigIntFromBase64 = (b64: string): bigint => toBigInt(Buffer.from(b64, 'base64'));

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const TIMESTAMP =
  /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (0?[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):([0-5]\d):([0-5]\d) UTC (\d{4})$/;

/**
 * Parses Cognito's TIMESTAMP ("Thu Nov 26 03:04:05 UTC 2026") as Java's
 * "EEE MMM d HH:mm:ss z yyyy" does: a padded day parses, an unpadded hour or
 * a weekday that does not match the date does not. Returns epoch ms or null.
 */
export function parseTimestamp(text: string): number | null {
  const m = TIMESTAMP.exec(text);
  if (!m) return null;
  const [, day, mon, date, hh, mm, ss, year] = m as unknown as string[];
  const ms = Date.UTC(
    Number(year),
    MONTHS.indexOf(mon!),
    Number(date),
    Number(hh),
    Number(mm),
    Number(ss),
  );
  const d = new Date(ms);
  if (d.getUTCDate() !== Number(date) || DAYS[d.getUTCDay()] !== day) return null;
  return ms;
}
