/** What the enrollment screen shows once: the QR code, the grouped key and the otpauth URI. */
import QRCode from 'qrcode';
import type { TotpSetupView } from './views';

/** `JBSWY3DPEHPK3PXP` → `JBSW Y3DP EHPK 3PXP`. */
export function groupKey(base32: string): string {
  return base32
    .replace(/\s+/g, '')
    .toUpperCase()
    .replace(/(.{4})(?=.)/g, '$1 ');
}

/** otpauth://totp/<Issuer>:<account>?secret=…&issuer=…, each part URI-encoded. Cognito: SHA1, 6 digits, 30 s. */
export function otpauthUri(issuer: string, account: string, secret: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  return `otpauth://totp/${label}?secret=${encodeURIComponent(secret)}&issuer=${encodeURIComponent(issuer)}`;
}

export async function totpSetupView(
  issuer: string,
  account: string,
  secret: string,
): Promise<TotpSetupView> {
  const uri = otpauthUri(issuer, account, secret);
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secretGrouped: groupKey(secret), otpauthUri: uri, qrSvg, issuer, account };
}
