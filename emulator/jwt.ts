/** RS256 JWTs and the JWKS that publishes each pool's public key. */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  randomUUID,
  sign,
  verify,
} from 'node:crypto';
import type { JsonWebKey, KeyObject } from 'node:crypto';

export interface PoolKey {
  kid: string;
  privatePem: string;
}

/**
 * A new RS256 key for a pool. RSA generation takes a few hundred ms, so it
 * runs off the event loop and other requests keep flowing meanwhile.
 */
export const newPoolKey = (): Promise<PoolKey> =>
  new Promise((resolve, reject) =>
    generateKeyPair(
      'rsa',
      {
        modulusLength: 2048,
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      },
      (err, _publicPem, privatePem) =>
        err ? reject(err) : resolve({ kid: randomUUID(), privatePem }),
    ),
  );

export type Claims = Record<string, unknown>;

// Parsing a PEM costs more than the signature itself, so each kid's key
// objects are parsed once.
const parsed = new Map<string, { priv: KeyObject; pub: KeyObject }>();
function keyObjects(key: PoolKey) {
  let entry = parsed.get(key.kid);
  if (!entry) {
    const priv = createPrivateKey(key.privatePem);
    entry = { priv, pub: createPublicKey(priv) };
    parsed.set(key.kid, entry);
  }
  return entry;
}

export function signJwt(key: PoolKey, claims: Claims): string {
  const header = Buffer.from(JSON.stringify({ kid: key.kid, alg: 'RS256' })).toString('base64url');
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), keyObjects(key).priv);
  return `${header}.${payload}.${signature.toString('base64url')}`;
}

/** The claims of a JWT signed by `key`, or null if it is malformed or forged. */
export function verifyJwt(key: PoolKey, token: string): Claims | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [header, payload, signature] = parts as [string, string, string];
  try {
    const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Claims;
    if (head.alg !== 'RS256' || head.kid !== key.kid) return null;
    const ok = verify(
      'sha256',
      Buffer.from(`${header}.${payload}`),
      keyObjects(key).pub,
      Buffer.from(signature, 'base64url'),
    );
    if (!ok) return null;
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null ? (claims as Claims) : null;
  } catch {
    return null;
  }
}

/** The unverified payload, used only to find which pool's key to verify with. */
export function peekClaims(token: string): Claims | null {
  const payload = token.split('.')[1];
  if (payload === undefined) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null ? (claims as Claims) : null;
  } catch {
    return null;
  }
}

export function jwks(keys: PoolKey[]): { keys: JsonWebKey[] } {
  return {
    keys: keys.map((k) => ({
      ...keyObjects(k).pub.export({ format: 'jwk' }),
      kid: k.kid,
      alg: 'RS256',
      use: 'sig',
    })),
  };
}
