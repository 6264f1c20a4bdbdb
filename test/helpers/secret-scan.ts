/**
 * The "no plaintext secret outside the encrypted store" check: every value
 * the app keeps in its SecretStore is a secret (tokens, TOTP seeds, device
 * keys and passwords), so each one, and each long string inside a JSON
 * value, is looked for in every file of a folder and in captured output.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SecretStore } from '../../src-main/core/ports';

/** Shorter strings (flags, small numbers, types) would match by chance. */
const MIN_SECRET_LENGTH = 16;

export async function secretsIn(store: SecretStore): Promise<string[]> {
  const found = new Set<string>();
  for (const key of await store.keys()) {
    const value = await store.get(key);
    if (value !== undefined) collect(value, found);
  }
  return [...found];
}

function collect(value: unknown, found: Set<string>): void {
  if (typeof value === 'string') {
    if (value.length >= MIN_SECRET_LENGTH) found.add(value);
    try {
      const parsed: unknown = JSON.parse(value);
      if (typeof parsed === 'object' && parsed !== null) collect(parsed, found);
    } catch {
      // not JSON: the string itself is the secret
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) collect(inner, found);
  }
}

export interface Sighting {
  where: string;
  secret: string;
}

/** Every file under `dir` (recursively) and every named text, searched for every secret. */
export async function plaintextSightings(
  secrets: string[],
  dirs: string[],
  texts: Record<string, string> = {},
): Promise<Sighting[]> {
  const sightings: Sighting[] = [];
  const look = (where: string, haystack: Buffer) => {
    for (const secret of secrets) {
      if (haystack.includes(Buffer.from(secret, 'utf8'))) {
        sightings.push({ where, secret: `${secret.slice(0, 6)}…` });
      }
    }
  };
  for (const dir of dirs) {
    for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath, entry.name);
      look(path, await readFile(path));
    }
  }
  for (const [where, text] of Object.entries(texts)) look(where, Buffer.from(text, 'utf8'));
  return sightings;
}
