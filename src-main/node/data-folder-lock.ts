/**
 * One writer per data folder. The app holds `<data folder>/app.lock` for its
 * whole life, and `cognito-auth --no-app` must take it too, so two processes
 * never read-modify-write the same store. "Is the app running?" is answered
 * by this lock, not by whether a socket answers.
 *
 * proper-lockfile makes the lock a folder (mkdir is atomic on every local and
 * network file system) whose mtime the holder refreshes; a lock not refreshed
 * within STALE_MS belongs to a process that died (kill -9, power loss) and is
 * taken over. A holder whose refresh was late (the laptop slept) loses the
 * lock and takes it again before its next write, unless someone else has.
 */
import { lock as lockFile, check as checkFile } from 'proper-lockfile';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../core/errors';
import type { DataFolderLock } from '../core/ports';
import { removeLeftoverTempFiles, writeFailed } from './durable-file';

export const LOCK_NAME = 'app.lock';
const STALE_MS = 10_000;
const UPDATE_MS = 2_000;

export interface AcquireOptions {
  /**
   * Wait for a lock left by a process that died to go stale (the app at
   * start-up) instead of refusing at once (the CLI).
   */
  waitForStale?: boolean;
}

export class FolderLock implements DataFolderLock {
  private release: (() => Promise<void>) | undefined;
  private lost = false;

  private constructor(readonly dataDir: string) {}

  /** Throws DATA_FOLDER_IN_USE when a live process holds the folder. */
  static async acquire(dataDir: string, options: AcquireOptions = {}): Promise<FolderLock> {
    const held = new FolderLock(dataDir);
    await held.take(options.waitForStale ?? false);
    // Only the holder writes, so a temp file there now was left by a crash.
    await removeLeftoverTempFiles(dataDir);
    return held;
  }

  get held(): boolean {
    return this.release !== undefined && !this.lost;
  }

  async ensureHeld(): Promise<void> {
    if (this.held) return;
    await this.take(false);
  }

  async close(): Promise<void> {
    const release = this.release;
    this.release = undefined;
    if (release && !this.lost) await release().catch(() => undefined);
  }

  private async take(wait: boolean): Promise<void> {
    await mkdir(this.dataDir, { recursive: true, mode: 0o700 }).catch((error: unknown) => {
      throw writeFailed(error, join(this.dataDir, LOCK_NAME), 'data folder');
    });
    try {
      this.release = await lockFile(this.dataDir, {
        ...lockOptions(this.dataDir),
        update: UPDATE_MS,
        retries: wait ? { retries: 15, minTimeout: 250, maxTimeout: 1_000, factor: 1.5 } : 0,
        onCompromised: () => {
          this.lost = true;
        },
      });
      this.lost = false;
    } catch (error) {
      throw lockError(error, this.dataDir);
    }
  }
}

/** True while a live process (the app, or `cognito-auth --no-app`) holds the folder. */
export async function dataFolderInUse(dataDir: string): Promise<boolean> {
  return checkFile(dataDir, lockOptions(dataDir)).catch(() => false);
}

function lockOptions(dataDir: string) {
  return { lockfilePath: join(dataDir, LOCK_NAME), realpath: false, stale: STALE_MS };
}

function lockError(error: unknown, dataDir: string): AppError {
  if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
    return new AppError({
      code: 'DATA_FOLDER_IN_USE',
      message: `Another copy of Cognito Authenticator (or cognito-auth --no-app) is using the data folder ${dataDir}. Close it and try again.`,
      retryable: true,
    });
  }
  return writeFailed(error, join(dataDir, LOCK_NAME), 'data folder lock');
}
