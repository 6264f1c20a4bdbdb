/**
 * The one writer behind both stores (the state JSON files and the encrypted
 * secrets file). A write either lands whole and durable or changes nothing:
 *
 *   temp file (O_EXCL, 0600) ← every byte, looping on short writes
 *   → fsync → size check → previous file hard-linked to `<name>.bak`
 *   → rename over the file → fsync of the folder.
 *
 * `<name>.bak` is the last good generation. A reader that finds the current
 * file damaged opens it instead and says so; the damaged file is kept as
 * `<name>.damaged` when the next write replaces it.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, link, mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError, isAppError } from '../core/errors';

export const BACKUP_SUFFIX = '.bak';
export const DAMAGED_SUFFIX = '.damaged';
const TEMP_MARK = '.tmp-';
const TEMP_PATTERN = /\.tmp-\d+-[0-9a-f]{12}$/;

/** A write that reached the disk with fewer bytes than asked for. */
const SHORT_WRITE = 'ESHORTWRITE';

export interface DurableRead<T> {
  value: T;
  /** Set when the current file was damaged and the last good generation was opened instead. */
  recovered?: { from: string; damage: AppError };
}

/**
 * `decode` turns the bytes into the document or throws an AppError; `isDamage`
 * tells which of its errors mean "this file is broken" (as opposed to, say,
 * "written by a newer version"), so that only those fall back to the backup.
 */
export interface DurableFileOptions<T> {
  path: string;
  decode: (bytes: Buffer, path: string) => T;
  isDamage: (error: AppError) => boolean;
  /** Names the file in messages: "settings file", "secrets file". */
  label: string;
  /** The error code for a file that exists but cannot be read. */
  unreadableCode: string;
  /** Runs once the new bytes are durable in the temp file, before anything is renamed; tests fail writes here. */
  beforeCommit?: () => void | Promise<void>;
}

export class DurableFile<T> {
  /** False after a read found the current file damaged: it must not become the backup. */
  private currentIsGood = true;

  constructor(private readonly options: DurableFileOptions<T>) {}

  get path(): string {
    return this.options.path;
  }

  get backupPath(): string {
    return this.options.path + BACKUP_SUFFIX;
  }

  /** undefined when there is no file yet. */
  async read(): Promise<DurableRead<T> | undefined> {
    const bytes = await readIfExists(this.options);
    if (bytes === undefined) {
      this.currentIsGood = true;
      return undefined;
    }
    try {
      const value = this.options.decode(bytes, this.options.path);
      this.currentIsGood = true;
      return { value };
    } catch (error) {
      if (!isAppError(error) || !this.options.isDamage(error)) throw error;
      const backup = await this.readBackup();
      if (backup === undefined) throw error;
      this.currentIsGood = false;
      return { value: backup, recovered: { from: this.backupPath, damage: error } };
    }
  }

  async write(data: Buffer): Promise<void> {
    const path = this.options.path;
    const dir = dirname(path);
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const temp = await writeTemp(path, data);
      try {
        await this.options.beforeCommit?.();
        // A damaged file must not become the backup, but it is the user's, so it is kept aside.
        await keepCopy(path, this.currentIsGood ? this.backupPath : path + DAMAGED_SUFFIX);
        await rename(temp, path);
      } catch (error) {
        await unlink(temp).catch(() => undefined);
        throw error;
      }
      this.currentIsGood = true;
      await syncFolder(dir);
    } catch (error) {
      throw writeFailed(error, path, this.options.label);
    }
  }

  private async readBackup(): Promise<T | undefined> {
    const bytes = await readFile(this.backupPath).catch(() => undefined);
    if (bytes === undefined) return undefined;
    try {
      return this.options.decode(bytes, this.backupPath);
    } catch {
      return undefined;
    }
  }
}

/**
 * One file written whole and durably, without a kept previous copy: for
 * files the user placed (an export), where a stray old copy beside it would
 * be unwanted. Refusals carry the same plain messages as the stores'.
 */
export async function writeWholeFile(path: string, data: Buffer, label: string): Promise<void> {
  try {
    const temp = await writeTemp(path, data);
    try {
      await rename(temp, path);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    await syncFolder(dirname(path));
  } catch (error) {
    throw writeFailed(error, path, label);
  }
}

async function writeTemp(path: string, data: Buffer): Promise<string> {
  const temp = `${path}${TEMP_MARK}${process.pid}-${randomBytes(6).toString('hex')}`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    let offset = 0;
    while (offset < data.length) {
      const { bytesWritten } = await handle.write(data, offset, data.length - offset);
      if (bytesWritten <= 0) throw Object.assign(new Error('no bytes written'), { code: 'ENOSPC' });
      offset += bytesWritten;
    }
    await handle.sync();
    const { size } = await handle.stat();
    if (size !== data.length) {
      throw Object.assign(new Error(`wrote ${size} of ${data.length} bytes`), {
        code: SHORT_WRITE,
      });
    }
    await handle.close();
    return temp;
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * The current file becomes `<name>.bak` by a hard link renamed into place, so
 * that at no moment is there neither a current file nor a backup. Where the
 * file system has no hard links, a copy does the same.
 */
async function keepCopy(path: string, backup: string): Promise<void> {
  const staging = `${backup}${TEMP_MARK}${process.pid}-${randomBytes(6).toString('hex')}`;
  try {
    await link(path, staging);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'EMLINK') {
      throw error;
    }
    await copyFile(path, staging);
    const handle = await open(staging, 'r+');
    await handle.sync().finally(() => handle.close());
  }
  try {
    await rename(staging, backup);
  } catch (error) {
    await unlink(staging).catch(() => undefined);
    throw error;
  }
}

/** Makes the renames durable. Windows cannot open a folder for syncing; there, NTFS journals them. */
async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Temp files left by a process that died mid-write. Only the holder of the
 * data-folder lock writes, so once it holds the lock every one is garbage.
 */
export async function removeLeftoverTempFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    if (!TEMP_PATTERN.test(name)) continue;
    await unlink(join(dir, name)).then(
      () => removed.push(name),
      () => undefined,
    );
  }
  return removed;
}

async function readIfExists(options: {
  path: string;
  label: string;
  unreadableCode: string;
}): Promise<Buffer | undefined> {
  try {
    return await readFile(options.path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw readFailed(error, options);
  }
}

function errnoOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'EIO';
}

/** One plain sentence per way a write can be refused; the file name and errno go in the detail. */
export function writeFailed(error: unknown, path: string, label: string): AppError {
  if (isAppError(error)) return error;
  const code = errnoOf(error);
  const detail = `${basename(path)}: ${code}`;
  switch (code) {
    case 'ENOSPC':
      return new AppError({
        code: 'DISK_FULL',
        message: 'The disk is full; nothing was saved. Free some space and try again.',
        retryable: true,
        detail: detail,
      });
    case 'EDQUOT':
      return new AppError({
        code: 'DISK_QUOTA_EXCEEDED',
        message:
          'Your disk quota is used up; nothing was saved. Free some space or ask for a larger quota, then try again.',
        retryable: true,
        detail: detail,
      });
    case 'EROFS':
      return new AppError({
        code: 'DISK_READ_ONLY',
        message: `The disk holding the app's data is read-only; nothing was saved. Make ${dirname(path)} writable again (or remount the disk) and try again.`,
        retryable: true,
        detail: detail,
      });
    case 'EACCES':
    case 'EPERM':
      return new AppError({
        code: 'DATA_FOLDER_DENIED',
        message: `The app is not allowed to write to its data folder ${dirname(path)}; nothing was saved. Check that the folder and its files belong to you, then try again.`,
        retryable: true,
        detail: detail,
      });
    default:
      return new AppError({
        code: 'SAVE_FAILED',
        message: `The ${label} could not be saved (${code}); nothing was changed. Try again.`,
        retryable: true,
        detail: detail,
      });
  }
}

function readFailed(
  error: unknown,
  { path, label, unreadableCode }: { path: string; label: string; unreadableCode: string },
): AppError {
  const code = errnoOf(error);
  return new AppError({
    code: unreadableCode,
    message:
      code === 'EACCES' || code === 'EPERM'
        ? `The app is not allowed to read its ${label} (${path}). Check that the file belongs to you, then try again.`
        : `The app's ${label} cannot be read (${code}). Try again; if it keeps failing, check the disk.`,
    retryable: true,
    detail: `${basename(path)}: ${code}`,
  });
}
