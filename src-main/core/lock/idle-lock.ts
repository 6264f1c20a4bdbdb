/**
 * Locks the app when the user has been away: after a set number of minutes
 * without keyboard or mouse input anywhere on the system, and at once when
 * the system suspends or locks its screen. 0 minutes turns both off, so one
 * setting says whether the app ever locks by itself.
 */
import { globalTimers } from '../clipboard-policy';
import type { Timers } from '../clipboard-policy';
import type { IdleSource } from '../ports';
import type { AppLock } from './app-lock';

export const DEFAULT_IDLE_LOCK_MINUTES = 15;
export const MAX_IDLE_LOCK_MINUTES = 24 * 60;

export interface IdleLockOptions {
  lock: Pick<AppLock, 'locked' | 'set' | 'onChange'>;
  /** Without one (the browser harness) the setting is kept but nothing is watched. */
  source?: IdleSource;
  minutes: number;
  timers?: Timers;
  /** A lock that fails (its clipboard clear, say) has no caller to tell; it is reported here. */
  onError?: (error: unknown) => void;
}

export class IdleLock {
  private idleMinutes: number;
  private timer: unknown;
  private running = false;
  private readonly stops: (() => void)[] = [];
  private readonly timers: Timers;

  constructor(private readonly options: IdleLockOptions) {
    this.idleMinutes = options.minutes;
    this.timers = options.timers ?? globalTimers;
  }

  get minutes(): number {
    return this.idleMinutes;
  }

  start(): void {
    const source = this.options.source;
    if (this.running || !source) return;
    this.running = true;
    // Unlocking starts the count again; locking stops it (there is nothing left to lock).
    this.stops.push(this.options.lock.onChange(() => this.check()));
    const stopAway = source.onAway?.(() => {
      if (this.idleMinutes > 0) this.lockNow();
    });
    if (stopAway) this.stops.push(stopAway);
    this.check();
  }

  stop(): void {
    this.running = false;
    this.cancelTimer();
    for (const stop of this.stops.splice(0)) stop();
  }

  /** Takes effect at once: a shorter delay the user has already been idle for locks now. */
  setMinutes(minutes: number): void {
    this.idleMinutes = minutes;
    this.check();
  }

  private check(): void {
    this.cancelTimer();
    const source = this.options.source;
    if (!this.running || !source || this.idleMinutes <= 0 || this.options.lock.locked) return;
    const secondsLeft = this.idleMinutes * 60 - source.idleSeconds();
    if (secondsLeft <= 0) {
      this.lockNow();
      return;
    }
    // Idle time grows no faster than the clock, so the threshold cannot be
    // reached sooner than this: one look then instead of a poll every few seconds.
    this.timer = this.timers.setTimeout(() => this.check(), secondsLeft * 1000);
  }

  private lockNow(): void {
    this.options.lock.set(true).catch((error: unknown) => this.options.onError?.(error));
  }

  private cancelTimer(): void {
    if (this.timer === undefined) return;
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
