/** Vault shapes shared by core and the IPC contract (which re-exports them). */

/** `steam` is Steam Guard: time-based like TOTP, but five characters from Steam's alphabet. */
export type OtpType = 'totp' | 'hotp' | 'steam';
export type OtpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

/** How codes are made for an account; none of it is secret. */
export interface OtpParams {
  type: OtpType;
  algorithm: OtpAlgorithm;
  digits: number;
  /** TOTP and Steam, seconds. */
  period?: number;
  /** HOTP only: the counter of the code currently shown. */
  counter?: number;
}

/** A new account before it is saved: labels, parameters and the normalized Base32 secret. */
export interface NewAccount extends OtpParams {
  issuer: string;
  account: string;
  secret: string;
}

/** Manual entry as the user typed it (after the contract's defaults are applied). */
export interface ManualAccount {
  issuer: string;
  account: string;
  secret: string;
  type: 'totp' | 'hotp';
  algorithm: OtpAlgorithm;
  digits: number;
  period: number;
  counter: number;
}

/**
 * Why an account shows no code: its secret is missing from the encrypted
 * store, or what is there cannot make codes. Only that account is affected.
 */
export interface VaultAccountProblem {
  code: 'SECRET_NOT_FOUND' | 'SECRET_UNUSABLE';
  message: string;
}

interface VaultAccountLabels {
  id: string;
  issuer: string;
  account: string;
  type: OtpType;
  algorithm: OtpAlgorithm;
  digits: number;
  /** TOTP only. */
  period?: number;
  /** HOTP only: the counter the shown code was made from. */
  counter?: number;
  /** ms since epoch when the codes were computed (main's clock). */
  generatedAt: number;
  groups?: string[];
  /** ms since epoch of the last copy. */
  lastUsedAt?: number;
}

interface VaultAccountCodes {
  code: string;
  /** TOTP only: the code of the next period, shown in its last seconds. */
  nextCode?: string;
  /** TOTP only: seconds left in the current period at `generatedAt`. */
  secondsLeft?: number;
  problem?: undefined;
}

interface VaultAccountBroken {
  code?: undefined;
  nextCode?: undefined;
  secondsLeft?: undefined;
  problem: VaultAccountProblem;
}

/**
 * What the renderer may know of a vault account: never the secret. Either it
 * has codes, or (testing `problem` tells which) it has none and says why.
 */
export type VaultAccountView = VaultAccountLabels & (VaultAccountCodes | VaultAccountBroken);

export interface CopyReceipt {
  /** Seconds until the clipboard is cleared; 0 when auto-clear is off. */
  clearsInSeconds: number;
}
