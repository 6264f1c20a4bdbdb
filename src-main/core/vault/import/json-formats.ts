/**
 * The JSON exports with no encryption of their own: Bitwarden's (items whose
 * login has a `totp` field: an otpauth:// link, `steam://<secret>`, or a bare
 * Base32 secret) and andOTP's plain backup (an array of entries).
 */
import { isObject } from './aegis';
import { entryFromFields, entryFromUri } from './entry';
import type { ImportEntry, ParsedImport } from './types';

export function isBitwarden(json: unknown): json is Record<string, unknown> {
  return isObject(json) && Array.isArray(json.items) && ('encrypted' in json || 'folders' in json);
}

export function parseBitwarden(file: Record<string, unknown>): ParsedImport {
  const folders = new Map<string, string>();
  if (Array.isArray(file.folders)) {
    for (const f of file.folders) {
      if (isObject(f) && typeof f.id === 'string' && typeof f.name === 'string')
        folders.set(f.id, f.name);
    }
  }
  const entries: ImportEntry[] = [];
  for (const raw of file.items as unknown[]) {
    if (!isObject(raw) || !isObject(raw.login)) continue;
    const totp = raw.login.totp;
    if (typeof totp !== 'string' || totp.trim() === '') continue;
    const name = typeof raw.name === 'string' ? raw.name : '';
    const username = typeof raw.login.username === 'string' ? raw.login.username : '';
    const folder = typeof raw.folderId === 'string' ? folders.get(raw.folderId) : undefined;
    const groups = folder ? [folder] : [];
    const value = totp.trim();
    if (/^otpauth:\/\//i.test(value)) entries.push(entryFromUri(value, groups));
    else if (/^steam:\/\//i.test(value)) {
      entries.push(
        entryFromFields({
          issuer: name || 'Steam',
          account: username || name,
          secret: value.slice(8),
          type: 'steam',
          groups,
        }),
      );
    } else {
      entries.push(
        entryFromFields({ issuer: name, account: username || name, secret: value, groups }),
      );
    }
  }
  return { format: 'bitwarden', entries };
}

export function isAndOtp(json: unknown): json is unknown[] {
  return (
    Array.isArray(json) &&
    json.length > 0 &&
    json.every((e) => isObject(e) && typeof e.secret === 'string' && 'type' in e)
  );
}

export function parseAndOtp(file: unknown[]): ParsedImport {
  const entries = file.map((raw) => {
    const e = raw as Record<string, unknown>;
    const label = typeof e.label === 'string' ? e.label : '';
    // Older andOTP versions kept "Issuer - account" or "Issuer:account" in label alone.
    const issuer = typeof e.issuer === 'string' && e.issuer ? e.issuer : '';
    return entryFromFields({
      issuer,
      account: label,
      secret: e.secret,
      type: e.type,
      algorithm: e.algorithm,
      digits: e.digits,
      period: e.period,
      counter: e.counter,
      groups: Array.isArray(e.tags) ? e.tags.filter((t): t is string => typeof t === 'string') : [],
    });
  });
  return { format: 'andotp', entries };
}
