/** Vault shapes shared by core and the IPC contract (which re-exports them). */

export type OtpType = 'totp' | 'hotp';
export type OtpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

/** How codes are made for an account; none of it is secret. */
export interface OtpParams {
  type: OtpType;
  algorithm: OtpAlgorithm;
  digits: number;
  /** TOTP only, seconds. */
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
  type: OtpType;
  algorithm: OtpAlgorithm;
  digits: number;
  period: number;
  counter: number;
}

/** What the renderer may know of a vault account: never the secret. */
export interface VaultAccountView {
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
  code: string;
  /** TOTP only: the code of the next period, shown in its last seconds. */
  nextCode?: string;
  /** TOTP only: seconds left in the current period at `generatedAt`. */
  secondsLeft?: number;
  /** ms since epoch when the codes were computed (main's clock). */
  generatedAt: number;
}

export interface CopyReceipt {
  /** Seconds until the clipboard is cleared; 0 when auto-clear is off. */
  clearsInSeconds: number;
}
