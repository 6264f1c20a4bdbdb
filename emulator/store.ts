/**
 * Holds the state in memory and, when a data folder is given, mirrors it to
 * state.json with write-file-atomic (fsync, then rename): a crash leaves the
 * previous complete file, never a torn one.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { asDictionaries, emptyState } from './model.js';
import type { State } from './model.js';

export const STATE_FILE = 'state.json';

export class Store {
  private dirty = false;
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    readonly state: State,
    private readonly file: string | null,
  ) {}

  static async open(dataDir: string | null): Promise<Store> {
    if (dataDir === null) return new Store(emptyState(), null);
    const file = join(dataDir, STATE_FILE);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Store(emptyState(), file);
      throw err;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new Error(
        `${file} is not valid JSON (${(err as Error).message}); move it away to start empty`,
      );
    }
    const state = parsed as Partial<State> | null;
    if (
      !state ||
      state.version !== 1 ||
      typeof state.pools !== 'object' ||
      typeof state.grants !== 'object' ||
      typeof state.refreshTokens !== 'object'
    ) {
      throw new Error(`${file} is not emulator state version 1; move it away to start empty`);
    }
    return new Store(asDictionaries(state as State), file);
  }

  /** Records that the state changed; `flush` then writes it. */
  touch(): void {
    this.dirty = true;
  }

  /** Writes the state if it changed; writes are serialized so the last one wins. */
  flush(): Promise<void> {
    if (!this.dirty || this.file === null) return this.writing;
    this.dirty = false;
    const file = this.file;
    const text = JSON.stringify(this.state);
    this.writing = this.writing.then(() => writeFileAtomic(file, text, { mode: 0o600 }));
    return this.writing;
  }
}
