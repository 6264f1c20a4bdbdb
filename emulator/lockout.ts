/**
 * Cognito's lockout: after five wrong passwords in a row, sign-in is refused
 * with "Password attempts exceeded" for a wait that starts at one second and
 * doubles each time, up to 15 minutes.
 */
import { recordAuthEvent } from './auth-events.js';
import type { Context } from './context.js';
import { incorrectCredentials, notAuthorized } from './errors.js';
import type { User } from './model.js';

const LOCKOUT_THRESHOLD = 5;
const MAX_LOCKOUT_MS = 15 * 60_000;

/** Runs one password check under the lockout rule. */
export function verifyWithLockout(ctx: Context, user: User, check: () => boolean): void {
  const now = ctx.clock.now();
  if (user.lockedUntil > now) throw notAuthorized('Password attempts exceeded');
  if (check()) return;
  recordAuthEvent(ctx, user, {
    type: 'SignIn',
    response: 'Fail',
    challenges: [{ ChallengeName: 'Password', ChallengeResponse: 'Failure' }],
  });
  user.failedAttempts += 1;
  if (user.failedAttempts >= LOCKOUT_THRESHOLD) {
    user.lockedUntil =
      now + Math.min(MAX_LOCKOUT_MS, 1000 * 2 ** (user.failedAttempts - LOCKOUT_THRESHOLD));
  }
  ctx.store.touch();
  throw incorrectCredentials();
}

export function clearFailures(user: User): void {
  user.failedAttempts = 0;
  user.lockedUntil = 0;
}
