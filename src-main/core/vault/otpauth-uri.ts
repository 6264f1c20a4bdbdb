/**
 * Parses otpauth:// links (Google Authenticator's key URI format).
 *
 * otpauth's own URI.parse accepts algorithms this vault does not support
 * (SHA224, SHA3-*) and reports problems as untyped TypeErrors; parsing here
 * gives each mistake its own code and words, and otpauth still makes the codes.
 */
import { AppError } from '../errors';
import { normalizeBase32Secret } from './base32-secret';
import { STEAM_DIGITS, STEAM_PERIOD } from './steam';
import type { NewAccount, OtpAlgorithm } from './types';

const URI_SHAPE = /^otpauth:\/\/([^/?#]*)\/([^?#]*)(?:\?([^#]*))?(?:#.*)?$/i;
const ALGORITHMS: readonly OtpAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];
const MIN_DIGITS = 6;
const MAX_DIGITS = 8;
const MAX_PERIOD_SECONDS = 3600;
/** Steam Guard fixes every parameter; a link's algorithm, digits or period would only make wrong codes. */
export const STEAM_PARAMS = {
  type: 'steam',
  algorithm: 'SHA1',
  digits: STEAM_DIGITS,
  period: STEAM_PERIOD,
} as const;

export function parseOtpauthUri(input: string): NewAccount {
  const uri = input.trim();
  if (!/^otpauth:\/\//i.test(uri)) {
    if (/^otpauth-migration:/i.test(uri)) {
      throw uriError(
        'URI_UNSUPPORTED_TYPE',
        'This is a Google Authenticator export link (otpauth-migration://), which holds several accounts in a private format. Export the accounts one by one as otpauth:// links or QR codes instead.',
      );
    }
    throw uriError(
      'URI_NOT_OTPAUTH',
      'This is not an otpauth:// link. Links for authenticator apps start with "otpauth://totp/" or "otpauth://hotp/".',
    );
  }
  const shape = URI_SHAPE.exec(uri);
  if (!shape) {
    throw uriError(
      'URI_MALFORMED',
      'The otpauth:// link is incomplete: it needs a type and a label, like otpauth://totp/Issuer:account?secret=….',
    );
  }
  const [, rawType = '', rawLabel = '', rawQuery = ''] = shape;
  const type = parseType(rawType);
  const params = parseQuery(rawQuery);
  const label = decode(rawLabel, 'label');
  const colon = label.indexOf(':');
  const labelIssuer = colon >= 0 ? label.slice(0, colon).trim() : '';
  const account = (colon >= 0 ? label.slice(colon + 1) : label).trim();
  if (account === '') {
    throw uriError('URI_MALFORMED', 'The otpauth:// link has no account name in its label.');
  }
  // When the label prefix and the issuer parameter disagree, the parameter wins: it is the
  // field Google's key URI format recommends, and the one issuers keep current.
  const issuer = (params.get('issuer') ?? '').trim() || labelIssuer;

  const rawSecret = params.get('secret');
  if (rawSecret === undefined || rawSecret.trim() === '') {
    throw uriError(
      'SECRET_MISSING',
      'The otpauth:// link has no secret= parameter, so no codes can be made from it.',
    );
  }
  const secret = normalizeBase32Secret(rawSecret, 'uri');
  const encoder = params.get('encoder');
  if (encoder !== undefined && encoder !== '') {
    if (encoder.toLowerCase() !== 'steam' || type !== 'totp') {
      throw uriError(
        'UNSUPPORTED_ENCODER',
        `Codes with encoder=${encoder.slice(0, 40)} are not supported; the vault makes standard codes and Steam Guard codes (encoder=steam on a totp link).`,
      );
    }
    return { issuer: issuer || 'Steam', account, secret, ...STEAM_PARAMS };
  }
  const algorithm = parseAlgorithm(params.get('algorithm'));
  const digits = parseDigits(params.get('digits'));

  if (type === 'hotp') {
    const counter = params.get('counter');
    if (counter === undefined || !/^\d+$/.test(counter) || !Number.isSafeInteger(Number(counter))) {
      throw uriError(
        'COUNTER_INVALID',
        'An HOTP link needs a counter= parameter with a whole number, such as counter=0.',
      );
    }
    return { issuer, account, secret, type, algorithm, digits, counter: Number(counter) };
  }
  return {
    issuer,
    account,
    secret,
    type,
    algorithm,
    digits,
    period: parsePeriod(params.get('period')),
  };
}

function parseType(raw: string): 'totp' | 'hotp' {
  const type = raw.toLowerCase();
  if (type === 'totp' || type === 'hotp') return type;
  throw uriError(
    'URI_UNSUPPORTED_TYPE',
    `"${raw.slice(0, 40)}" codes are not supported; the vault handles time-based (totp) and counter-based (hotp) codes.`,
  );
}

export function parseAlgorithm(raw: string | undefined): OtpAlgorithm {
  if (raw === undefined || raw === '') return 'SHA1';
  const algorithm = raw.toUpperCase().replace(/-/g, '');
  if ((ALGORITHMS as readonly string[]).includes(algorithm)) return algorithm as OtpAlgorithm;
  throw uriError(
    'UNSUPPORTED_ALGORITHM',
    `The algorithm "${raw.slice(0, 40)}" is not supported; use SHA1, SHA256 or SHA512.`,
  );
}

export function parseDigits(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 6;
  const digits = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
  if (!(digits >= MIN_DIGITS && digits <= MAX_DIGITS)) {
    throw uriError(
      'DIGITS_OUT_OF_RANGE',
      `Codes of ${raw.slice(0, 20)} digits are not supported; codes have ${MIN_DIGITS} to ${MAX_DIGITS} digits.`,
    );
  }
  return digits;
}

export function parsePeriod(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 30;
  const period = /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  if (!(period >= 1 && period <= MAX_PERIOD_SECONDS)) {
    throw uriError(
      'PERIOD_INVALID',
      `The period "${raw.slice(0, 20)}" is not valid; it must be a whole number of seconds from 1 to ${MAX_PERIOD_SECONDS}.`,
    );
  }
  return period;
}

/** Query parameters, decoded without turning "+" into a space (issuers use %20). */
function parseQuery(query: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decode(eq >= 0 ? pair.slice(0, eq) : pair, 'parameter').toLowerCase();
    const value = eq >= 0 ? decode(pair.slice(eq + 1), key) : '';
    if (!params.has(key)) params.set(key, value);
  }
  return params;
}

function decode(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw uriError(
      'URI_MALFORMED',
      `The otpauth:// link has a broken percent-encoding in its ${what}.`,
    );
  }
}

function uriError(code: string, message: string): AppError {
  return new AppError({ code, message, field: 'uri' });
}
