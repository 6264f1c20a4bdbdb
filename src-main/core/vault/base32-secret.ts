import { Secret } from 'otpauth';
import { AppError } from '../errors';

/** RFC 4226 asks for 128 bits; 80 is the floor real issuers (and Google's spec) use. */
const MIN_SECRET_BITS = 80;

/**
 * Normalizes a Base32 secret as people paste it: spaces, dashes and lowercase
 * are tolerated, padding is optional. Returns canonical unpadded uppercase.
 */
export function normalizeBase32Secret(input: string, field = 'secret'): string {
  const cleaned = input.replace(/[\s-]/g, '').toUpperCase().replace(/=+$/, '');
  if (cleaned === '') {
    throw new AppError({
      code: 'SECRET_MISSING',
      message: 'Enter the secret key (the Base32 text the service showed you).',
      field,
    });
  }
  const bad = cleaned.match(/[^A-Z2-7]/);
  if (bad) {
    throw new AppError({
      code: 'SECRET_INVALID',
      message: `The secret key is not valid Base32: "${bad[0]}" is not allowed (only letters A–Z and digits 2–7).`,
      field,
    });
  }
  // 5 bits per character; lengths 1, 3 and 6 (mod 8) leave a partial byte.
  if ([1, 3, 6].includes(cleaned.length % 8)) {
    throw new AppError({
      code: 'SECRET_INVALID',
      message:
        'The secret key is not valid Base32: its length is wrong, so part of it is probably missing.',
      field,
    });
  }
  const bits = Secret.fromBase32(cleaned).bytes.length * 8;
  if (bits < MIN_SECRET_BITS) {
    throw new AppError({
      code: 'SECRET_INVALID',
      message: `The secret key is too short (${bits} bits; at least ${MIN_SECRET_BITS} are needed). Check that you copied all of it.`,
      field,
    });
  }
  return cleaned;
}
