/**
 * The non-secret state of the app: vault labels and order, settings. Other
 * areas add their sections here; unknown top-level sections are kept, so an
 * older build does not drop what a newer one wrote under the same version.
 */
import { z } from 'zod';
import { DEFAULT_IDLE_LOCK_MINUTES, MAX_IDLE_LOCK_MINUTES } from '../lock/idle-lock';
import type { StateDocument } from '../ports';

export const APP_STATE_VERSION = 1;
export const STATE_FILE_NAME = 'state.json';

export const vaultRecordSchema = z.object({
  id: z.string().min(1),
  issuer: z.string(),
  account: z.string(),
  type: z.enum(['totp', 'hotp', 'steam']),
  algorithm: z.enum(['SHA1', 'SHA256', 'SHA512']),
  /** Steam Guard codes have 5 characters; TOTP and HOTP 6 to 8 digits. */
  digits: z.number().int().min(5).max(8),
  period: z.number().int().min(1).optional(),
  counter: z.number().int().min(0).optional(),
  createdAt: z.number(),
  /** Groups (tags) the account is filed under, by name. */
  groups: z.array(z.string().max(100)).max(50).optional(),
  /** ms since epoch of the last copy, for "sort by last used". */
  lastUsedAt: z.number().optional(),
});
export type VaultRecord = z.output<typeof vaultRecordSchema>;

/** The admin console's per-profile mode; a section of its own so it stays out of the others' way. */
export const adminStateSchema = z
  .object({
    profiles: z
      .record(z.string(), z.object({ enabled: z.boolean(), awsProfile: z.string().optional() }))
      .default({}),
  })
  .prefault({});

/** A deleted account, kept (secret included) until restored or expired. */
export const trashedRecordSchema = vaultRecordSchema.extend({ deletedAt: z.number() });
export type TrashedRecord = z.output<typeof trashedRecordSchema>;

export const appStateSchema = z.looseObject({
  schemaVersion: z.literal(APP_STATE_VERSION),
  /** Accounts in display order. */
  vault: z
    .object({
      accounts: z.array(vaultRecordSchema),
      trash: z.array(trashedRecordSchema).default([]),
    })
    .prefault({ accounts: [] }),
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
      /** Remind the user when no backup was made for this many days; 0 = never. */
      backupReminderDays: z.number().int().min(0).max(365).default(0),
      /** ms since epoch of the last backup saved. */
      lastBackupAt: z.number().optional(),
      vaultSort: z.enum(['manual', 'name', 'lastUsed']).default('manual'),
    })
    .prefault({}),
  admin: adminStateSchema,
});
export type AppState = z.output<typeof appStateSchema>;
export type AppStateFile = StateDocument<AppState>;
