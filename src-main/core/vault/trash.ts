/**
 * Deleted accounts wait here, secrets included, for TRASH_DAYS: long enough
 * to notice a wrong delete at the next sign-in. Expired ones are let go
 * whenever the Trash or the vault list is read.
 */
import { AppError } from '../errors';
import type { Clock, SecretStore } from '../ports';
import type { AppStateFile } from '../state/app-state';
import { describe, notFound, sameName, secretKey } from './vault-service';

export const TRASH_DAYS = 30;
const TRASH_MS = TRASH_DAYS * 24 * 60 * 60 * 1000;

export interface TrashItemView {
  id: string;
  issuer: string;
  account: string;
  deletedAt: number;
  /** When it is let go for good. */
  expiresAt: number;
}

export interface VaultTrashDeps {
  secrets: SecretStore;
  state: AppStateFile;
  clock: Clock;
  onChanged?: () => void;
}

export class VaultTrash {
  constructor(private readonly deps: VaultTrashDeps) {}

  async list(): Promise<TrashItemView[]> {
    await this.expire();
    const { vault } = await this.deps.state.read();
    return vault.trash
      .map((r) => ({
        id: r.id,
        issuer: r.issuer,
        account: r.account,
        deletedAt: r.deletedAt,
        expiresAt: r.deletedAt + TRASH_MS,
      }))
      .sort((a, b) => b.deletedAt - a.deletedAt);
  }

  async restore(id: string): Promise<void> {
    await this.deps.state.update((draft) => {
      const item = draft.vault.trash.find((r) => r.id === id);
      if (!item) throw notFound();
      if (draft.vault.accounts.some((a) => sameName(a, item.issuer, item.account))) {
        throw new AppError({
          code: 'DUPLICATE_ACCOUNT_NAME',
          message: `The vault already has ${describe(item.issuer, item.account)}. Rename that one first, then restore this one.`,
        });
      }
      const { deletedAt: _deletedAt, ...record } = item;
      draft.vault.trash = draft.vault.trash.filter((r) => r.id !== id);
      draft.vault.accounts.push(record);
    });
    this.deps.onChanged?.();
  }

  /** Empties the Trash (every item, or the ones given): their secrets leave the store. */
  async empty(ids?: readonly string[]): Promise<void> {
    await this.remove((r) => !ids || ids.includes(r.id));
  }

  /** Lets go of everything deleted more than TRASH_DAYS ago. */
  async expire(): Promise<void> {
    const cutoff = this.deps.clock.now() - TRASH_MS;
    const { vault } = await this.deps.state.read();
    if (vault.trash.some((r) => r.deletedAt <= cutoff)) {
      await this.remove((r) => r.deletedAt <= cutoff);
    }
  }

  /**
   * The labels go first: a label without its secret shows as broken, but a
   * secret left without its label is never seen again, and is retried next time.
   */
  private async remove(which: (r: { id: string; deletedAt: number }) => boolean): Promise<void> {
    let gone: string[] = [];
    await this.deps.state.update((draft) => {
      gone = draft.vault.trash.filter(which).map((r) => r.id);
      draft.vault.trash = draft.vault.trash.filter((r) => !which(r));
    });
    if (gone.length === 0) return;
    await this.deps.secrets.setMany(new Map(gone.map((id) => [secretKey(id), null])));
  }
}
