/**
 * Request and event schemas of the tray, clipboard-settings, lock and CLI
 * access-list channels (issue 5).
 */
import { z } from 'zod';
import { MAX_IDLE_LOCK_MINUTES } from '../../core/lock/idle-lock';
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
  .object({ requestId: id, decision: z.enum(['once', 'always', 'deny']) })
  .strict();

export const approvalRequestedEvent = z
  .object({
    requestId: z.string(),
    action: z.string(),
    program: z.string(),
    programPid: z.number(),
    parent: z.string().optional(),
    canAllowAlways: z.boolean(),
    expiresAt: z.number(),
  })
  .strict();

export const approvalSettledEvent = z
  .object({
    requestId: z.string(),
    decision: z.enum(['once', 'always', 'deny']),
    reason: z.enum(['answered', 'timeout']),
  })
  .strict();

export const lockChangedEvent = z.object({ locked: z.boolean() }).strict();
