/**
 * 2FAS's `.2fas` backup: JSON with `services` (plain) or `servicesEncrypted`
 * ("ciphertext:salt:iv", each Base64; the ciphertext ends with the 16-byte
 * GCM tag). The key is PBKDF2-HMAC-SHA256(password, salt, 10,000, 32 bytes).
 */
import { pbkdf2 } from 'node:crypto';
import { gcmOpen, isObject } from './aegis';
import { entryFromFields } from './entry';
import { parseProblem, passwordNeeded, truncated, wrongPassword } from './errors';
import type { ParsedImport } from './types';

const WHAT = '2FAS backup';
const PBKDF2_ITERATIONS = 10_000;
const TAG_BYTES = 16;

export function isTwoFas(json: unknown): json is Record<string, unknown> {
  return (
    isObject(json) &&
    'schemaVersion' in json &&
    (Array.isArray(json.services) || typeof json.servicesEncrypted === 'string')
  );
}

export async function parseTwoFas(
  file: Record<string, unknown>,
  password: string | undefined,
): Promise<ParsedImport> {
  const encrypted = typeof file.servicesEncrypted === 'string' && file.servicesEncrypted !== '';
  const services = encrypted
    ? await decryptServices(file.servicesEncrypted as string, file.reference, password)
    : file.services;
  if (!Array.isArray(services)) throw truncated(WHAT, 'services is not a list');
  const groupNames = new Map<string, string>();
  if (Array.isArray(file.groups)) {
    for (const g of file.groups) {
      if (isObject(g) && typeof g.id === 'string' && typeof g.name === 'string') {
        groupNames.set(g.id, g.name);
      }
    }
  }
  const ordered = [...services].sort((a, b) => position(a) - position(b));
  const entries = ordered.map((raw: unknown) => {
    const s = isObject(raw) ? raw : {};
    const otp = isObject(s.otp) ? s.otp : {};
    const group = typeof s.groupId === 'string' ? groupNames.get(s.groupId) : undefined;
    return entryFromFields({
      issuer: (typeof otp.issuer === 'string' && otp.issuer) || s.name,
      account: otp.account || otp.label,
      secret: s.secret,
      type: otp.tokenType,
      algorithm: otp.algorithm,
      digits: otp.digits,
      period: otp.period,
      counter: otp.counter,
      groups: group ? [group] : [],
    });
  });
  return { format: '2fas', entries };
}

function position(service: unknown): number {
  const order = isObject(service) && isObject(service.order) ? service.order.position : undefined;
  return typeof order === 'number' ? order : Number.MAX_SAFE_INTEGER;
}

/**
 * `reference` is a fixed text encrypted with the same password: when it
 * opens and the services do not, the file is damaged rather than the password wrong.
 */
async function decryptServices(
  field: string,
  reference: unknown,
  password: string | undefined,
): Promise<unknown> {
  const services = splitSealed(field);
  if (!services) throw truncated(WHAT, 'servicesEncrypted is not ciphertext:salt:iv');
  if (!password) throw passwordNeeded(WHAT);
  const check = typeof reference === 'string' ? splitSealed(reference) : undefined;
  if (check && !(await openSealed(check, password))) throw wrongPassword(WHAT);
  const plaintext = await openSealed(services, password);
  if (!plaintext) throw check ? truncated(WHAT, 'services do not decrypt') : wrongPassword(WHAT);
  try {
    return JSON.parse(plaintext.toString('utf8'));
  } catch (error) {
    throw truncated(WHAT, parseProblem(error));
  }
}

interface Sealed {
  data: Buffer;
  salt: Buffer;
  iv: Buffer;
}

function splitSealed(field: string): Sealed | undefined {
  const parts = field.split(':');
  if (parts.length !== 3) return undefined;
  const [data, salt, iv] = parts.map((p) => Buffer.from(p, 'base64')) as [Buffer, Buffer, Buffer];
  if (data.length <= TAG_BYTES || salt.length === 0 || iv.length !== 12) return undefined;
  return { data, salt, iv };
}

async function openSealed(
  { data, salt, iv }: Sealed,
  password: string,
): Promise<Buffer | undefined> {
  // In libuv's thread pool, so the window keeps answering while the key is derived.
  const key = await new Promise<Buffer>((resolve, reject) =>
    pbkdf2(password, salt, PBKDF2_ITERATIONS, 32, 'sha256', (error, derived) =>
      error ? reject(error) : resolve(derived),
    ),
  );
  const cut = data.length - TAG_BYTES;
  return gcmOpen(key, iv, data.subarray(cut), data.subarray(0, cut));
}
