import type { NewAccount } from '../types';

export type ImportFormat =
  'otpauth-list' | 'google-migration' | 'aegis' | '2fas' | 'bitwarden' | 'andotp' | 'app-backup';

/** One entry of a file: an account the vault can use, or the reason it cannot. */
export type ImportEntry =
  | { account: NewAccount; groups: string[]; problem?: undefined; label?: undefined }
  | { label: string; problem: string; account?: undefined };

export interface ParsedImport {
  format: ImportFormat;
  entries: ImportEntry[];
  /** A backup of this app also carries its settings. */
  settings?: Record<string, unknown>;
}

/** What is read: text as pasted or read from a file, the file's raw bytes, an image. */
export interface ImportSource {
  text?: string;
  bytes?: Buffer;
  password?: string;
}
