/** ChangePassword and the forgot-password flow. */
import type { Context } from '../context.js';
import { clearFailures, verifyWithLockout } from '../lockout.js';
import { checkSecretHash, findUser, getClient, refuseUnknownUser } from '../directory.js';
import { CognitoError, invalidParameter } from '../errors.js';
import { newCode } from '../ids.js';
import type { Pool, User } from '../model.js';
import { authenticateAccessToken } from '../tokens.js';
import { checkPasswordPolicy, maskDestination, passwordMatches, setPassword } from '../users.js';
import type { Body } from '../validate.js';
import { CLIENT_ID, optionalString, requiredString } from '../validate.js';

const PASSWORD = { min: 1, max: 256 };
const RESET_CODE_MS = 60 * 60_000;

export function changePassword(ctx: Context, body: Body) {
  const previous = requiredString(body, 'PreviousPassword', PASSWORD);
  const proposed = requiredString(body, 'ProposedPassword', PASSWORD);
  const { pool, user } = authenticateAccessToken(ctx, requiredString(body, 'AccessToken'));
  verifyWithLockout(ctx, user, () => passwordMatches(pool, user, previous));
  checkPasswordPolicy(pool.passwordPolicy, proposed);
  setPassword(pool, user, proposed, false, ctx.clock.now());
  ctx.store.touch();
  return {};
}

/** Where a reset code goes: a verified email first, then a verified phone. */
function resetDestination(user: User) {
  if (user.attributes.email && user.attributes.email_verified === 'true')
    return { medium: 'EMAIL' as const, attribute: 'email', value: user.attributes.email };
  if (user.attributes.phone_number && user.attributes.phone_number_verified === 'true') {
    return {
      medium: 'SMS' as const,
      attribute: 'phone_number',
      value: user.attributes.phone_number,
    };
  }
  return null;
}

export function sendResetCode(ctx: Context, pool: Pool, user: User) {
  const dest = resetDestination(user);
  if (!dest)
    throw invalidParameter(
      'Cannot reset password for the user as there is no registered/verified email or phone_number',
    );
  const code = newCode();
  user.resetCode = { code, expiresAt: ctx.clock.now() + RESET_CODE_MS };
  ctx.store.touch();
  ctx.outbox.deliver({
    at: ctx.clock.now(),
    poolId: pool.id,
    username: user.username,
    kind: 'FORGOT_PASSWORD',
    medium: dest.medium,
    destination: dest.value,
    code,
  });
  return {
    Destination: maskDestination(dest.value),
    DeliveryMedium: dest.medium,
    AttributeName: dest.attribute,
  };
}

export function forgotPassword(ctx: Context, body: Body) {
  const { pool, client } = getClient(ctx, requiredString(body, 'ClientId', CLIENT_ID));
  const username = requiredString(body, 'Username');
  checkSecretHash(client, username, optionalString(body, 'SecretHash'));
  const user = findUser(pool, username);
  if (!user) refuseUnknownUser(client);
  // Under ENABLED an unknown user gets a plausible answer and no code, so nothing leaks.
  if (!user)
    return {
      CodeDeliveryDetails: {
        Destination: `${username[0] ?? 'u'}***@e***`,
        DeliveryMedium: 'EMAIL',
        AttributeName: 'email',
      },
    };
  return { CodeDeliveryDetails: sendResetCode(ctx, pool, user) };
}

export function confirmForgotPassword(ctx: Context, body: Body) {
  const { pool, client } = getClient(ctx, requiredString(body, 'ClientId', CLIENT_ID));
  const username = requiredString(body, 'Username');
  const code = requiredString(body, 'ConfirmationCode', { min: 1, max: 2048 });
  const password = requiredString(body, 'Password', PASSWORD);
  checkSecretHash(client, username, optionalString(body, 'SecretHash'));
  const user = findUser(pool, username);
  if (!user) refuseUnknownUser(client);
  if (!user?.resetCode || user.resetCode.code !== code)
    throw new CognitoError(
      'CodeMismatchException',
      'Invalid verification code provided, please try again.',
    );
  if (user.resetCode.expiresAt <= ctx.clock.now())
    throw new CognitoError(
      'ExpiredCodeException',
      'Invalid code provided, please request a code again.',
    );
  checkPasswordPolicy(pool.passwordPolicy, password);
  setPassword(pool, user, password, false, ctx.clock.now());
  user.resetCode = null;
  user.status = 'CONFIRMED';
  clearFailures(user);
  ctx.store.touch();
  return {};
}
