/**
 * SecretStore with envelope encryption: the keychain holds one random 256-bit
 * data key per install, and an AES-256-GCM file holds the secrets themselves,
 * because keychains cap entry sizes (Windows: 2,560 bytes) below what
 * Cognito tokens need.
 *
 * Writes within one process are queued, so none is lost. Another process
 * (the CLI's --no-app mode) may write the same file: a changed file is
 * re-read before the next operation, which narrows but does not close that
 * window, since there is no inter-process lock.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { AppError } from '../core/errors';
import type { Keychain, SecretStore } from '../core/ports';
import { fileStamp } from './file-stamp';
import { DATA_KEY_BYTES, open, seal } from '../core/secrets/envelope-file';
import type { SecretMap } from '../core/secrets/envelope-file';

export const DATA_KEY_ACCOUNT = 'data-key';

export type FileWriter = (path: string, data: Buffer) => Promise<void>;

export interface EnvelopeSecretStoreOptions {
  keychain: Keychain;
  /** The encrypted file, e.g. <userData>/secrets.enc. */
  filePath: string;
  /** Keychain account under which the data key lives. */
  keyAccount?: string;
  /** Atomic writer (temp file, fsync, rename); replaceable so tests can make it fail. */
  writeFile?: FileWriter;
}

const atomicWrite: FileWriter = async (path, data) => {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFileAtomic(path, data, { mode: 0o600 });
};

export class EnvelopeSecretStore implements SecretStore {
  private readonly keychain: Keychain;
  private readonly filePath: string;
  private readonly keyAccount: string;
  private readonly writeFile: FileWriter;
  /** Every operation runs in order, so two writes never lose each other's update. */
  private queue: Promise<unknown> = Promise.resolve();
  private key: Buffer | undefined;
  /** The decrypted map and the file version it came from. */
  private loaded: { secrets: SecretMap; stamp: string | undefined } | undefined;

  constructor(options: EnvelopeSecretStoreOptions) {
    this.keychain = options.keychain;
    this.filePath = options.filePath;
    this.keyAccount = options.keyAccount ?? DATA_KEY_ACCOUNT;
    this.writeFile = options.writeFile ?? atomicWrite;
  }

  get(key: string): Promise<string | undefined> {
    return this.enqueue(async () => {
      const { secrets } = await this.load();
      return Object.prototype.hasOwnProperty.call(secrets, key) ? secrets[key] : undefined;
    });
  }

  keys(prefix = ''): Promise<string[]> {
    return this.enqueue(async () =>
      Object.keys((await this.load()).secrets).filter((k) => k.startsWith(prefix)),
    );
  }

  set(key: string, value: string): Promise<void> {
    return this.enqueue(async () => {
      const state = await this.load();
      await this.persist(state.key, { ...state.secrets, [key]: value });
    });
  }

  delete(key: string): Promise<void> {
    return this.enqueue(async () => {
      const state = await this.load();
      if (!Object.prototype.hasOwnProperty.call(state.secrets, key)) return;
      const next = { ...state.secrets };
      delete next[key];
      await this.persist(state.key, next);
    });
  }

  setMany(changes: ReadonlyMap<string, string | null>): Promise<void> {
    return this.enqueue(async () => {
      const state = await this.load();
      const next = { ...state.secrets };
      for (const [key, value] of changes) {
        if (value === null) delete next[key];
        else next[key] = value;
      }
      await this.persist(state.key, next);
    });
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Only a write that reached the disk updates what the store answers. */
  private async persist(key: Buffer, secrets: SecretMap): Promise<void> {
    await this.writeFile(this.filePath, seal(key, secrets));
    this.loaded = { secrets, stamp: await fileStamp(this.filePath) };
  }

  /**
   * The cached map, unless the file changed since it was read or written
   * here (another process wrote it): then the file is read again, so an
   * update never starts from a stale map.
   */
  private async load(): Promise<{ key: Buffer; secrets: SecretMap }> {
    const stamp = await fileStamp(this.filePath).catch((error: unknown) => {
      throw unreadable(this.filePath, error);
    });
    const key = await this.dataKey(stamp !== undefined);
    if (this.loaded && this.loaded.stamp === stamp) return { key, secrets: this.loaded.secrets };
    const file = stamp === undefined ? undefined : await readIfExists(this.filePath);
    const secrets = file ? open(key, file, this.filePath) : {};
    this.loaded = { secrets, stamp };
    return { key, secrets };
  }

  private async dataKey(fileExists: boolean): Promise<Buffer> {
    if (this.key) return this.key;
    const stored = await this.keychain.get(this.keyAccount);
    if (stored !== undefined) {
      this.key = decodeKey(stored);
      return this.key;
    }
    if (fileExists) {
      // Making a fresh key here would silently orphan every saved secret.
      throw new AppError({
        code: 'SECRETS_KEY_MISSING',
        message:
          'The key that protects your saved secrets is missing from the system keychain, so they cannot be opened. Restore the keychain entry from a backup; the app has not changed anything.',
        detail: this.filePath,
      });
    }
    const key = randomBytes(DATA_KEY_BYTES);
    await this.keychain.set(this.keyAccount, key.toString('base64'));
    this.key = key;
    return key;
  }
}

function decodeKey(stored: string): Buffer {
  const key = Buffer.from(stored, 'base64');
  if (key.length !== DATA_KEY_BYTES || key.toString('base64') !== stored) {
    throw new AppError({
      code: 'SECRETS_KEY_INVALID',
      message:
        'The key for your saved secrets in the system keychain is not a valid key. Restore the keychain entry from a backup; the app has not changed anything.',
    });
  }
  return key;
}

async function readIfExists(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw unreadable(path, error);
  }
}

function unreadable(path: string, error: unknown): AppError {
  return new AppError({
    code: 'SECRETS_FILE_UNREADABLE',
    message: `The saved secrets file cannot be read (${(error as NodeJS.ErrnoException).code ?? 'I/O error'}).`,
    retryable: true,
    detail: path,
  });
}
