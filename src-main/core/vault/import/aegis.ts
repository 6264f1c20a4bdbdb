/**
 * Aegis's JSON export (docs/vault.md in the Aegis repository): `db` is the
 * vault itself when plain, or Base64 AES-256-GCM ciphertext when encrypted.
 * The master key that encrypts it is wrapped once per password slot with a
 * key from scrypt(password, salt, n, r, p).
 */
import { createDecipheriv, scrypt } from 'node:crypto';
import { entryFromFields } from './entry';
import {
  parseProblem,
  passwordNeeded,
  truncated,
  unsupportedVersion,
  wrongPassword,
} from './errors';
import type { ImportEntry, ParsedImport } from './types';

const WHAT = 'Aegis export';
const PASSWORD_SLOT = 1;
/** Well above Aegis's own 2^15, and low enough that a forged file cannot exhaust memory. */
const MAX_SCRYPT_N = 2 ** 20;

interface AegisFile {
  version?: unknown;
  header?: { slots?: unknown; params?: unknown } | null;
  db?: unknown;
}

export function isAegis(json: unknown): json is AegisFile {
  return isObject(json) && 'header' in json && 'db' in json;
}

export async function parseAegis(
  file: AegisFile,
  password: string | undefined,
): Promise<ParsedImport> {
  if (file.version !== 1) throw unsupportedVersion(WHAT, file.version);
  const db = typeof file.db === 'string' ? await decryptDb(file, file.db, password) : file.db;
  if (!isObject(db) || !Array.isArray(db.entries)) throw truncated(WHAT, 'db has no entries list');
  const groupNames = new Map<string, string>();
  if (Array.isArray(db.groups)) {
    for (const g of db.groups) {
      if (isObject(g) && typeof g.uuid === 'string' && typeof g.name === 'string') {
        groupNames.set(g.uuid, g.name);
      }
    }
  }
  const entries: ImportEntry[] = db.entries.map((raw: unknown) => {
    const e = isObject(raw) ? raw : {};
    const info = isObject(e.info) ? e.info : {};
    const groups = Array.isArray(e.groups)
      ? e.groups.map((g) => groupNames.get(String(g))).filter((g): g is string => !!g)
      : typeof e.group === 'string' && e.group
        ? [e.group]
        : [];
    return entryFromFields({
      issuer: e.issuer,
      account: e.name,
      type: e.type,
      secret: info.secret,
      algorithm: info.algo,
      digits: info.digits,
      period: info.period,
      counter: info.counter,
      groups,
    });
  });
  return { format: 'aegis', entries };
}

async function decryptDb(
  file: AegisFile,
  db: string,
  password: string | undefined,
): Promise<unknown> {
  const header = file.header;
  const params = isObject(header?.params) ? header.params : undefined;
  const slots = Array.isArray(header?.slots) ? header.slots.filter(isObject) : [];
  const passwordSlots = slots.filter((s) => s.type === PASSWORD_SLOT);
  if (!params || passwordSlots.length === 0) {
    throw truncated(WHAT, 'the encrypted vault has no password slot');
  }
  if (!password) throw passwordNeeded(WHAT);
  let masterKey: Buffer | undefined;
  for (const slot of passwordSlots) {
    masterKey = await unwrapSlot(slot, password);
    if (masterKey) break;
  }
  if (!masterKey) throw wrongPassword(WHAT);
  const plaintext = gcmOpen(
    masterKey,
    hex(params.nonce),
    hex(params.tag),
    Buffer.from(db, 'base64'),
  );
  if (!plaintext) throw truncated(WHAT, 'the vault does not decrypt with its own key');
  try {
    return JSON.parse(plaintext.toString('utf8'));
  } catch (error) {
    throw truncated(WHAT, parseProblem(error));
  }
}

async function unwrapSlot(
  slot: Record<string, unknown>,
  password: string,
): Promise<Buffer | undefined> {
  const n = Number(slot.n);
  const r = Number(slot.r);
  const p = Number(slot.p);
  if (!Number.isSafeInteger(n) || n < 2 || n > MAX_SCRYPT_N || (n & (n - 1)) !== 0) {
    throw truncated(WHAT, `password slot has an unusable scrypt n=${String(slot.n)}`);
  }
  if (!(r >= 1 && r <= 32 && p >= 1 && p <= 16)) {
    throw truncated(WHAT, 'password slot has unusable scrypt r or p');
  }
  // In libuv's thread pool: at Aegis's N = 2^15 this takes long enough to freeze the window.
  const key = await new Promise<Buffer>((resolve, reject) =>
    scrypt(
      password,
      hex(slot.salt),
      32,
      { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 },
      (error, derived) => (error ? reject(error) : resolve(derived)),
    ),
  );
  const params = isObject(slot.key_params) ? slot.key_params : {};
  return gcmOpen(key, hex(params.nonce), hex(params.tag), hex(slot.key));
}

export function gcmOpen(
  key: Buffer,
  nonce: Buffer,
  tag: Buffer,
  ciphertext: Buffer,
): Buffer | undefined {
  if (nonce.length !== 12 || tag.length !== 16) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    return undefined;
  }
}

function hex(value: unknown): Buffer {
  return typeof value === 'string' && /^(?:[0-9a-f]{2})*$/i.test(value)
    ? Buffer.from(value, 'hex')
    : Buffer.alloc(0);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
