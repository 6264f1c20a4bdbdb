/**
 * Request schemas of the sign-in, enrollment, devices and profiles channels.
 * They check shape and size only; the meaning of each field (pool
 * id format, region match, ...) is checked by core/cognito/profiles so the
 * messages can be specific.
 */
import { z } from 'zod';

const id = z.string().min(1).max(200);
const text = z.string().max(2048);
const code = z
  .string()
  .trim()
  .regex(/^\d{6,8}$/, 'Enter the 6-digit code.');

export const passwordPolicySchema = z
  .object({
    minimumLength: z.number().int().min(6).max(99),
    requireUppercase: z.boolean(),
    requireLowercase: z.boolean(),
    requireNumbers: z.boolean(),
    requireSymbols: z.boolean(),
  })
  .strict();

export const profileInputSchema = z
  .object({
    displayName: z.string().max(100),
    region: z.string().max(40),
    userPoolId: z.string().max(100),
    clientId: z.string().max(200),
    /** Omit to keep the stored one (update); empty string removes it. */
    clientSecret: z.string().max(512).optional(),
    endpoint: z.string().max(2048).optional(),
    authFlow: z
      .enum(['USER_SRP_AUTH', 'USER_PASSWORD_AUTH', 'CUSTOM_AUTH', 'USER_AUTH'])
      .default('USER_SRP_AUTH'),
    clientMetadata: z.record(z.string().max(200), z.string().max(2048)).optional(),
    analyticsEndpointId: z.string().max(200).optional(),
    /** Opaque data from Cognito's advanced-security collector, passed as UserContextData.EncodedData. */
    userContextData: z.string().max(8192).optional(),
    authSessionValidityMinutes: z.number().int().min(3).max(15).default(3),
    passwordPolicy: passwordPolicySchema.optional(),
    identityPoolId: z.string().max(100).optional(),
    identityProvider: z.string().max(300).optional(),
    adminCreateUserOnly: z.boolean().optional(),
  })
  .strict();
export type ProfileInput = z.input<typeof profileInputSchema>;

export const profileUpdateSchema = z.object({ id, profile: profileInputSchema }).strict();

export const authStartSchema = z
  .object({
    profileId: id,
    username: z.string().trim().min(1, 'Enter your username.').max(128),
    /** Omitted for a CUSTOM_AUTH profile; the engine asks for it where the flow needs one. */
    password: z.string().max(256).optional(),
  })
  .strict();

/** One answer per challenge that needs the user; `kind` names the step being answered. */
export const authAnswerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('SMS_MFA'), code }).strict(),
  z.object({ kind: z.literal('EMAIL_OTP'), code }).strict(),
  z.object({ kind: z.literal('SMS_OTP'), code }).strict(),
  z
    .object({
      kind: z.literal('SELECT_CHALLENGE'),
      factor: z.enum(['PASSWORD', 'EMAIL_OTP', 'SMS_OTP']),
      /** With factor PASSWORD. */
      password: z.string().max(256).default(''),
    })
    .strict(),
  z.object({ kind: z.literal('SOFTWARE_TOKEN_MFA'), code }).strict(),
  z
    .object({
      kind: z.literal('SELECT_MFA_TYPE'),
      mfaType: z.enum(['SOFTWARE_TOKEN_MFA', 'SMS_MFA', 'EMAIL_OTP']),
    })
    .strict(),
  z
    .object({
      kind: z.literal('MFA_SETUP'),
      /** The code from the user's authenticator; omit with useThisComputer. */
      code: code.optional(),
      /** Store the secret in this app's vault and let the app compute and submit the code. */
      useThisComputer: z.boolean().default(false),
      friendlyDeviceName: z.string().trim().max(128).default(''),
    })
    .strict()
    .refine((a) => a.useThisComputer || a.code !== undefined, {
      message: 'Enter the 6-digit code.',
      path: ['code'],
    }),
  z
    .object({
      kind: z.literal('NEW_PASSWORD_REQUIRED'),
      newPassword: z.string().min(1, 'Enter a new password.').max(256),
      /** Attribute names without the `userAttributes.` prefix. */
      attributes: z.record(z.string().max(200), text).default({}),
    })
    .strict(),
  z.object({ kind: z.literal('CUSTOM_CHALLENGE'), answer: text }).strict(),
]);
export type AuthAnswer = z.output<typeof authAnswerSchema>;

export const authRespondSchema = z.object({ attemptId: id, answer: authAnswerSchema }).strict();
export const attemptSchema = z.object({ attemptId: id }).strict();
export const rememberDeviceSchema = z.object({ attemptId: id, remember: z.boolean() }).strict();
export const profileRefSchema = z.object({ profileId: id }).strict();
export const emptySchema = z.object({}).strict();

/** Which setup's key to copy: a sign-in attempt at MFA_SETUP, or a signed-in enrollment. */
export const enrollCopySetupKeySchema = z.union([
  z.object({ attemptId: id }).strict(),
  z.object({ enrollmentId: id }).strict(),
]);

export const enrollVerifySchema = z
  .object({
    enrollmentId: id,
    code: code.optional(),
    useThisComputer: z.boolean().default(false),
    friendlyDeviceName: z.string().trim().max(128).default(''),
    preferred: z.boolean().default(true),
  })
  .strict()
  .refine((a) => a.useThisComputer || a.code !== undefined, {
    message: 'Enter the 6-digit code.',
    path: ['code'],
  });

const mfaToggle = z
  .object({ enabled: z.boolean(), preferred: z.boolean().default(false) })
  .strict();
export const mfaSetSchema = z
  .object({
    profileId: id,
    totp: mfaToggle.optional(),
    sms: mfaToggle.optional(),
    email: mfaToggle.optional(),
  })
  .strict();

export const deviceForgetSchema = z
  .object({ profileId: id, deviceKey: z.string().min(1).max(100) })
  .strict();
export const deviceRememberSchema = z
  .object({ profileId: id, deviceKey: z.string().min(1).max(100), remembered: z.boolean() })
  .strict();

export const authChangedEvent = z
  .object({
    profileId: z.string(),
    reason: z.enum(['signed-in', 'refreshed', 'signed-out', 'expired']),
  })
  .strict();
export const profilesChangedEvent = z.object({}).strict();
