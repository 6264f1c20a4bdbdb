/**
 * Finds out what was handed in (a file, pasted text or a picture of QR
 * codes) and reads it with the matching format. Every failure of the whole
 * source is one of import/errors.ts; a failure of one entry stays that entry's.
 */
import { readAllQrTexts } from '../qr-image';
import { isAegis, parseAegis } from './aegis';
import { isAppBackup, parseAppBackup } from './app-backup';
import { entryFromUri } from './entry';
import {
  bitwardenEncrypted,
  nothingUsable,
  parseProblem,
  truncated,
  unknownFormat,
} from './errors';
import { isMigrationLink, parseMigrationLinks } from './google-migration';
import { isAndOtp, isBitwarden, parseAndOtp, parseBitwarden } from './json-formats';
import { isTwoFas, parseTwoFas } from './twofas';
import type { ImportSource, ParsedImport } from './types';

export const FORMAT_NAMES = {
  'otpauth-list': 'a list of otpauth:// links',
  'google-migration': 'a Google Authenticator export',
  aegis: 'an Aegis export',
  '2fas': 'a 2FAS backup',
  bitwarden: 'a Bitwarden export',
  andotp: 'an andOTP backup',
  'app-backup': 'a backup made by this app',
} as const;

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

export async function readImportSource(source: ImportSource): Promise<ParsedImport> {
  const parsed = await readAny(source);
  if (!parsed.entries.some((e) => e.account)) {
    throw nothingUsable(parsed.entries.map((e) => (e.problem ? `${e.label}: ${e.problem}` : '')));
  }
  return parsed;
}

async function readAny(source: ImportSource): Promise<ParsedImport> {
  const { bytes, password } = source;
  if (bytes && isImage(bytes)) return readText(readAllQrTexts(bytes).join('\n'), password);
  if (bytes && isAppBackup(bytes)) return parseAppBackup(bytes, password);
  const text = source.text ?? (bytes ? bytes.toString('utf8') : '');
  return readText(text, password);
}

function isImage(bytes: Buffer): boolean {
  return (
    bytes.subarray(0, 4).equals(PNG) ||
    (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
  );
}

async function readText(input: string, password: string | undefined): Promise<ParsedImport> {
  const text = input.replace(/^\uFEFF/, '').trim();
  if (text === '') throw nothingUsable([]);
  if (text.startsWith('{') || text.startsWith('[')) return readJson(text, password);
  if (isAppBackup(Buffer.from(text, 'utf8')))
    return parseAppBackup(Buffer.from(text, 'utf8'), password);
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const migration = lines.filter(isMigrationLink);
  const links = lines.filter((l) => /^otpauth:\/\//i.test(l));
  if (migration.length === 0 && links.length === 0) throw unknownFormat();
  // Ente Auth's plain export is this same list, one otpauth:// link a line.
  const entries = [...parseMigrationLinks(migration), ...links.map((l) => entryFromUri(l))];
  const others = lines.length - migration.length - links.length;
  for (let i = 0; i < others; i += 1) {
    entries.push({ label: 'A line that is not an otpauth:// link', problem: 'It was skipped.' });
  }
  return {
    format: migration.length > 0 && links.length === 0 ? 'google-migration' : 'otpauth-list',
    entries,
  };
}

async function readJson(text: string, password: string | undefined): Promise<ParsedImport> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // A JSON text cut short is the common way an export gets damaged in transit.
    throw truncated('file', parseProblem(error));
  }
  if (isAegis(json)) return parseAegis(json, password);
  if (isTwoFas(json)) return parseTwoFas(json, password);
  if (isBitwarden(json)) {
    if (json.encrypted === true) {
      throw bitwardenEncrypted();
    }
    return parseBitwarden(json);
  }
  if (isAndOtp(json)) return parseAndOtp(json);
  throw unknownFormat();
}
