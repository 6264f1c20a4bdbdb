/**
 * The per-install secret the CLI presents with every request. It lives in
 * the OS keychain only: the app creates it, the CLI reads it from there, and
 * it never travels through argv, the environment or a file.
 */
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import type { Keychain } from '../ports';

import { BEARER_TOKEN_ACCOUNT } from './protocol';

export { BEARER_TOKEN_ACCOUNT };

/** Returns the install's token, creating it on first use. */
export async function ensureBearerToken(keychain: Keychain): Promise<string> {
  const existing = await keychain.get(BEARER_TOKEN_ACCOUNT);
  if (existing) return existing;
  const token = randomBytes(32).toString('base64url');
  await keychain.set(BEARER_TOKEN_ACCOUNT, token);
  return token;
}

/** Constant-time comparison; hashing first makes the lengths equal. */
export function bearerTokenMatches(expected: string, presented: string): boolean {
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(presented).digest();
  return timingSafeEqual(a, b);
}
