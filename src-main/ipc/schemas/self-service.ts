/**
 * Request schemas of the self-service channels: forgot password, sign-up,
 * and the signed-in account (password, attributes, sessions).
 */
import { z } from 'zod';

const profileId = z.string().min(1).max(200);
const username = z.string().trim().min(1, 'Enter your username.').max(128);
const password = z.string().min(1, 'Enter a password.').max(256);
const code = z.string().trim().min(1, 'Enter the code you were sent.').max(20);
const attributeName = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[\w:.-]+$/, 'That is not an attribute name.');
const attributes = z.record(attributeName, z.string().max(2048));

export const forgotPasswordSchema = z.object({ profileId, username }).strict();

export const confirmForgotPasswordSchema = z
  .object({ profileId, username, code, newPassword: password })
  .strict();

export const signUpSchema = z
  .object({ profileId, username, password, attributes: attributes.default({}) })
  .strict();

export const confirmSignUpSchema = z.object({ profileId, username, code }).strict();

export const changePasswordSchema = z
  .object({ profileId, previousPassword: password, proposedPassword: password })
  .strict();

export const updateAttributesSchema = z.object({ profileId, attributes }).strict();

export const attributeRefSchema = z.object({ profileId, attribute: attributeName }).strict();

export const verifyAttributeSchema = z
  .object({ profileId, attribute: attributeName, code })
  .strict();

export const sessionRefSchema = z
  .object({
    profileId,
    sessionId: z.string().regex(/^(tkn|sso)[a-z0-9]{25}$/, 'That is not a Cognito session id.'),
  })
  .strict();
