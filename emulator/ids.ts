import { randomBytes, randomInt, randomUUID } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomFrom(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

export const newPoolId = (region: string) => `${region}_${randomFrom(ALNUM, 9)}`;
export const newClientId = () => randomFrom(LOWER_ALNUM, 26);
export const newClientSecret = () => randomFrom(LOWER_ALNUM, 52);
export const newDeviceKey = (region: string) => `${region}_${randomUUID()}`;
export const newDeviceGroupKey = () => `-${randomFrom(ALNUM, 9)}`;
export const newSub = () => randomUUID();
export const newJti = () => randomUUID();
/** 28 characters of lowercase letters and digits, `tkn` first, as Cognito's token sessions. */
export const newSessionId = () => `tkn${randomFrom(LOWER_ALNUM, 25)}`;
export const newCode = () => String(randomInt(1_000_000)).padStart(6, '0');
export const opaqueToken = (bytes: number) => randomBytes(bytes).toString('base64');

/**
 * Cognito's refresh tokens are encrypted JWTs (five dot-separated parts)
 * that only the service can read; this one is random behind the same header.
 */
export function newRefreshToken(): string {
  const header = Buffer.from('{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}').toString(
    'base64url',
  );
  const part = (n: number) => randomBytes(n).toString('base64url');
  return [header, part(256), part(12), part(1024), part(16)].join('.');
}
