/**
 * Proving a new TOTP secret with VerifySoftwareToken, shared by enrollment
 * when signed in (AccessToken) and MFA_SETUP during sign-in (Session). When
 * this computer is to be the authenticator, the secret goes into the vault
 * first and the vault makes the code.
 */
import { AppError } from '../errors';
import type { TotpVault } from '../ports';

export interface TotpVerifyAnswer {
  code?: string;
  useThisComputer: boolean;
  friendlyDeviceName: string;
}

export interface NewTotpSecret {
  issuer: string;
  account: string;
  secret: string;
}

/** One VerifySoftwareToken call with these parameters plus the caller's AccessToken or Session. */
export type VerifySoftwareToken = (params: {
  UserCode: string;
  FriendlyDeviceName?: string;
}) => Promise<{ Status?: string }>;

/** Returns the vault entry made for this computer, if any; the caller links it to the user. */
export async function verifyNewTotp(
  answer: TotpVerifyAnswer,
  totp: NewTotpSecret,
  vault: TotpVault | undefined,
  deviceName: string,
  verify: VerifySoftwareToken,
): Promise<string | undefined> {
  let code = answer.code;
  let vaultId: string | undefined;
  if (answer.useThisComputer) {
    if (!vault)
      throw new AppError({
        code: 'VAULT_UNAVAILABLE',
        message:
          'The vault is not available, so this computer cannot be the authenticator. Use an authenticator app.',
      });
    vaultId = (await vault.addTotp(totp)).id;
    code = await vault.currentCode(vaultId);
  }
  if (!code)
    throw new AppError({
      code: 'CODE_REQUIRED',
      message: 'Enter the 6-digit code from your authenticator app.',
      field: 'code',
    });
  const friendly = answer.friendlyDeviceName.trim() || (answer.useThisComputer ? deviceName : '');
  try {
    const verified = await verify({
      UserCode: code,
      ...(friendly ? { FriendlyDeviceName: friendly } : {}),
    });
    if (verified.Status !== 'SUCCESS') {
      throw new AppError({
        code: 'TOTP_VERIFY_FAILED',
        message:
          'The code was not accepted. Check the clock of this computer and the phone, then try a fresh code.',
        retryable: true,
        detail: `Status ${verified.Status}`,
        field: 'code',
      });
    }
  } catch (e) {
    // An unverified secret in the vault would be a code generator for nothing.
    if (vaultId) await vault?.remove(vaultId);
    throw e;
  }
  return vaultId;
}
