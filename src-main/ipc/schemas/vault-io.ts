/** Request schemas of import, backup/export and Trash channels, and the vault's grouping and re-enrollment. */
import { z } from 'zod';

const id = z.string().min(1).max(200);

/** What an import reads: pasted text, or a file's bytes (a QR image, a JSON export, a backup). */
export const importPreviewSchema = z
  .object({
    text: z.string().max(5_000_000).optional(),
    /** The file's bytes, base64; 10 MiB of file at most. */
    dataBase64: z.string().max(14_000_000).optional(),
    fileName: z.string().max(200).optional(),
    password: z.string().max(1024).optional(),
  })
  .strict()
  .refine((r) => (r.text ?? '').trim() !== '' || (r.dataBase64 ?? '') !== '', {
    message: 'Choose a file or paste the exported text.',
    path: ['source'],
  });

export const importCommitSchema = z
  .object({
    previewId: id,
    choices: z
      .array(
        z
          .object({
            index: z.number().int().min(0).max(100_000),
            action: z.enum(['add', 'skip', 'replace', 'keepBoth']),
          })
          .strict(),
      )
      .max(100_000),
  })
  .strict();

export const backupSaveSchema = z
  .object({ passphrase: z.string().min(1, 'Enter a passphrase.').max(1024) })
  .strict();

export const backupReminderSchema = z
  .object({
    days: z
      .number()
      .int('Enter a whole number of days.')
      .min(0, 'Use 0 to turn the reminder off.')
      .max(365, 'Choose at most a year (365 days).'),
  })
  .strict();

/** Exports put secrets outside the encrypted store: the request must say the user confirmed. */
export const exportSchema = z.object({ confirmed: z.literal(true) }).strict();

export const trashRefSchema = z.object({ id }).strict();
export const trashEmptySchema = z.object({ ids: z.array(id).max(10_000).optional() }).strict();

export const accountRefSchema = z.object({ id }).strict();
export const reenrollSchema = z
  .object({ id, uri: z.string().min(1, 'Paste the new otpauth:// link.').max(4096) })
  .strict();
export const setGroupsSchema = z
  .object({ id, groups: z.array(z.string().trim().min(1).max(100)).max(50) })
  .strict();
export const setSortSchema = z.object({ sort: z.enum(['manual', 'name', 'lastUsed']) }).strict();
