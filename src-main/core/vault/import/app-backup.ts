/**
 * This app's encrypted backup file; the format is described in
 * docs/backup-format.md. Everything before the ciphertext is the header, and
 * the whole header is GCM's associated data, so no field of it can be
 * changed (a weaker KDF, say) without the file failing to open.
 *
 *   "CDABAK" | version 1 | kdf 1 (scrypt) | log2 N | r | p | salt (16) | IV (12)
 *   | ciphertext length (uint32 BE) | tag (16) | ciphertext
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { isObject } from './aegis';
import { entryFromFields } from './entry';
import {
  parseProblem,
  passwordNeeded,
  truncated,
  unsupportedVersion,
  wrongPassword,
} from './errors';
import type { ParsedImport } from './types';
import type { NewAccount } from '../types';

const MAGIC = Buffer.from('CDABAK', 'ascii');
const VERSION = 1;
const KDF_SCRYPT = 1;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + 5 + SALT_BYTES + IV_BYTES + 4;
/** 2^17 × 8 × 128 bytes = 128 MiB and about half a second per guess. */
export const DEFAULT_LOG_N = 17;
const MAX_LOG_N = 20;
const WHAT = 'backup';

export interface BackupAccount extends NewAccount {
  groups: string[];
}

export interface BackupContent {
  createdAt: number;
  accounts: BackupAccount[];
  settings: Record<string, unknown>;
}

export function isAppBackup(bytes: Buffer): boolean {
  return bytes.subarray(0, MAGIC.length).equals(MAGIC);
}

export async function sealBackup(
  content: BackupContent,
  passphrase: string,
  logN = DEFAULT_LOG_N,
): Promise<Buffer> {
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const body = Buffer.from(JSON.stringify({ v: VERSION, ...content }), 'utf8');
  const length = Buffer.alloc(4);
  // GCM's ciphertext is as long as its plaintext.
  length.writeUInt32BE(body.length);
  const header = Buffer.concat([
    MAGIC,
    Buffer.from([VERSION, KDF_SCRYPT, logN, 8, 1]),
    salt,
    iv,
    length,
  ]);
  const key = await deriveKey(passphrase, salt, logN, 8, 1);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(header);
  const ciphertext = Buffer.concat([cipher.update(body), cipher.final()]);
  return Buffer.concat([header, cipher.getAuthTag(), ciphertext]);
}

export async function parseAppBackup(
  bytes: Buffer,
  passphrase: string | undefined,
): Promise<ParsedImport> {
  const content = await openBackup(bytes, passphrase);
  const accounts = Array.isArray(content.accounts) ? content.accounts : [];
  return {
    format: 'app-backup',
    entries: accounts.map((raw: unknown) => {
      const a = isObject(raw) ? raw : {};
      return entryFromFields({
        ...a,
        groups: Array.isArray(a.groups)
          ? a.groups.filter((g): g is string => typeof g === 'string')
          : [],
      });
    }),
    settings: isObject(content.settings) ? content.settings : {},
  };
}

async function openBackup(
  bytes: Buffer,
  passphrase: string | undefined,
): Promise<Record<string, unknown>> {
  if (bytes.length < MAGIC.length + 1) throw truncated(WHAT);
  const version = bytes[MAGIC.length];
  if (version !== VERSION) throw unsupportedVersion(WHAT, version);
  if (bytes.length < HEADER_BYTES + TAG_BYTES) throw truncated(WHAT, 'shorter than its header');
  const [kdf, logN, r, p] = [...bytes.subarray(MAGIC.length + 1, MAGIC.length + 5)] as number[];
  if (kdf !== KDF_SCRYPT || !logN || logN > MAX_LOG_N || !r || r > 32 || !p || p > 16) {
    throw truncated(WHAT, 'its key derivation parameters are not ones this app writes');
  }
  const header = bytes.subarray(0, HEADER_BYTES);
  const declared = header.readUInt32BE(HEADER_BYTES - 4);
  if (bytes.length !== HEADER_BYTES + TAG_BYTES + declared) {
    throw truncated(
      WHAT,
      `${bytes.length} bytes instead of ${HEADER_BYTES + TAG_BYTES + declared}`,
    );
  }
  if (!passphrase) throw passwordNeeded(WHAT);
  const salt = header.subarray(MAGIC.length + 5, MAGIC.length + 5 + SALT_BYTES);
  const iv = header.subarray(HEADER_BYTES - 4 - IV_BYTES, HEADER_BYTES - 4);
  const tag = bytes.subarray(HEADER_BYTES, HEADER_BYTES + TAG_BYTES);
  const key = await deriveKey(passphrase, salt, logN, r, p);
  let plaintext: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(header);
    decipher.setAuthTag(tag);
    plaintext = Buffer.concat([
      decipher.update(bytes.subarray(HEADER_BYTES + TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    // The length matched, so a damaged file is unlikely: almost always the passphrase is wrong.
    throw wrongPassword(WHAT);
  }
  let body: unknown;
  try {
    body = JSON.parse(plaintext.toString('utf8'));
  } catch (error) {
    throw truncated(WHAT, parseProblem(error));
  }
  if (!isObject(body)) throw truncated(WHAT, 'the content is not an object');
  return body;
}

function deriveKey(
  passphrase: string,
  salt: Buffer,
  logN: number,
  r: number,
  p: number,
): Promise<Buffer> {
  const N = 2 ** logN;
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, 32, { N, r, p, maxmem: 256 * N * r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}
