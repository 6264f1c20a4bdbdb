/**
 * A JSON document on disk with a schema version, validated on read and
 * written atomically (write-file-atomic: temp file, fsync, rename). Updates
 * run one at a time, and the in-memory copy changes only once the write has
 * reached the disk, so a failed write leaves both the file and readers as
 * they were. Updates within one process never lose each other; across
 * processes, a changed file is re-read before the next update, which narrows
 * but does not close the window (there is no inter-process lock).
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { z } from 'zod';
import { AppError } from '../core/errors';
import type { StateDocument } from '../core/ports';
import { fileStamp } from './file-stamp';

export type StateWriter = (path: string, text: string) => Promise<void>;

export interface JsonStateFileOptions<S extends z.ZodType<{ schemaVersion: number }>> {
  path: string;
  schema: S;
  /** The version this build writes; a file with a higher one is refused. */
  schemaVersion: number;
  /** The document when no file exists yet. */
  initial: () => z.output<S>;
  writeFile?: StateWriter;
}

const atomicWrite: StateWriter = async (path, text) => {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFileAtomic(path, text, { mode: 0o600 });
};

export class JsonStateFile<S extends z.ZodType<{ schemaVersion: number }>> implements StateDocument<
  z.output<S>
> {
  /** The parsed document and the file version it came from. */
  private cached: { doc: z.output<S>; stamp: string | undefined } | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly writeFile: StateWriter;

  constructor(private readonly options: JsonStateFileOptions<S>) {
    this.writeFile = options.writeFile ?? atomicWrite;
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
      const draft = structuredClone(await this.load());
      const next = this.options.schema.parse(change(draft) ?? draft);
      await this.writeFile(this.options.path, `${JSON.stringify(next, null, 2)}\n`);
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
    const text = stamp === undefined ? undefined : await readText(this.options.path);
    const doc = text === undefined ? this.options.initial() : this.parse(text);
    this.cached = { doc, stamp };
    return doc;
  }

  private parse(text: string): z.output<S> {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw this.corrupt('it is not valid JSON');
    }
    const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
    if (typeof version === 'number' && version > this.options.schemaVersion) {
      throw new AppError({
        code: 'STATE_FILE_UNSUPPORTED',
        message: `The settings file was written by a newer version of the app (schema ${version}). Update the app to open it.`,
        detail: this.options.path,
      });
    }
    const parsed = this.options.schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw this.corrupt(`${issue?.path.join('.') || 'document'}: ${issue?.message ?? 'invalid'}`);
    }
    return parsed.data;
  }

  private corrupt(why: string): AppError {
    return new AppError({
      code: 'STATE_FILE_CORRUPT',
      message: `The app's settings file is damaged (${why}). Nothing was changed; restore it from a backup or move it aside to start over.`,
      detail: this.options.path,
    });
  }
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw unreadable(path, error);
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
