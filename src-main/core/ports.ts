/**
 * The outside world as core sees it. Adapters (keytar, Electron, the test
 * harness) implement these; core never imports them directly.
 */

/** Secrets of any size, kept encrypted at rest; see core/secrets. */
export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
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

export const systemClock: Clock = { now: () => Date.now() };

/**
 * The data folder held by one process at a time (the app for its lifetime,
 * or `cognito-auth --no-app` for one command). Stores call `ensureHeld`
 * before every read-modify-write.
 */
export interface DataFolderLock {
  readonly held: boolean;
  /** Takes the lock again if it was lost (e.g. after sleep); throws if another process has it. */
  ensureHeld(): Promise<void>;
  close(): Promise<void>;
}
