/**
 * Turns one entry of another app's file into a vault account, with the same
 * checks (and words) as an otpauth:// link, so nothing the vault cannot make
 * codes for gets in. A failure becomes that entry's problem, not the file's.
 */
import { isAppError } from '../../errors';
import { normalizeBase32Secret } from '../base32-secret';
import {
  parseAlgorithm,
  parseDigits,
  parseOtpauthUri,
  parsePeriod,
  STEAM_PARAMS,
} from '../otpauth-uri';
import type { NewAccount } from '../types';
import type { ImportEntry } from './types';

export interface EntryFields {
  issuer?: unknown;
  account?: unknown;
  secret?: unknown;
  /** totp, hotp or steam in any case; anything else is refused by name. */
  type?: unknown;
  algorithm?: unknown;
  digits?: unknown;
  period?: unknown;
  counter?: unknown;
  groups?: string[];
}

export function entryFromFields(fields: EntryFields): ImportEntry {
  const issuer = text(fields.issuer);
  const account = text(fields.account) || issuer;
  const label = describeLabel(issuer, account);
  try {
    return { account: accountFromFields(issuer, account, fields), groups: fields.groups ?? [] };
  } catch (error) {
    return { label, problem: problemText(error) };
  }
}

export function entryFromUri(uri: string, groups: string[] = []): ImportEntry {
  try {
    return { account: parseOtpauthUri(uri), groups };
  } catch (error) {
    return { label: labelOfUri(uri), problem: problemText(error) };
  }
}

function accountFromFields(issuer: string, account: string, f: EntryFields): NewAccount {
  if (account === '') throw new Error('It has no account name and no service name.');
  const type = text(f.type).toLowerCase() || 'totp';
  if (type !== 'totp' && type !== 'hotp' && type !== 'steam') {
    throw new Error(
      `"${text(f.type).slice(0, 20)}" codes are not supported; the vault makes time-based (TOTP), counter-based (HOTP) and Steam Guard codes.`,
    );
  }
  const secret = normalizeBase32Secret(text(f.secret));
  if (type === 'steam') return { issuer: issuer || 'Steam', account, secret, ...STEAM_PARAMS };
  const algorithm = parseAlgorithm(optional(f.algorithm));
  const digits = parseDigits(optional(f.digits));
  if (type === 'hotp') {
    const counter = Number(f.counter ?? 0);
    if (!Number.isSafeInteger(counter) || counter < 0) {
      throw new Error('Its counter is not a whole number of zero or more.');
    }
    return { issuer, account, secret, type, algorithm, digits, counter };
  }
  return {
    issuer,
    account,
    secret,
    type,
    algorithm,
    digits,
    period: parsePeriod(optional(f.period)),
  };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function optional(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return String(value);
}

/** The account's own problem in plain words; never the secret's characters beyond the one at fault. */
export function problemText(error: unknown): string {
  if (isAppError(error) || error instanceof Error) return error.message;
  return 'It cannot be read.';
}

export function describeLabel(issuer: string, account: string): string {
  if (issuer && account && issuer !== account) return `${issuer} (${account})`;
  return issuer || account || 'An entry without a name';
}

function labelOfUri(uri: string): string {
  const match = /^otpauth:\/\/[^/]*\/([^?#]*)/i.exec(uri.trim());
  // Anything else on the line may be secret material: it is not echoed.
  if (!match?.[1]) return 'A line that is not an otpauth:// link';
  try {
    return decodeURIComponent(match[1]).slice(0, 120);
  } catch {
    return match[1].slice(0, 120);
  }
}
