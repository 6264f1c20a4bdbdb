/**
 * The on-disk format of the encrypted secrets file:
 *
 *   magic "CDASEC" (6 bytes) | format version (1 byte) | IV (12) | GCM tag (16) | ciphertext
 *
 * The magic and version are authenticated as associated data, so neither can
 * be altered without the tag failing. The plaintext is JSON: { v: 1, g, secrets },
 * where g is the file's generation, counted up by every write (absent in files
 * written before it was kept: 0), so an older file put back can be told apart.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../errors';

const MAGIC = Buffer.from('CDASEC', 'ascii');
const FORMAT_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + 1;
export const DATA_KEY_BYTES = 32;

export type SecretMap = Record<string, string>;

export interface SecretsFile {
  secrets: SecretMap;
  generation: number;
}

export function seal(key: Buffer, { secrets, generation }: SecretsFile): Buffer {
  const header = Buffer.concat([MAGIC, Buffer.from([FORMAT_VERSION])]);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(header);
  const plaintext = Buffer.from(JSON.stringify({ v: 1, g: generation, secrets }), 'utf8');
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, iv, cipher.getAuthTag(), ciphertext]);
}

export function open(key: Buffer, file: Buffer, path: string): SecretsFile {
  if (
    file.length < HEADER_BYTES + IV_BYTES + TAG_BYTES ||
    !file.subarray(0, MAGIC.length).equals(MAGIC)
  ) {
    throw corrupt(path, 'not an encrypted secrets file of this app');
  }
  const version = file[MAGIC.length];
  if (version !== FORMAT_VERSION) {
    throw new AppError({
      code: 'SECRETS_FILE_UNSUPPORTED',
      message: `The saved secrets were written by a newer version of the app (format ${String(version)}). Update the app to open them.`,
      detail: path,
    });
  }
  const header = file.subarray(0, HEADER_BYTES);
  const iv = file.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES);
  const tag = file.subarray(HEADER_BYTES + IV_BYTES, HEADER_BYTES + IV_BYTES + TAG_BYTES);
  const ciphertext = file.subarray(HEADER_BYTES + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(header);
  decipher.setAuthTag(tag);
  let plaintext: Buffer;
  try {
    plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new AppError({
      code: 'SECRETS_DECRYPT_FAILED',
      message:
        'The saved secrets cannot be decrypted: either the file was changed outside the app or the key in the system keychain is not the one that wrote it. Nothing was changed; restore the file or the keychain entry from a backup.',
      detail: path,
    });
  }
  return parsePlaintext(plaintext, path);
}

function parsePlaintext(plaintext: Buffer, path: string): SecretsFile {
  let body: unknown;
  try {
    body = JSON.parse(plaintext.toString('utf8'));
  } catch {
    throw corrupt(path, 'the decrypted content is not JSON');
  }
  const { secrets, g } = (body ?? {}) as { secrets?: unknown; g?: unknown };
  const generation = g ?? 0;
  if (typeof generation !== 'number' || !Number.isSafeInteger(generation) || generation < 0) {
    throw corrupt(path, 'the decrypted content has no valid generation');
  }
  if (typeof secrets !== 'object' || secrets === null || Array.isArray(secrets)) {
    throw corrupt(path, 'the decrypted content has no secrets map');
  }
  const map: SecretMap = {};
  for (const [k, v] of Object.entries(secrets)) {
    if (typeof v !== 'string') throw corrupt(path, `the value of "${k}" is not a string`);
    map[k] = v;
  }
  return { secrets: map, generation };
}

function corrupt(path: string, why: string): AppError {
  return new AppError({
    code: 'SECRETS_FILE_CORRUPT',
    message: `The saved secrets file is damaged (${why}). Nothing was changed; restore it from a backup or move it aside to start empty.`,
    detail: path,
  });
}
