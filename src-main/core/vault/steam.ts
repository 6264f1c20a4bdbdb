/**
 * Steam Guard codes: RFC 6238 TOTP (HMAC-SHA1, 30 s) with Steam's own final
 * step, which spells the truncated number in a 26-character alphabet instead
 * of decimal digits. Steam publishes no specification; the vectors in the
 * tests are KeePassXC's.
 */
import { createHmac } from 'node:crypto';

const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';
export const STEAM_DIGITS = 5;
export const STEAM_PERIOD = 30;

export function steamCode(key: Uint8Array, timestampMs: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(timestampMs / 1000 / STEAM_PERIOD)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  let value = mac.readUInt32BE(offset) & 0x7fffffff;
  let code = '';
  for (let i = 0; i < STEAM_DIGITS; i += 1) {
    code += STEAM_ALPHABET[value % STEAM_ALPHABET.length];
    value = Math.floor(value / STEAM_ALPHABET.length);
  }
  return code;
}
