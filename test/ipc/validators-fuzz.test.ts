/**
 * Random input against the boundary's validators, with a fixed seed so a
 * failure reproduces: the router answers every payload with a Result (never
 * a throw, never INTERNAL), and the otpauth parser and Base32 check either
 * accept or raise an AppError — never a bare TypeError or URIError.
 */
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src-main/core/errors';
import { normalizeBase32Secret, parseOtpauthUri } from '../../src-main/core/vault';
import { channelNames } from '../../src-main/ipc/contract';
import { createRouter } from '../../src-main/ipc/router';
import type { Handlers } from '../../src-main/ipc/router';

/** mulberry32: small, seedable, good enough to vary inputs. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = 'abcXYZ0129:/?&=%+ -_.#@\u00e9\u0000\ud83d\ude00ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function randomString(next: () => number, max = 40): string {
  const length = Math.floor(next() * max);
  let s = '';
  for (let i = 0; i < length; i++) s += ALPHABET[Math.floor(next() * ALPHABET.length)];
  return s;
}

const KEYS = [
  'id',
  'ids',
  'uri',
  'issuer',
  'account',
  'secret',
  'type',
  'algorithm',
  'digits',
  'period',
  'counter',
  'which',
  'fileName',
  'dataBase64',
  '__proto__',
  'constructor',
];

function randomValue(next: () => number, depth = 0): unknown {
  const pick = Math.floor(next() * (depth > 2 ? 6 : 8));
  switch (pick) {
    case 0:
      return randomString(next);
    case 1:
      return Math.floor(next() * 20) - 5;
    case 2:
      return [Number.NaN, Infinity, -0, 1e300, 0.5][Math.floor(next() * 5)];
    case 3:
      return next() < 0.5;
    case 4:
      return null;
    case 5:
      return undefined;
    case 6:
      return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: Math.floor(next() * 5) }, () => [
          KEYS[Math.floor(next() * KEYS.length)],
          randomValue(next, depth + 1),
        ]),
      );
  }
}

describe('validators under random input', () => {
  it('the router answers every payload on every channel with a Result', async () => {
    const handlers = Object.fromEntries(
      channelNames.map((name) => [name, async () => 'handled']),
    ) as unknown as Handlers;
    const router = createRouter(handlers, { logError: () => undefined });
    const next = rng(20261126);
    const codes = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const channel = channelNames[Math.floor(next() * channelNames.length)] as string;
      const result = await router.dispatch(channel, randomValue(next));
      if (result.ok) expect(result.value).toBe('handled');
      else codes.add(result.error.code);
    }
    expect([...codes]).toEqual(['INVALID_REQUEST']);
  });

  it('parseOtpauthUri accepts or raises an AppError, never anything else', () => {
    const next = rng(42);
    const prefixes = [
      'otpauth://totp/',
      'otpauth://hotp/',
      'otpauth://',
      'OTPAUTH://TOTP/a:b?',
      '',
    ];
    const params = [
      'secret=',
      'issuer=',
      'algorithm=',
      'digits=',
      'period=',
      'counter=',
      '%',
      '&',
      '?',
    ];
    let accepted = 0;
    for (let i = 0; i < 5000; i++) {
      let uri = prefixes[Math.floor(next() * prefixes.length)] ?? '';
      uri += randomString(next, 12);
      for (let j = Math.floor(next() * 6); j > 0; j--) {
        uri += (params[Math.floor(next() * params.length)] ?? '') + randomString(next, 20);
      }
      if (next() < 0.3) uri += '&secret=JBSWY3DPEHPK3PXP';
      try {
        parseOtpauthUri(uri);
        accepted++;
      } catch (error) {
        expect(isAppError(error), `${String(error)} for ${JSON.stringify(uri)}`).toBe(true);
      }
    }
    expect(accepted).toBeGreaterThan(0);
  });

  it('normalizeBase32Secret accepts or raises an AppError, never anything else', () => {
    const next = rng(7);
    for (let i = 0; i < 5000; i++) {
      const input = randomString(next, 48);
      try {
        expect(normalizeBase32Secret(input)).toMatch(/^[A-Z2-7]{16,}$/);
      } catch (error) {
        expect(isAppError(error), `${String(error)} for ${JSON.stringify(input)}`).toBe(true);
      }
    }
  });
});
