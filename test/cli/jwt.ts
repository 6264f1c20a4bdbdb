/** Reading and verifying Cognito JWTs in tests, with node:crypto only. */
import { createPublicKey, verify } from 'node:crypto';
import type { JsonWebKey as NodeJwk } from 'node:crypto';

export function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

/** RS256 against the pool's published JWKS (`<endpoint>/<poolId>/.well-known/jwks.json`). */
export async function verifiesAgainstJwks(
  jwt: string,
  endpoint: string,
  poolId: string,
): Promise<boolean> {
  const [header, payload, signature] = jwt.split('.');
  const { kid } = JSON.parse(Buffer.from(header ?? '', 'base64url').toString('utf8')) as {
    kid: string;
  };
  const response = await fetch(`${endpoint}/${poolId}/.well-known/jwks.json`);
  const { keys } = (await response.json()) as { keys: (NodeJwk & { kid: string })[] };
  const jwk = keys.find((k) => k.kid === kid);
  if (!jwk) return false;
  return verify(
    'RSA-SHA256',
    Buffer.from(`${header}.${payload}`),
    createPublicKey({ key: jwk, format: 'jwk' }),
    Buffer.from(signature ?? '', 'base64url'),
  );
}
