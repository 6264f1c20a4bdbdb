/** The sign-in history AdminListUserAuthEvents reads (threat protection's event log). */
import { randomUUID } from 'node:crypto';
import type { Context } from './context.js';
import type { AuthEvent, User } from './model.js';

export const AUTH_EVENTS_KEPT = 50;

export function recordAuthEvent(
  ctx: Context,
  user: User,
  event: Pick<AuthEvent, 'type' | 'response' | 'challenges'>,
): void {
  const events = (user.authEvents ??= []);
  events.push({ id: randomUUID(), at: ctx.clock.now(), ...event });
  if (events.length > AUTH_EVENTS_KEPT) events.splice(0, events.length - AUTH_EVENTS_KEPT);
  ctx.store.touch();
}
