/**
 * Request and event schemas of the tray, clipboard-settings, lock and CLI
 * access-list channels.
 */
import { z } from 'zod';
import { MAX_IDLE_LOCK_MINUTES } from '../../core/lock/idle-lock';
import { MAX_SESSION_MINUTES } from '../../core/cli-bridge/session-grants';
import { pinnedListSchema } from '../../core/tray/pins';

const id = z.string().min(1).max(200);

export const emptyRequest = z.object({}).strict();

export const setPinsSchema = z.object({ pinned: pinnedListSchema }).strict();

export const setClearDelaySchema = z
  .object({
    seconds: z
      .number()
      .int('Enter a whole number of seconds.')
      .min(0, 'The delay cannot be below 0. Use 0 to never clear the clipboard.')
      .max(3600, 'Choose at most an hour (3600 s).'),
  })
  .strict();

export const setLockedSchema = z.object({ locked: z.boolean() }).strict();

const passphrase = z.string().max(1024);
export const unlockSchema = z.object({ passphrase: passphrase.optional() }).strict();
export const setPassphraseSchema = z
  .object({ passphrase: passphrase.min(1, 'Choose a passphrase.'), current: passphrase.optional() })
  .strict();

export const setIdleLockSchema = z
  .object({
    minutes: z
      .number()
      .int('Enter a whole number of minutes.')
      .min(0, 'The time cannot be below 0. Use 0 to never lock by itself.')
      .max(MAX_IDLE_LOCK_MINUTES, `Choose at most a day (${MAX_IDLE_LOCK_MINUTES} minutes).`),
  })
  .strict();

export const showScreenEvent = z
  .object({ screen: z.literal('sign-in'), profileId: z.string().min(1) })
  .strict();

export const revokeAllowedSchema = z.object({ id }).strict();

export const answerApprovalSchema = z
  .object({
    requestId: id,
    decision: z.enum(['once', 'session', 'always', 'deny']),
    /** For 'session': how many minutes the grant lasts. */
    minutes: z
      .number()
      .int('Enter a whole number of minutes.')
      .min(1, 'Allow at least one minute.')
      .max(MAX_SESSION_MINUTES, `Choose at most ${MAX_SESSION_MINUTES} minutes.`)
      .optional(),
  })
  .strict();

export const approvalRequestedEvent = z
  .object({
    requestId: z.string(),
    action: z.string(),
    program: z.string(),
    programPid: z.number(),
    parent: z.string().optional(),
    cwd: z.string().optional(),
    terminal: z.string().optional(),
    canAllowAlways: z.boolean(),
    canAllowSession: z.boolean(),
    sessionMinutes: z.number(),
    expiresAt: z.number(),
  })
  .strict();

export const approvalSettledEvent = z
  .object({
    requestId: z.string(),
    decision: z.enum(['once', 'session', 'always', 'deny']),
    reason: z.enum(['answered', 'timeout']),
  })
  .strict();

export const lockChangedEvent = z.object({ locked: z.boolean() }).strict();
