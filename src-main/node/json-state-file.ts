/**
 * A JSON document on disk with a schema version, validated on read and
 * written by the durable writer (whole buffer, fsync, rename, folder fsync,
 * last good generation kept as `.bak`). Updates run one at a time, under the
 * data-folder lock when one is given, and the in-memory copy changes only
 * once the write has reached the disk, so a failed write leaves both the file
 * and readers as they were. A file replaced by another process (the CLI's
 * --no-app mode, between two of the app's lock-holding lives) is re-read.
 */
import type { z } from 'zod';
import { AppError } from '../core/errors';
import type { DataFolderLock, StateDocument } from '../core/ports';
import { DurableFile } from './durable-file';
import { fileStamp } from './file-stamp';

export interface JsonStateFileOptions<S extends z.ZodType<{ schemaVersion: number }>> {
  path: string;
  schema: S;
  /** The version this build writes; a file with a higher one is refused. */
  schemaVersion: number;
  /** The document when no file exists yet. */
  initial: () => z.output<S>;
  /** Held around every update; without it the caller vouches that no other process writes. */
  lock?: DataFolderLock;
  /** Told, in plain words, when a damaged file was replaced by its last good generation. */
  onRecovered?: (message: string) => void;
  /** Runs before a write is committed; tests make writes fail there. */
  beforeCommit?: () => void | Promise<void>;
}

export class JsonStateFile<S extends z.ZodType<{ schemaVersion: number }>> implements StateDocument<
  z.output<S>
> {
  /** The parsed document and the file version it came from. */
  private cached: { doc: z.output<S>; stamp: string | undefined } | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly file: DurableFile<z.output<S>>;

  constructor(private readonly options: JsonStateFileOptions<S>) {
    this.file = new DurableFile({
      path: options.path,
      decode: (bytes, path) => this.parse(bytes.toString('utf8'), path),
      isDamage: (error) => error.code === 'STATE_FILE_CORRUPT',
      label: 'settings file',
      unreadableCode: 'STATE_FILE_UNREADABLE',
      beforeCommit: options.beforeCommit,
    });
  }

  get path(): string {
    return this.options.path;
  }

  read(): Promise<z.output<S>> {
    return this.enqueue(() => this.load());
  }

  /**
   * `change` gets a deep copy to modify or replace; return value is written.
   * Throwing from `change` aborts the update with nothing written.
   */
  update(change: (draft: z.output<S>) => z.output<S> | void): Promise<z.output<S>> {
    return this.enqueue(async () => {
      await this.options.lock?.ensureHeld();
      const draft = structuredClone(await this.load());
      const next = this.options.schema.parse(change(draft) ?? draft);
      await this.file.write(Buffer.from(`${JSON.stringify(next, null, 2)}\n`, 'utf8'));
      this.cached = { doc: next, stamp: await fileStamp(this.options.path) };
      return next;
    });
  }

  /** Resolves once every queued update has finished. */
  async flush(): Promise<void> {
    await this.queue;
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The cached document, unless another process (the CLI's --no-app mode) replaced the file. */
  private async load(): Promise<z.output<S>> {
    const stamp = await fileStamp(this.options.path).catch((error: unknown) => {
      throw unreadable(this.options.path, error);
    });
    if (this.cached && this.cached.stamp === stamp) return this.cached.doc;
    const read = stamp === undefined ? undefined : await this.file.read();
    const doc = read === undefined ? this.options.initial() : read.value;
    if (read?.recovered) {
      this.options.onRecovered?.(
        `${read.recovered.damage.message.replace(/ Nothing was changed.*$/, '')} The app opened its previous copy instead, so your most recent change to it may be missing.`,
      );
    }
    this.cached = { doc, stamp };
    return doc;
  }

  private parse(text: string, path: string): z.output<S> {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw this.corrupt('it is not valid JSON', path);
    }
    const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
    if (typeof version === 'number' && version > this.options.schemaVersion) {
      throw new AppError({
        code: 'STATE_FILE_UNSUPPORTED',
        message: `The settings file was written by a newer version of the app (schema ${version}). Update the app to open it.`,
        detail: path,
      });
    }
    const parsed = this.options.schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw this.corrupt(
        `${issue?.path.join('.') || 'document'}: ${issue?.message ?? 'invalid'}`,
        path,
      );
    }
    return parsed.data;
  }

  private corrupt(why: string, path: string): AppError {
    return new AppError({
      code: 'STATE_FILE_CORRUPT',
      message: `The app's settings file is damaged (${why}). Nothing was changed; restore it from a backup or move it aside to start over.`,
      detail: path,
    });
  }
}

function unreadable(path: string, error: unknown): AppError {
  return new AppError({
    code: 'STATE_FILE_UNREADABLE',
    message: `The app's settings file cannot be read (${(error as NodeJS.ErrnoException).code ?? 'I/O error'}).`,
    retryable: true,
    detail: path,
  });
}
