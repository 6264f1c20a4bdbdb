/**
 * The unlock passphrase, kept only as a slow KDF hash: scrypt with its
 * parameters stored beside the hash, so they can be raised later without
 * locking anyone out. N = 2^15, r = 8, p = 1 costs 32 MB and about 0.1 s a
 * try on a laptop: cheap once per unlock, slow for a guesser holding the file.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { ScryptOptions } from 'node:crypto';
import { z } from 'zod';

export const passphraseHashSchema = z
  .object({
    kdf: z.literal('scrypt'),
    N: z.number().int().min(1024),
    r: z.number().int().min(1),
    p: z.number().int().min(1),
    /** base64 */
    salt: z.string().min(16),
    /** base64 */
    hash: z.string().min(16),
  })
  .strict();
export type PassphraseHash = z.output<typeof passphraseHashSchema>;

export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
export const MIN_PASSPHRASE_LENGTH = 8;
const KEY_BYTES = 32;

function derive(passphrase: string, salt: Buffer, params: { N: number; r: number; p: number }) {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), salt, KEY_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassphrase(passphrase: string): Promise<PassphraseHash> {
  const salt = randomBytes(16);
  const hash = await derive(passphrase, salt, SCRYPT_PARAMS);
  return {
    kdf: 'scrypt',
    ...SCRYPT_PARAMS,
    salt: salt.toString('base64'),
    hash: hash.toString('base64'),
  };
}

export async function passphraseMatches(
  passphrase: string,
  stored: PassphraseHash,
): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = await derive(passphrase, Buffer.from(stored.salt, 'base64'), stored);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
