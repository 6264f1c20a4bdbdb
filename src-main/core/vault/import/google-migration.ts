/**
 * Google Authenticator's "Transfer accounts" export: one or more
 * `otpauth-migration://offline?data=<Base64 protobuf>` links (one per QR
 * code). A large export is a batch of several codes sharing a batch id.
 */
import protobuf from 'protobufjs';
import { Secret } from 'otpauth';
import { describeLabel, entryFromFields } from './entry';
import { parseProblem, truncated } from './errors';
import type { ImportEntry } from './types';

const PROTO = `
syntax = "proto3";
message MigrationPayload {
  enum Algorithm { ALGORITHM_UNSPECIFIED = 0; SHA1 = 1; SHA256 = 2; SHA512 = 3; MD5 = 4; }
  enum DigitCount { DIGIT_COUNT_UNSPECIFIED = 0; SIX = 1; EIGHT = 2; }
  enum OtpType { OTP_TYPE_UNSPECIFIED = 0; HOTP = 1; TOTP = 2; }
  message OtpParameters {
    bytes secret = 1;
    string name = 2;
    string issuer = 3;
    Algorithm algorithm = 4;
    DigitCount digits = 5;
    OtpType type = 6;
    int64 counter = 7;
  }
  repeated OtpParameters otp_parameters = 1;
  int32 version = 2;
  int32 batch_size = 3;
  int32 batch_index = 4;
  int32 batch_id = 5;
}`;

export const MigrationPayload = protobuf.parse(PROTO).root.lookupType('MigrationPayload');

const ALGORITHMS: Record<number, string> = {
  0: 'SHA1',
  1: 'SHA1',
  2: 'SHA256',
  3: 'SHA512',
  4: 'MD5',
};
const DIGITS: Record<number, number> = { 0: 6, 1: 6, 2: 8 };
const WHAT = 'Google Authenticator export';

interface Payload {
  otpParameters: {
    secret: Uint8Array;
    name: string;
    issuer: string;
    algorithm: number;
    digits: number;
    type: number;
    counter: number | { toNumber(): number };
  }[];
  batchSize: number;
  batchIndex: number;
  batchId: number;
}

export function isMigrationLink(line: string): boolean {
  return /^otpauth-migration:\/\//i.test(line.trim());
}

/** Every link of the export, in any order; a code missing from a batch is reported as its own entry. */
export function parseMigrationLinks(links: string[]): ImportEntry[] {
  const entries: ImportEntry[] = [];
  const batches = new Map<number, { size: number; seen: Set<number> }>();
  for (const link of links) {
    const payload = decodeLink(link);
    for (const p of payload.otpParameters) entries.push(entryOf(p));
    if (payload.batchSize > 1) {
      const batch = batches.get(payload.batchId) ?? { size: payload.batchSize, seen: new Set() };
      batch.seen.add(payload.batchIndex);
      batches.set(payload.batchId, batch);
    }
  }
  for (const { size, seen } of batches.values()) {
    for (let i = 0; i < size; i += 1) {
      if (!seen.has(i)) {
        entries.push({
          label: `Export code ${i + 1} of ${size}`,
          problem:
            'This QR code of the export was not included, so its accounts are missing. Add it (scan or paste it too) to import them.',
        });
      }
    }
  }
  return entries;
}

function decodeLink(link: string): Payload {
  let data: string | null;
  try {
    data = new URL(link.trim()).searchParams.get('data');
  } catch {
    data = null;
  }
  if (!data) throw truncated(WHAT, 'the link has no data= parameter');
  const bytes = Buffer.from(data, 'base64');
  try {
    const message = MigrationPayload.decode(bytes);
    return MigrationPayload.toObject(message, { defaults: true, longs: Number }) as Payload;
  } catch (error) {
    throw truncated(WHAT, parseProblem(error));
  }
}

function entryOf(p: Payload['otpParameters'][number]): ImportEntry {
  // Google keeps "Issuer:name" in name as well when the account came from such a label.
  const prefix = p.issuer ? `${p.issuer}:` : '';
  const name = prefix && p.name.startsWith(prefix) ? p.name.slice(prefix.length) : p.name;
  if (p.secret.length === 0) {
    return { label: describeLabel(p.issuer, name), problem: 'It has no secret key.' };
  }
  const counter = typeof p.counter === 'number' ? p.counter : p.counter.toNumber();
  return entryFromFields({
    issuer: p.issuer,
    account: name,
    secret: new Secret({ buffer: Uint8Array.from(p.secret).buffer }).base32,
    type: p.type === 1 ? 'hotp' : p.type === 2 || p.type === 0 ? 'totp' : String(p.type),
    algorithm: ALGORITHMS[p.algorithm] ?? String(p.algorithm),
    digits: DIGITS[p.digits] ?? String(p.digits),
    counter,
  });
}
