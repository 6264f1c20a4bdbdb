/**
 * Holds the state in memory and mirrors it through a persistence: by default
 * <dataDir>/state.json, written whole to a temp file, fsynced and renamed
 * over the old one (a crash leaves the previous complete file, never a torn
 * one). An embedding app can keep the state elsewhere instead, e.g.
 * encrypted, since it holds refresh tokens and TOTP secrets.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { asDictionaries, emptyState } from './model.js';
import type { State } from './model.js';

export const STATE_FILE = 'state.json';

/** Where the state lives between runs; `load` answers undefined when nothing was saved yet. */
export interface StatePersistence {
  /** Names the place in error messages. */
  readonly where: string;
  load(): Promise<string | undefined>;
  save(text: string): Promise<void>;
}

export function fileStatePersistence(dataDir: string): StatePersistence {
  const file = join(dataDir, STATE_FILE);
  return {
    where: file,
    async load() {
      try {
        return await readFile(file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
    save: (text) => replaceFile(file, dataDir, text),
  };
}

async function replaceFile(file: string, dir: string, text: string): Promise<void> {
  const temp = `${file}.tmp-${randomBytes(6).toString('hex')}`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    // FileHandle.writeFile loops until every byte is written.
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (err) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  await handle.close();
  await rename(temp, file);
  if (process.platform === 'win32') return;
  const folder = await open(dir, 'r');
  await folder.sync().finally(() => folder.close());
}

export class Store {
  private dirty = false;
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    readonly state: State,
    private readonly persistence: StatePersistence | null,
  ) {}

  static async open(persistence: StatePersistence | null): Promise<Store> {
    if (persistence === null) return new Store(emptyState(), null);
    const text = await persistence.load();
    if (text === undefined) return new Store(emptyState(), persistence);
    const where = persistence.where;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new Error(
        `${where} is not valid JSON (${(err as Error).message}); move it away to start empty`,
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
      throw new Error(`${where} is not emulator state version 1; move it away to start empty`);
    }
    return new Store(asDictionaries(state as State), persistence);
  }

  /** Records that the state changed; `flush` then writes it. */
  touch(): void {
    this.dirty = true;
  }

  /** Writes the state if it changed; writes are serialized so the last one wins. */
  flush(): Promise<void> {
    if (!this.dirty || this.persistence === null) return this.writing;
    this.dirty = false;
    const persistence = this.persistence;
    const text = JSON.stringify(this.state);
    this.writing = this.writing.then(() => persistence.save(text));
    return this.writing;
  }
}
