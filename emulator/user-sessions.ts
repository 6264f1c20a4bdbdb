/**
 * Token sessions, as ListUserSessions shows them: each sign-in is one, its
 * refreshes keep it active, and a user holds at most MAX_PER_USER live ones.
 */
import type { Context } from './context.js';
import { epochSeconds } from './context.js';
import { newSessionId } from './ids.js';
import type { Grant, TokenSession } from './model.js';

/** Cognito's default UserPoolTokenSessionConfig.MaxPerUser. */
export const MAX_PER_USER = 20;

const OS_NAMES: [RegExp, string][] = [
  [/Windows/i, 'Windows'],
  [/Android/i, 'Android'],
  [/iPhone|iPad|iOS/i, 'iOS'],
  [/Mac OS X|Macintosh|os\/macos/i, 'macOS'],
  [/CrOS/i, 'ChromeOS'],
  [/Linux|os\/linux/i, 'Linux'],
];
const APP_NAMES: [RegExp, string][] = [
  [/Electron\//, 'Electron'],
  [/Edg\//, 'Edge'],
  [/Firefox\//, 'Firefox'],
  [/Chrome\/|Chromium\//, 'Chrome'],
  [/Safari\//, 'Safari'],
  [/aws-cli\//, 'AWS CLI'],
  [/aws-sdk-js/, 'AWS SDK for JavaScript'],
  [/aws-sdk-/, 'AWS SDK'],
  [/curl\//, 'curl'],
  [/node|undici/i, 'Node.js'],
];

/** "Linux, Chrome" from a User-Agent header, or "unknown" as Cognito says. */
export function describeUserAgent(userAgent: string | null | undefined): string {
  if (!userAgent) return 'unknown';
  const os = OS_NAMES.find(([re]) => re.test(userAgent))?.[1];
  const app = APP_NAMES.find(([re]) => re.test(userAgent))?.[1];
  const parts = [os, app].filter((p): p is string => p !== undefined);
  return parts.length ? parts.join(', ') : 'unknown';
}

const lastActive = (g: Grant) => g.session?.lastActiveAt ?? g.authTime * 1000;

/** The user's sign-ins that are still live, oldest first. */
export function liveGrants(ctx: Context, poolId: string, username: string): Grant[] {
  return Object.values(ctx.store.state.grants)
    .filter((g) => g.poolId === poolId && g.username === username && !g.revoked)
    .sort((a, b) => (a.session?.createdAt ?? 0) - (b.session?.createdAt ?? 0));
}

/** A new session for a new grant; evicts the least recently used past the limit. */
export function openSession(ctx: Context, grant: Grant): TokenSession {
  const now = ctx.clock.now();
  const live = liveGrants(ctx, grant.poolId, grant.username).sort(
    (a, b) => lastActive(a) - lastActive(b),
  );
  for (const old of live.slice(0, Math.max(0, live.length - MAX_PER_USER + 1))) old.revoked = true;
  return {
    id: newSessionId(),
    createdAt: now,
    lastActiveAt: now,
    deviceType: describeUserAgent(ctx.request?.userAgent),
    ip: ctx.request?.ip ?? null,
  };
}

/** A refresh or rotation: the session was active now, from this caller. */
export function touchSession(ctx: Context, grant: Grant): void {
  if (!grant.session) return;
  grant.session.lastActiveAt = ctx.clock.now();
  if (ctx.request) {
    grant.session.deviceType = describeUserAgent(ctx.request.userAgent);
    grant.session.ip = ctx.request.ip;
  }
  ctx.store.touch();
}

export const sessionView = (grant: Grant & { session: TokenSession }, current: boolean) => ({
  SessionId: grant.session.id,
  SessionType: 'TOKEN',
  ClientId: grant.clientId,
  CreateDate: epochSeconds(grant.session.createdAt),
  LastActiveDate: epochSeconds(grant.session.lastActiveAt),
  DeviceType: grant.session.deviceType,
  ...(grant.session.ip !== null ? { LastIPAddress: grant.session.ip } : {}),
  IsCurrentSession: current,
});
