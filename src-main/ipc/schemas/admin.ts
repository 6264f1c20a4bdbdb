/**
 * Request schemas of the admin console's channels. They check shape and
 * size; Cognito checks meaning and its refusals come back in plain words.
 */
import { z } from 'zod';
import { authAnswerSchema } from './auth';

const id = z.string().min(1).max(200);
const profileId = id;
const username = z.string().trim().min(1, 'Enter the username.').max(128);
const user = { profileId, username };
const attributes = z
  .array(z.object({ name: z.string().min(1).max(64), value: z.string().max(2048) }).strict())
  .max(50);
const mfaType = z.enum(['SOFTWARE_TOKEN_MFA', 'SMS_MFA', 'EMAIL_OTP']);
/** The username typed back for a destructive action; main compares it too. */
const confirmUsername = z.string().max(128);

export const adminProfileSchema = z.object({ profileId }).strict();
export const adminConfigureSchema = z
  .object({ profileId, enabled: z.boolean(), awsProfile: z.string().max(128).optional() })
  .strict();
export const adminListUsersSchema = z
  .object({
    profileId,
    field: z.enum(['username', 'email', 'phone_number', 'status', 'enabled']).optional(),
    value: z.string().max(256).optional(),
    nextToken: z.string().max(4096).optional(),
  })
  .strict();
export const adminUserSchema = z.object(user).strict();
export const adminCreateUserSchema = z
  .object({ ...user, attributes, delivery: z.enum(['EMAIL', 'SMS', 'SUPPRESS']) })
  .strict();
export const adminResendSchema = z.object({ ...user, delivery: z.enum(['EMAIL', 'SMS']) }).strict();
export const adminTemporaryPasswordSchema = z
  .object({ ...user, password: z.string().min(1, 'Enter a temporary password.').max(256) })
  .strict();
export const adminSetMfaSchema = z
  .object({ ...user, factor: mfaType, enabled: z.boolean(), preferred: z.boolean() })
  .strict();
export const adminDeviceSchema = z
  .object({ ...user, deviceKey: z.string().min(1).max(55) })
  .strict();
export const adminDeviceRememberedSchema = z
  .object({ ...user, deviceKey: z.string().min(1).max(55), remembered: z.boolean() })
  .strict();
export const adminSessionSchema = z
  .object({ ...user, sessionId: z.string().min(1).max(256) })
  .strict();
export const adminConfirmedSchema = z.object({ ...user, confirmUsername }).strict();
export const adminSetEnabledSchema = z.object({ ...user, enabled: z.boolean() }).strict();
export const adminSetGroupSchema = z
  .object({ ...user, group: z.string().min(1).max(128), member: z.boolean() })
  .strict();
export const adminAttributesSchema = z.object({ ...user, attributes }).strict();
export const adminEmptySchema = z.object({}).strict();
export const deskStartSchema = z
  .object({ ...user, password: z.string().min(1, 'Enter the temporary password.').max(256) })
  .strict();
export const deskRespondSchema = z.object({ deskId: id, answer: authAnswerSchema }).strict();
export const deskRefSchema = z.object({ deskId: id }).strict();
