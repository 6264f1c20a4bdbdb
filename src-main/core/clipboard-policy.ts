/**
 * Copies short-lived secrets (codes, tokens) to the clipboard and takes them
 * back after a delay — but only if the clipboard still holds what was copied,
 * so a later copy by the user is never wiped.
 */
import type { Clipboard } from './ports';

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const DEFAULT_CLEAR_AFTER_SECONDS = 30;

export interface ClipboardPolicyOptions {
  /** Seconds until auto-clear; 0 turns auto-clear off. */
  clearAfterSeconds?: number;
  /** Defaults to the global timers; tests pass fakes. */
  timers?: Timers;
  /** A scheduled clear that fails has no caller to tell; it is reported here. */
  onError?: (error: unknown) => void;
}

export interface CopyOptions {
  /** What was copied, for logs and notifications ("code for GitHub"). */
  label: string;
}

export interface CopyResult {
  /** Seconds until the clipboard is cleared; 0 when auto-clear is off. */
  clearsInSeconds: number;
  label: string;
}

export const globalTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class ClipboardPolicy {
  private clearAfterSeconds: number;
  private readonly timers: Timers;
  private readonly onError: (error: unknown) => void;
  /** What we copied last and have not yet taken back. */
  private pending: { text: string; handle: unknown } | undefined;

  constructor(
    private readonly clipboard: Clipboard,
    options: ClipboardPolicyOptions = {},
  ) {
    this.clearAfterSeconds = validDelay(options.clearAfterSeconds ?? DEFAULT_CLEAR_AFTER_SECONDS);
    this.timers = options.timers ?? globalTimers;
    this.onError =
      options.onError ?? ((error) => console.error('[clipboard] auto-clear failed:', error));
  }

  get clearDelaySeconds(): number {
    return this.clearAfterSeconds;
  }

  /** Applies to later copies; one already scheduled keeps its time. */
  setClearDelay(seconds: number): void {
    this.clearAfterSeconds = validDelay(seconds);
  }

  async copy(text: string, options: CopyOptions): Promise<CopyResult> {
    this.forget();
    await this.clipboard.writeText(text, { concealed: true });
    const delay = this.clearAfterSeconds;
    const handle =
      delay > 0
        ? this.timers.setTimeout(() => {
            this.clearIfUnchanged().catch(this.onError);
          }, delay * 1000)
        : undefined;
    this.pending = { text, handle };
    return { clearsInSeconds: delay, label: options.label };
  }

  /** For lock and quit: take back what we copied now, if it is still there. */
  async clearNow(): Promise<void> {
    if (this.pending?.handle !== undefined) this.timers.clearTimeout(this.pending.handle);
    await this.clearIfUnchanged();
  }

  private async clearIfUnchanged(): Promise<void> {
    const pending = this.pending;
    this.pending = undefined;
    if (pending && (await this.clipboard.readText()) === pending.text) {
      await this.clipboard.clear();
    }
  }

  private forget(): void {
    if (this.pending?.handle !== undefined) this.timers.clearTimeout(this.pending.handle);
    this.pending = undefined;
  }
}

function validDelay(seconds: number): number {
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new RangeError(`Clipboard clear delay must be 0 or more seconds, got ${seconds}`);
  }
  return seconds;
}
