/**
 * Import in two steps: read the file and show what it holds (labels only;
 * the secrets wait here in main), then save the user's choice in one batch.
 * Restoring this app's backup is the same flow.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../errors';
import type { Clock, SecretStore } from '../ports';
import type { AppStateFile } from '../state/app-state';
import { FORMAT_NAMES, readImportSource } from './import/read-source';
import type { ImportFormat, ImportSource, ParsedImport } from './import/types';
import type { NewAccount, OtpType } from './types';
import type { BatchItem, VaultService } from './vault-service';
import { nameKey, secretKey } from './vault-service';

/** A preview not acted on within this time is dropped, secrets and all. */
const PREVIEW_TTL_MS = 15 * 60 * 1000;

export type ImportAction = 'add' | 'skip' | 'replace' | 'keepBoth';

export interface ImportItemView {
  index: number;
  issuer: string;
  account: string;
  type: OtpType;
  groups: string[];
  /** The vault already has an account of this name; `sameSecret` when it is the very same key. */
  duplicate?: { id: string; sameSecret: boolean };
}

export interface ImportPreviewView {
  previewId: string;
  format: ImportFormat;
  /** e.g. "an Aegis export". */
  formatName: string;
  items: ImportItemView[];
  unusable: { label: string; reason: string }[];
  /** A backup of this app: its settings are restored too. */
  includesSettings: boolean;
}

export interface ImportResultView {
  added: number;
  replaced: number;
  skipped: number;
}

interface Pending {
  id: string;
  at: number;
  parsed: ParsedImport;
  accounts: { account: NewAccount; groups: string[] }[];
  duplicates: Map<number, string>;
}

export interface ImportSessionDeps {
  vault: VaultService;
  secrets: SecretStore;
  state: AppStateFile;
  clock: Clock;
  /** Applies a restored backup's settings (the live services and the state file). */
  applySettings?: (settings: Record<string, unknown>) => Promise<void>;
}

export class ImportSession {
  private pending: Pending | undefined;

  constructor(private readonly deps: ImportSessionDeps) {}

  async preview(source: ImportSource): Promise<ImportPreviewView> {
    this.pending = undefined;
    const parsed = await readImportSource(source);
    const { vault } = await this.deps.state.read();
    const accounts: Pending['accounts'] = [];
    const unusable: ImportPreviewView['unusable'] = [];
    for (const entry of parsed.entries) {
      if (entry.account) accounts.push({ account: entry.account, groups: entry.groups });
      else unusable.push({ label: entry.label, reason: entry.problem });
    }
    const duplicates = new Map<number, string>();
    const byName = new Map(vault.accounts.map((a) => [nameKey(a.issuer, a.account), a]));
    const items: ImportItemView[] = [];
    for (const [index, { account, groups }] of accounts.entries()) {
      const item: ImportItemView = {
        index,
        issuer: account.issuer,
        account: account.account,
        type: account.type,
        groups,
      };
      const existing = byName.get(nameKey(account.issuer, account.account));
      if (existing) {
        const secret = await this.deps.secrets.get(secretKey(existing.id));
        item.duplicate = { id: existing.id, sameSecret: secret === account.secret };
        duplicates.set(index, existing.id);
      }
      items.push(item);
    }
    const id = randomUUID();
    this.pending = { id, at: this.deps.clock.now(), parsed, accounts, duplicates };
    return {
      previewId: id,
      format: parsed.format,
      formatName: FORMAT_NAMES[parsed.format],
      items,
      unusable,
      includesSettings: parsed.settings !== undefined,
    };
  }

  /**
   * Saves every entry not skipped, all or nothing. An entry without a choice
   * is added when new and skipped when the vault already has its name.
   */
  async commit(
    previewId: string,
    choices: readonly { index: number; action: ImportAction }[],
  ): Promise<ImportResultView> {
    const pending = this.pending;
    if (
      !pending ||
      pending.id !== previewId ||
      this.deps.clock.now() - pending.at > PREVIEW_TTL_MS
    ) {
      throw new AppError({
        code: 'IMPORT_PREVIEW_EXPIRED',
        message:
          'This preview is no longer open (it was replaced or is over 15 minutes old). Choose the file again; nothing was imported.',
      });
    }
    const chosen = new Map(choices.map((c) => [c.index, c.action]));
    const { vault } = await this.deps.state.read();
    const taken = new Set(vault.accounts.map((a) => nameKey(a.issuer, a.account)));
    const batch: BatchItem[] = [];
    let skipped = 0;
    for (const [index, { account, groups }] of pending.accounts.entries()) {
      const duplicateId = pending.duplicates.get(index);
      const action = chosen.get(index) ?? (duplicateId ? 'skip' : 'add');
      if (action === 'skip') {
        skipped += 1;
        continue;
      }
      if (action === 'replace') {
        if (!duplicateId) throw notReplaceable(account);
        batch.push({ account, replaceId: duplicateId });
        continue;
      }
      // "Keep both", and two entries of one name in the same file: the later one gets a number.
      const named = { ...account, account: uniqueName(taken, account.issuer, account.account) };
      taken.add(nameKey(named.issuer, named.account));
      batch.push({ account: named, groups });
    }
    const result = await this.deps.vault.applyBatch(batch);
    if (pending.parsed.settings && this.deps.applySettings) {
      await this.deps.applySettings(pending.parsed.settings);
    }
    this.pending = undefined;
    return { ...result, skipped };
  }

  cancel(): void {
    this.pending = undefined;
  }
}

function uniqueName(taken: Set<string>, issuer: string, account: string): string {
  if (!taken.has(nameKey(issuer, account))) return account;
  for (let n = 2; ; n += 1) {
    const candidate = `${account} (${n})`;
    if (!taken.has(nameKey(issuer, candidate))) return candidate;
  }
}

function notReplaceable(account: NewAccount): AppError {
  return new AppError({
    code: 'IMPORT_NOT_A_DUPLICATE',
    message: `"${account.account}" is not in the vault yet, so there is nothing to replace; nothing was imported.`,
  });
}
