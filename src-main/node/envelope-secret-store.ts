/**
 * SecretStore with envelope encryption: the keychain holds one random 256-bit
 * data key per install, and an AES-256-GCM file holds the secrets themselves,
 * because keychains cap entry sizes (Windows: 2,560 bytes) below what
 * Cognito tokens need.
 *
 * Writes are queued within the process and, when a data-folder lock is given,
 * run only while this process holds the folder, so none is lost. The file goes
 * through the durable writer, which keeps the last good generation as `.bak`.
 * Every write counts the file's generation up and records it in the keychain
 * next to the key, so a file older than the last one written here (a backup
 * put back, a copy from another machine) is refused, not silently served.
 */
import { randomBytes } from 'node:crypto';
import { access } from 'node:fs/promises';
import { AppError } from '../core/errors';
import type { DataFolderLock, Keychain, SecretStore } from '../core/ports';
import { BACKUP_SUFFIX, DurableFile } from './durable-file';
import { fileStamp } from './file-stamp';
import { DATA_KEY_BYTES, open, seal } from '../core/secrets/envelope-file';
import type { SecretMap, SecretsFile } from '../core/secrets/envelope-file';

export const DATA_KEY_ACCOUNT = 'data-key';
/** The generation of the last secrets file written, kept beside the key. */
export const GENERATION_SUFFIX = '-generation';

export interface EnvelopeSecretStoreOptions {
  keychain: Keychain;
  /** The encrypted file, e.g. <userData>/secrets.enc. */
  filePath: string;
  /** Keychain account under which the data key lives. */
  keyAccount?: string;
  /** Held around every write; without it the caller vouches that no other process writes. */
  lock?: DataFolderLock;
  /** Told, in plain words, when a damaged file was replaced by its last good generation. */
  onRecovered?: (message: string) => void;
  /** Runs before a write is committed; tests make writes fail there. */
  beforeCommit?: () => void | Promise<void>;
}

export class EnvelopeSecretStore implements SecretStore {
  private readonly keychain: Keychain;
  private readonly filePath: string;
  private readonly keyAccount: string;
  private readonly options: EnvelopeSecretStoreOptions;
  private readonly file: DurableFile<SecretsFile>;
  /** Every operation runs in order, so two writes never lose each other's update. */
  private queue: Promise<unknown> = Promise.resolve();
  private key: Buffer | undefined;
  /** The decrypted file and the file version it came from. */
  private loaded: (SecretsFile & { stamp: string | undefined }) | undefined;

  constructor(options: EnvelopeSecretStoreOptions) {
    this.options = options;
    this.keychain = options.keychain;
    this.filePath = options.filePath;
    this.keyAccount = options.keyAccount ?? DATA_KEY_ACCOUNT;
    this.file = new DurableFile({
      path: options.filePath,
      decode: (bytes, path) => open(this.requireKey(), bytes, path),
      isDamage: (error) =>
        error.code === 'SECRETS_FILE_CORRUPT' || error.code === 'SECRETS_DECRYPT_FAILED',
      label: 'secrets file',
      unreadableCode: 'SECRETS_FILE_UNREADABLE',
      beforeCommit: options.beforeCommit,
    });
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
      await this.options.lock?.ensureHeld();
      const state = await this.load();
      await this.persist(state, { ...state.secrets, [key]: value });
    });
  }

  delete(key: string): Promise<void> {
    return this.enqueue(async () => {
      await this.options.lock?.ensureHeld();
      const state = await this.load();
      if (!Object.prototype.hasOwnProperty.call(state.secrets, key)) return;
      const next = { ...state.secrets };
      delete next[key];
      await this.persist(state, next);
    });
  }

  setMany(changes: ReadonlyMap<string, string | null>): Promise<void> {
    return this.enqueue(async () => {
      await this.options.lock?.ensureHeld();
      const state = await this.load();
      const next = { ...state.secrets };
      for (const [key, value] of changes) {
        if (value === null) delete next[key];
        else next[key] = value;
      }
      await this.persist(state, next);
    });
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Only a write that reached the disk updates what the store answers. */
  private async persist(current: SecretsFile, secrets: SecretMap): Promise<void> {
    const generation = current.generation + 1;
    await this.file.write(seal(this.requireKey(), { secrets, generation }));
    this.loaded = { secrets, generation, stamp: await fileStamp(this.filePath) };
    // The file is already the truth; a keychain that fails here only delays
    // the rollback check by one write, so the write still counts as done.
    await this.keychain.set(this.generationAccount, String(generation)).catch(() => undefined);
  }

  private get generationAccount(): string {
    return this.keyAccount + GENERATION_SUFFIX;
  }

  private requireKey(): Buffer {
    if (!this.key) throw new Error('data key not loaded');
    return this.key;
  }

  /**
   * The cached file, unless it changed since it was read or written here
   * (another process wrote it): then it is read again, so an update never
   * starts from a stale map.
   */
  private async load(): Promise<SecretsFile> {
    const stamp = await fileStamp(this.filePath).catch((error: unknown) => {
      throw unreadable(this.filePath, error);
    });
    await this.dataKey();
    if (this.loaded && this.loaded.stamp === stamp) return this.loaded;
    const read = stamp === undefined ? undefined : await this.file.read();
    const recorded = await this.recordedGeneration();
    // No file at all brings nothing old back: start empty, counting on from the last number.
    const file = read?.value ?? { secrets: {}, generation: recorded };
    this.refuseRollback(file, recorded, read?.recovered !== undefined);
    if (read?.recovered) {
      this.options.onRecovered?.(
        'The saved secrets file was damaged, so the app opened its previous copy instead. A token or account saved just before the damage may be missing; sign in again or add it again if so.',
      );
    }
    this.loaded = { ...file, stamp };
    return file;
  }

  private async recordedGeneration(): Promise<number> {
    const recorded = Number((await this.keychain.get(this.generationAccount)) ?? 0);
    return Number.isSafeInteger(recorded) && recorded > 0 ? recorded : 0;
  }

  /**
   * A file older than the last one written here was put back. The previous
   * generation is expected when it was opened because the current file was
   * damaged; anything older is refused.
   */
  private refuseRollback(file: SecretsFile, recorded: number, fromBackup: boolean): void {
    const oldest = fromBackup ? recorded - 1 : recorded;
    if (file.generation >= oldest) return;
    throw new AppError({
      code: 'SECRETS_ROLLED_BACK',
      message: `The saved secrets file is older than the last one this app saved (version ${file.generation}, expected ${recorded}): it was put back from a backup or replaced. It may hold tokens or accounts you removed, so the app has not opened it. If you restored it on purpose, remove the keychain entry "${this.generationAccount}" to accept it; otherwise put the newer file back.`,
      detail: this.filePath,
    });
  }

  /**
   * The data key. keytar answers "no entry" both when there is none and when
   * the keychain stayed locked (the unlock prompt failed), so a missing key
   * with saved secrets present is never taken as "start afresh": a new key
   * would orphan them.
   */
  private async dataKey(): Promise<Buffer> {
    if (this.key) return this.key;
    const stored = await this.keychain.get(this.keyAccount);
    if (stored !== undefined) {
      this.key = decodeKey(stored);
      return this.key;
    }
    if (await this.savedSecretsExist()) {
      const generation = await this.keychain.get(this.generationAccount).catch(() => undefined);
      throw generation === undefined
        ? new AppError({
            code: 'KEYCHAIN_LOCKED',
            message:
              'The system keychain did not hand over the key to your saved secrets. Most often it is locked or the unlock request was dismissed: unlock your keychain (for example by signing in to your desktop session again) and try again. Your saved secrets are untouched; do not delete them.',
            retryable: true,
            detail: this.filePath,
          })
        : new AppError({
            code: 'SECRETS_KEY_MISSING',
            message:
              'The key that protects your saved secrets was removed from the system keychain, so they cannot be opened. Restore the keychain entry from a backup; the app has not changed anything.',
            detail: this.filePath,
          });
    }
    const key = randomBytes(DATA_KEY_BYTES);
    await this.keychain.set(this.keyAccount, key.toString('base64'));
    this.key = key;
    return key;
  }

  private async savedSecretsExist(): Promise<boolean> {
    for (const path of [this.filePath, this.filePath + BACKUP_SUFFIX]) {
      if (
        await access(path).then(
          () => true,
          () => false,
        )
      )
        return true;
    }
    return false;
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

function unreadable(path: string, error: unknown): AppError {
  return new AppError({
    code: 'SECRETS_FILE_UNREADABLE',
    message: `The saved secrets file cannot be read (${(error as NodeJS.ErrnoException).code ?? 'I/O error'}).`,
    retryable: true,
    detail: path,
  });
}
