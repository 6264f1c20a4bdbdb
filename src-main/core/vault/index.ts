export { VaultService, secretKey } from './vault-service';
export type { VaultServiceDeps } from './vault-service';
export { parseOtpauthUri } from './otpauth-uri';
export { normalizeBase32Secret } from './base32-secret';
export { readQrText, MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS } from './qr-image';
export { codesAt } from './codes';
export type * from './types';
