/**
 * "Allow this terminal session for N minutes", as 1Password's CLI does: a
 * grant for one program, started by one parent, in one terminal (tty) or
 * session (setsid), that ends after N minutes, when the app locks, or when it
 * quits. Kept in memory only: a restart asks again.
 */
import type { Clock } from '../ports';
import type { CallerIdentity } from '../ports';

export const DEFAULT_SESSION_MINUTES = 10;
export const MAX_SESSION_MINUTES = 8 * 60;

export interface SessionGrant {
  program: string;
  parent: string;
  /** The terminal ("/dev/pts/3") or, without one, "session <id>". */
  terminal: string;
  /** ms since epoch. */
  until: number;
}

export class SessionGrants {
  private readonly grants = new Map<string, SessionGrant>();

  constructor(private readonly clock: Clock) {}

  /** When the caller's grant ends, if it has one that has not. */
  allowedUntil(caller: CallerIdentity): number | undefined {
    const key = caller.sessionKey;
    const grant = key === undefined ? undefined : this.grants.get(key);
    if (!grant || key === undefined) return undefined;
    if (grant.until <= this.clock.now()) {
      this.grants.delete(key);
      return undefined;
    }
    return grant.until;
  }

  /** Returns when the grant ends; a caller without a terminal or session gets none. */
  allow(caller: CallerIdentity, minutes: number): number | undefined {
    const key = caller.sessionKey;
    if (key === undefined) return undefined;
    const bounded = Math.min(Math.max(Math.round(minutes), 1), MAX_SESSION_MINUTES);
    const until = this.clock.now() + bounded * 60_000;
    this.grants.set(key, {
      program: caller.program.exe,
      parent: caller.parent?.exe ?? '',
      terminal: terminalOf(caller),
      until,
    });
    return until;
  }

  list(): SessionGrant[] {
    const now = this.clock.now();
    for (const [key, grant] of this.grants) if (grant.until <= now) this.grants.delete(key);
    return [...this.grants.values()];
  }

  clear(): void {
    this.grants.clear();
  }
}

/** Words for the caller's terminal or session, for the prompt and the audit log. */
export function terminalOf(caller: CallerIdentity): string {
  if (caller.tty) return caller.tty;
  if (caller.sessionId !== undefined) return `session ${caller.sessionId}`;
  return '';
}
