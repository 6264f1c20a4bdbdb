/**
 * The outside world as core sees it. Adapters (keytar, Electron, the test
 * harness) implement these; core never imports them directly.
 */

/** Secrets of any size, kept encrypted at rest; see core/secrets. */
export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Sets (a string) or deletes (null) many keys in one write: all of them
   * reach the disk or none does. Imports use it so 1,000 accounts cost one
   * rewrite of the store, not 1,000.
   */
  setMany(changes: ReadonlyMap<string, string | null>): Promise<void>;
  /** Keys that start with the prefix; values stay encrypted until asked for. */
  keys(prefix?: string): Promise<string[]>;
}

/** Methods may answer asynchronously: Electron's clipboard API is promise-based. */
export interface Clipboard {
  /** `concealed` asks the platform to keep the value out of clipboard history where it can. */
  writeText(text: string, options?: { concealed?: boolean }): void | Promise<void>;
  readText(): string | Promise<string>;
  clear(): void | Promise<void>;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export interface Notifier {
  notify(title: string, body: string): void;
}

/**
 * Asks the user where to save a file (a save dialog) and writes it there.
 * Undefined when the user cancelled.
 */
export interface FileSaver {
  save(request: {
    title: string;
    suggestedName: string;
    data: Buffer;
  }): Promise<{ path: string } | undefined>;
}

export const systemClock: Clock = { now: () => Date.now() };
