/**
 * The remembered-device secret: made once when Cognito hands out
 * NewDeviceMetadata, proved with device SRP on later sign-ins.
 */
import { randomBytes } from 'node:crypto';
import { deviceVerifier, hexToBigInt, padHex, padHexBytes } from './srp';

/** What main keeps in the SecretStore for one remembered device. */
export interface DeviceSecret {
  deviceKey: string;
  deviceGroupKey: string;
  /** Base64 of 40 random bytes: the device's "password" in device SRP. */
  devicePassword: string;
}

export interface NewDeviceSecret {
  secret: DeviceSecret;
  /** ConfirmDevice's DeviceSecretVerifierConfig. */
  verifierConfig: { PasswordVerifier: string; Salt: string };
}

export function createDeviceSecret(
  deviceKey: string,
  deviceGroupKey: string,
  random: (size: number) => Buffer = randomBytes,
): NewDeviceSecret {
  const devicePassword = random(40).toString('base64');
  // padHex of 16 random bytes: 15 to 17 bytes once decoded, so no fixed length.
  const salt = padHex(hexToBigInt(random(16).toString('hex')));
  const verifier = deviceVerifier(deviceGroupKey, deviceKey, devicePassword, salt);
  return {
    secret: { deviceKey, deviceGroupKey, devicePassword },
    verifierConfig: {
      PasswordVerifier: padHexBytes(verifier).toString('base64'),
      Salt: Buffer.from(salt, 'hex').toString('base64'),
    },
  };
}
