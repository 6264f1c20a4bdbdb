/**
 * The non-secret state of the app: vault labels and order, settings. Other
 * areas add their sections here; unknown top-level sections are kept, so an
 * older build does not drop what a newer one wrote under the same version.
 */
import { z } from 'zod';
import { DEFAULT_IDLE_LOCK_MINUTES, MAX_IDLE_LOCK_MINUTES } from '../lock/idle-lock';
import { passphraseHashSchema } from '../lock/passphrase';
import type { StateDocument } from '../ports';

export const APP_STATE_VERSION = 1;
export const STATE_FILE_NAME = 'state.json';

export const vaultRecordSchema = z.object({
  id: z.string().min(1),
  issuer: z.string(),
  account: z.string(),
  type: z.enum(['totp', 'hotp']),
  algorithm: z.enum(['SHA1', 'SHA256', 'SHA512']),
  digits: z.number().int().min(6).max(8),
  period: z.number().int().min(1).optional(),
  counter: z.number().int().min(0).optional(),
  createdAt: z.number(),
});
export type VaultRecord = z.output<typeof vaultRecordSchema>;

export const appStateSchema = z.looseObject({
  schemaVersion: z.literal(APP_STATE_VERSION),
  /** Accounts in display order. */
  vault: z.object({ accounts: z.array(vaultRecordSchema) }).prefault({ accounts: [] }),
  settings: z
    .object({
      clipboardClearSeconds: z.number().int().min(0).max(3600).default(30),
      /** Minutes without input before the app locks itself; 0 = never. */
      idleLockMinutes: z
        .number()
        .int()
        .min(0)
        .max(MAX_IDLE_LOCK_MINUTES)
        .default(DEFAULT_IDLE_LOCK_MINUTES),
    })
    .prefault({}),
  /** The app lock's unlock passphrase, as a scrypt hash only. */
  lock: z.object({ passphrase: passphraseHashSchema.optional() }).optional(),
});
export type AppState = z.output<typeof appStateSchema>;
export type AppStateFile = StateDocument<AppState>;
