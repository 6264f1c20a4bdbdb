/**
 * What users do for themselves: SignUp and its confirmation, and, signed in,
 * their attributes and the codes that verify an email or phone.
 */
import type { Context } from '../context.js';
import { checkSecretHash, findUser, getClient, refuseUnknownUser } from '../directory.js';
import { CognitoError, invalidParameter, notAuthorized } from '../errors.js';
import { newCode, newSub } from '../ids.js';
import type { Pool, User } from '../model.js';
import { missingRequiredAttributes } from '../signin.js';
import { authenticateAccessToken } from '../tokens.js';
import { checkPasswordPolicy, maskDestination, newUser, setPassword } from '../users.js';
import type { Body } from '../validate.js';
import {
  attributeList as readAttributes,
  CLIENT_ID,
  optionalString,
  requiredString,
} from '../validate.js';
import { placeUsername } from './admin-users.js';

const USERNAME = { min: 1, max: 128, pattern: /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u };
const CODE = { min: 1, max: 2048, pattern: /^[\S]+$/ };
const CODE_MS = 24 * 60 * 60_000;
const VERIFIED: Record<string, string> = {
  email: 'email_verified',
  phone_number: 'phone_number_verified',
};

const codeMismatch = () =>
  new CognitoError(
    'CodeMismatchException',
    'Invalid verification code provided, please try again.',
  );
const codeExpired = () =>
  new CognitoError('ExpiredCodeException', 'Invalid code provided, please request a code again.');

/** Sends a code to the attribute's address and returns CodeDeliveryDetails. */
function sendCode(
  ctx: Context,
  pool: Pool,
  user: User,
  attribute: string,
  kind: 'SIGN_UP' | 'VERIFY_ATTRIBUTE',
): { code: string; details: Record<string, string> } {
  const destination = user.attributes[attribute];
  if (!destination) throw invalidParameter(`User has no ${attribute} to send a code to.`);
  const medium = attribute === 'email' ? 'EMAIL' : 'SMS';
  const code = newCode();
  ctx.outbox.deliver({
    at: ctx.clock.now(),
    poolId: pool.id,
    username: user.username,
    kind,
    medium,
    destination,
    code,
  });
  return {
    code,
    details: {
      Destination: maskDestination(destination),
      DeliveryMedium: medium,
      AttributeName: attribute,
    },
  };
}

/** The address a sign-up code goes to: email first, then phone, as the pool verifies them. */
function signUpAttribute(pool: Pool, user: User): string | null {
  const order = pool.autoVerifiedAttributes.length
    ? pool.autoVerifiedAttributes
    : ['email', 'phone_number'];
  return order.find((a) => user.attributes[a] !== undefined) ?? null;
}

function sendSignUpCode(ctx: Context, pool: Pool, user: User) {
  const attribute = signUpAttribute(pool, user);
  if (!attribute) return undefined;
  const { code, details } = sendCode(ctx, pool, user, attribute, 'SIGN_UP');
  user.signUpCode = { code, expiresAt: ctx.clock.now() + CODE_MS, attribute };
  return details;
}

export function signUp(ctx: Context, body: Body) {
  const { pool, client } = getClient(ctx, requiredString(body, 'ClientId', CLIENT_ID));
  const name = requiredString(body, 'Username', USERNAME);
  const password = requiredString(body, 'Password', { min: 1, max: 256 });
  checkSecretHash(client, name, optionalString(body, 'SecretHash'));
  if (pool.adminCreateUserOnly) throw notAuthorized('SignUp is not permitted for this user pool');
  const given = readAttributes(body, 'UserAttributes');
  const placed = placeUsername(pool, name, given);
  if (findUser(pool, name) || (placed.username !== null && findUser(pool, placed.username)))
    throw new CognitoError('UsernameExistsException', 'User already exists');
  checkPasswordPolicy(pool.passwordPolicy, password);
  const now = ctx.clock.now();
  const user = newUser(placed.username ?? newSub(), placed.attributes, 'UNCONFIRMED', now);
  const missing = missingRequiredAttributes(pool, user);
  if (missing.length)
    throw invalidParameter(
      `Attributes did not conform to the schema: ${missing.map((n) => `${n}: The attribute ${n} is required`).join(', ')}`,
    );
  setPassword(pool, user, password, false, now);
  pool.users[user.username] = user;
  const delivery = sendSignUpCode(ctx, pool, user);
  ctx.store.touch();
  return {
    UserConfirmed: false,
    UserSub: user.sub,
    ...(delivery ? { CodeDeliveryDetails: delivery } : {}),
  };
}

/** The user a pre-sign-in call names, with Cognito's answer for an unknown one. */
function namedUser(ctx: Context, body: Body) {
  const { pool, client } = getClient(ctx, requiredString(body, 'ClientId', CLIENT_ID));
  const name = requiredString(body, 'Username', USERNAME);
  checkSecretHash(client, name, optionalString(body, 'SecretHash'));
  const user = findUser(pool, name);
  if (!user) {
    refuseUnknownUser(client);
    // Under ENABLED nothing says whether the name exists; nothing can be confirmed either.
    throw codeMismatch();
  }
  return { pool, user };
}

export function confirmSignUp(ctx: Context, body: Body) {
  const code = requiredString(body, 'ConfirmationCode', CODE);
  const { user } = namedUser(ctx, body);
  if (user.status !== 'UNCONFIRMED')
    throw notAuthorized(`User cannot be confirmed. Current status is ${user.status}`);
  const pending = user.signUpCode;
  if (!pending || pending.code !== code) throw codeMismatch();
  if (pending.expiresAt <= ctx.clock.now()) throw codeExpired();
  user.status = 'CONFIRMED';
  const flag = VERIFIED[pending.attribute];
  if (flag) user.attributes[flag] = 'true';
  user.signUpCode = null;
  user.modifiedAt = ctx.clock.now();
  ctx.store.touch();
  return {};
}

export function resendConfirmationCode(ctx: Context, body: Body) {
  const { pool, user } = namedUser(ctx, body);
  if (user.status !== 'UNCONFIRMED') throw invalidParameter('User is already confirmed.');
  const delivery = sendSignUpCode(ctx, pool, user);
  if (!delivery) throw invalidParameter('User has no email or phone_number to send a code to.');
  ctx.store.touch();
  return { CodeDeliveryDetails: delivery };
}

function sendVerification(ctx: Context, pool: Pool, user: User, attribute: string) {
  const { code, details } = sendCode(ctx, pool, user, attribute, 'VERIFY_ATTRIBUTE');
  user.verificationCodes = {
    ...user.verificationCodes,
    [attribute]: { code, expiresAt: ctx.clock.now() + CODE_MS },
  };
  return details;
}

export function updateUserAttributes(ctx: Context, body: Body) {
  const { pool, user } = authenticateAccessToken(ctx, requiredString(body, 'AccessToken'));
  const updates = readAttributes(body, 'UserAttributes');
  for (const name of Object.keys(updates)) {
    const schema = pool.schema.find((a) => a.Name === name);
    if (name === 'sub' || name.endsWith('_verified') || (schema && !schema.Mutable))
      throw invalidParameter(`Cannot modify an immutable attribute: ${name}`);
  }
  const deliveries: Record<string, string>[] = [];
  for (const [name, value] of Object.entries(updates)) {
    const changed = user.attributes[name] !== value;
    user.attributes[name] = value;
    const flag = VERIFIED[name];
    if (!flag || !changed) continue;
    user.attributes[flag] = 'false';
    if (pool.autoVerifiedAttributes.includes(name))
      deliveries.push(sendVerification(ctx, pool, user, name));
  }
  user.modifiedAt = ctx.clock.now();
  ctx.store.touch();
  return deliveries.length ? { CodeDeliveryDetailsList: deliveries } : {};
}

const VERIFIABLE = ['email', 'phone_number'];

export function getUserAttributeVerificationCode(ctx: Context, body: Body) {
  const { pool, user } = authenticateAccessToken(ctx, requiredString(body, 'AccessToken'));
  const attribute = requiredString(body, 'AttributeName', { min: 1, max: 32 });
  if (!VERIFIABLE.includes(attribute))
    throw invalidParameter(`${attribute} is not an attribute that can be verified.`);
  const details = sendVerification(ctx, pool, user, attribute);
  ctx.store.touch();
  return { CodeDeliveryDetails: details };
}

export function verifyUserAttribute(ctx: Context, body: Body) {
  const { user } = authenticateAccessToken(ctx, requiredString(body, 'AccessToken'));
  const attribute = requiredString(body, 'AttributeName', { min: 1, max: 32 });
  const code = requiredString(body, 'Code', CODE);
  const pending = user.verificationCodes?.[attribute];
  if (!pending || pending.code !== code) throw codeMismatch();
  if (pending.expiresAt <= ctx.clock.now()) throw codeExpired();
  user.attributes[VERIFIED[attribute] ?? `${attribute}_verified`] = 'true';
  delete user.verificationCodes![attribute];
  ctx.store.touch();
  return {};
}
