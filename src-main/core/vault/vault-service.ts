/**
 * The TOTP/HOTP vault: secrets in the SecretStore under `vault/<id>`, labels
 * and order in the state file. Every change that touches both is undone on
 * the side that succeeded when the other fails, so nothing is saved half-way.
 */
import { randomUUID } from 'node:crypto';
import type { ClipboardPolicy } from '../clipboard-policy';
import { AppError, isAppError } from '../errors';
import type { Clock, SecretStore } from '../ports';
import type { AppStateFile, VaultRecord } from '../state/app-state';
import { normalizeBase32Secret } from './base32-secret';
import { codesAt } from './codes';
import type { Codes } from './codes';
import { parseOtpauthUri } from './otpauth-uri';
import { readQrText } from './qr-image';
import type {
  CopyReceipt,
  ManualAccount,
  NewAccount,
  VaultAccountProblem,
  VaultAccountView,
} from './types';

export interface VaultServiceDeps {
  secrets: SecretStore;
  state: AppStateFile;
  clipboard: ClipboardPolicy;
  clock: Clock;
  /** Called after accounts are added, removed, renamed or reordered. */
  onChanged?: () => void;
}

export function secretKey(id: string): string {
  return `vault/${id}`;
}

export class VaultService {
  /**
   * Adds and deletes span two stores and a duplicate check, so they run one
   * at a time: two identical adds at once must not both pass the check.
   */
  private changes: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: VaultServiceDeps) {}

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.changes.then(task, task);
    this.changes = run.catch(() => undefined);
    return run;
  }

  /**
   * Every account, in order. One whose secret is missing or unusable is
   * listed with its problem instead of codes, so it can still be seen and
   * deleted; a store that cannot be opened at all still fails the call.
   */
  async list(): Promise<VaultAccountView[]> {
    const { vault } = await this.deps.state.read();
    const now = this.deps.clock.now();
    return Promise.all(vault.accounts.map((record) => this.viewOf(record, now)));
  }

  async addUri(uri: string): Promise<VaultAccountView> {
    return this.add(parseOtpauthUri(uri));
  }

  async addManual(input: ManualAccount): Promise<VaultAccountView> {
    const common = {
      issuer: input.issuer.trim(),
      account: input.account.trim(),
      secret: normalizeBase32Secret(input.secret),
      algorithm: input.algorithm,
      digits: input.digits,
    };
    if (common.account === '') {
      throw new AppError({
        code: 'ACCOUNT_MISSING',
        message: 'Enter the account name.',
        field: 'account',
      });
    }
    return this.add(
      input.type === 'hotp'
        ? { ...common, type: 'hotp', counter: input.counter }
        : { ...common, type: 'totp', period: input.period },
    );
  }

  /** `bytes` is the image file as read from disk (PNG or JPEG). */
  async importQrImage(bytes: Buffer): Promise<VaultAccountView> {
    const text = readQrText(bytes);
    if (!/^otpauth:\/\//i.test(text.trim())) {
      const hint = /^otpauth-migration:/i.test(text)
        ? 'It is a Google Authenticator export code, which holds accounts in a private format; export them one at a time instead.'
        : 'It does not hold an otpauth:// link, so it is not a code for an authenticator app.';
      throw new AppError({
        code: 'QR_NOT_OTPAUTH',
        message: `The image has a QR code, but it is not an authenticator setup code. ${hint}`,
        field: 'file',
      });
    }
    return this.add(parseOtpauthUri(text));
  }

  async copyCode(id: string, which: 'current' | 'next'): Promise<CopyReceipt> {
    const record = await this.find(id);
    const codes = await this.codesOf(record, this.deps.clock.now());
    const code = which === 'next' ? codes.nextCode : codes.code;
    if (code === undefined) {
      throw new AppError({
        code: 'NO_NEXT_CODE',
        message:
          'Counter-based (HOTP) accounts have no "next" code; use "Next code" to advance the counter.',
      });
    }
    const { clearsInSeconds } = await this.deps.clipboard.copy(code, {
      label: `${record.issuer || record.account} code`,
    });
    // Only "sort by last used" reads this: a failure to note it must not fail the copy.
    const usedAt = this.deps.clock.now();
    await this.deps.state
      .update((draft) => {
        const target = draft.vault.accounts.find((a) => a.id === id);
        if (target) target.lastUsedAt = usedAt;
      })
      .catch(() => undefined);
    return { clearsInSeconds };
  }

  async nextHotp(id: string): Promise<VaultAccountView> {
    const record = await this.find(id);
    if (record.type !== 'hotp') {
      throw new AppError({
        code: 'NOT_HOTP',
        message:
          'Only counter-based (HOTP) accounts can advance to a next code; time-based codes change by themselves.',
      });
    }
    // Advancing the counter of an account that cannot make codes would only lose its place.
    const secret = await this.secretOf(record);
    const now = this.deps.clock.now();
    this.codesFrom(record, secret, now);
    const state = await this.deps.state.update((draft) => {
      const target = draft.vault.accounts.find((a) => a.id === id);
      if (!target) throw notFound();
      target.counter = (target.counter ?? 0) + 1;
    });
    this.changed();
    const updated = state.vault.accounts.find((a) => a.id === id) ?? record;
    return this.view(updated, this.codesFrom(updated, secret, now), now);
  }

  async rename(id: string, issuer: string, account: string): Promise<VaultAccountView> {
    const newIssuer = issuer.trim();
    const newAccount = account.trim();
    if (newAccount === '')
      throw new AppError({
        code: 'ACCOUNT_MISSING',
        message: 'Enter the account name.',
        field: 'account',
      });
    const state = await this.deps.state.update((draft) => {
      const target = draft.vault.accounts.find((a) => a.id === id);
      if (!target) throw notFound();
      const clash = draft.vault.accounts.find(
        (a) => a.id !== id && sameName(a, newIssuer, newAccount),
      );
      if (clash) throw duplicateName(newIssuer, newAccount);
      target.issuer = newIssuer;
      target.account = newAccount;
    });
    this.changed();
    const record = state.vault.accounts.find((a) => a.id === id);
    if (!record) throw notFound();
    return this.viewOf(record, this.deps.clock.now());
  }

  /** A new setup for the same account (a re-issued QR code): its secret and parameters change, its name and id stay. */
  async reenroll(id: string, uri: string): Promise<VaultAccountView> {
    const account = parseOtpauthUri(uri);
    await this.find(id);
    await this.applyBatch([{ account, replaceId: id }]);
    return this.viewOf(await this.find(id), this.deps.clock.now());
  }

  async setGroups(id: string, groups: readonly string[]): Promise<VaultAccountView> {
    const unique = [...new Set(groups.map((g) => g.trim()).filter((g) => g !== ''))];
    const state = await this.deps.state.update((draft) => {
      const target = draft.vault.accounts.find((a) => a.id === id);
      if (!target) throw notFound();
      target.groups = unique;
    });
    this.changed();
    const record = state.vault.accounts.find((a) => a.id === id);
    if (!record) throw notFound();
    return this.viewOf(record, this.deps.clock.now());
  }

  /** `ids` must name every account exactly once, in the new order. */
  async reorder(ids: string[]): Promise<void> {
    await this.deps.state.update((draft) => {
      const byId = new Map(draft.vault.accounts.map((a) => [a.id, a]));
      if (
        ids.length !== byId.size ||
        new Set(ids).size !== ids.length ||
        !ids.every((i) => byId.has(i))
      ) {
        throw new AppError({
          code: 'REORDER_MISMATCH',
          message:
            'The list changed while you were reordering it. The new order was not saved; try again.',
          retryable: true,
        });
      }
      draft.vault.accounts = ids.map((i) => byId.get(i) as VaultRecord);
    });
    this.changed();
  }

  /** Moves the account to the Trash; its secret stays in the store until the Trash lets it go. */
  delete(id: string): Promise<void> {
    return this.serially(async () => {
      const deletedAt = this.deps.clock.now();
      await this.deps.state.update((draft) => {
        const record = draft.vault.accounts.find((a) => a.id === id);
        if (!record) throw notFound();
        draft.vault.accounts = draft.vault.accounts.filter((a) => a.id !== id);
        draft.vault.trash.push({ ...record, deletedAt });
      });
      this.changed();
    });
  }

  /** Removes the account and its secret for good (an enrollment that was never verified). */
  deleteNow(id: string): Promise<void> {
    return this.serially(() => this.removeForGood(id));
  }

  private async removeForGood(id: string): Promise<void> {
    const record = await this.find(id);
    const secret = await this.deps.secrets.get(secretKey(id));
    await this.deps.secrets.delete(secretKey(id));
    try {
      await this.deps.state.update((draft) => {
        draft.vault.accounts = draft.vault.accounts.filter((a) => a.id !== record.id);
      });
    } catch (error) {
      if (secret !== undefined) await this.deps.secrets.set(secretKey(id), secret);
      throw error;
    }
    this.changed();
  }

  /**
   * Adds and replaces many accounts with one write of the secret store and
   * one of the state file: all of them are saved or none is. A replaced
   * account keeps its id (and so whatever refers to it) and takes the new
   * secret and parameters.
   */
  applyBatch(items: readonly BatchItem[]): Promise<{ added: number; replaced: number }> {
    return this.serially(() => this.applyBatchNow(items));
  }

  private async applyBatchNow(
    items: readonly BatchItem[],
  ): Promise<{ added: number; replaced: number }> {
    const now = this.deps.clock.now();
    const changes = new Map<string, string | null>();
    const previous = new Map<string, string | null>();
    const added: VaultRecord[] = [];
    const replacements = new Map<string, NewAccount>();
    for (const item of items) {
      if (item.replaceId) {
        replacements.set(item.replaceId, item.account);
        changes.set(secretKey(item.replaceId), item.account.secret);
        previous.set(
          secretKey(item.replaceId),
          (await this.deps.secrets.get(secretKey(item.replaceId))) ?? null,
        );
      } else {
        const record = { ...recordOf(item.account, now), groups: item.groups };
        added.push(record);
        changes.set(secretKey(record.id), item.account.secret);
        previous.set(secretKey(record.id), null);
      }
    }
    if (changes.size === 0) return { added: 0, replaced: 0 };
    await this.deps.secrets.setMany(changes);
    try {
      await this.deps.state.update((draft) => {
        for (const [id, account] of replacements) {
          const index = draft.vault.accounts.findIndex((a) => a.id === id);
          const target = draft.vault.accounts[index];
          if (!target) throw notFound();
          draft.vault.accounts[index] = {
            ...recordOf(account, target.createdAt),
            id,
            issuer: target.issuer,
            account: target.account,
            ...(target.groups ? { groups: target.groups } : {}),
          };
        }
        draft.vault.accounts.push(...added);
      });
    } catch (error) {
      await this.deps.secrets.setMany(previous).catch(() => undefined);
      throw error;
    }
    this.changed();
    return { added: added.length, replaced: replacements.size };
  }

  private add(account: NewAccount): Promise<VaultAccountView> {
    return this.serially(() => this.addNow(account));
  }

  private async addNow(account: NewAccount): Promise<VaultAccountView> {
    await this.checkDuplicate(account);
    const record = recordOf(account, this.deps.clock.now());
    // The secret first: a label without its secret would be a broken account.
    await this.deps.secrets.set(secretKey(record.id), account.secret);
    try {
      await this.deps.state.update((draft) => {
        draft.vault.accounts.push(record);
      });
    } catch (error) {
      await this.deps.secrets.delete(secretKey(record.id)).catch(() => undefined);
      throw error;
    }
    this.changed();
    const now = this.deps.clock.now();
    return this.view(record, codesAt(record, account.secret, now), now);
  }

  private async checkDuplicate(account: NewAccount): Promise<void> {
    const { vault } = await this.deps.state.read();
    for (const existing of vault.accounts) {
      if (!sameName(existing, account.issuer, account.account)) continue;
      if ((await this.deps.secrets.get(secretKey(existing.id))) === account.secret) {
        throw new AppError({
          code: 'DUPLICATE_ACCOUNT',
          message: `${describe(account.issuer, account.account)} is already in the vault with the same secret key; nothing was added.`,
        });
      }
      throw duplicateName(account.issuer, account.account);
    }
  }

  private async find(id: string): Promise<VaultRecord> {
    const { vault } = await this.deps.state.read();
    const record = vault.accounts.find((a) => a.id === id);
    if (!record) throw notFound();
    return record;
  }

  private async secretOf(record: VaultRecord): Promise<string> {
    const secret = await this.deps.secrets.get(secretKey(record.id));
    if (secret === undefined) {
      throw new AppError({
        code: 'SECRET_NOT_FOUND',
        message: `The secret key of ${describe(record.issuer, record.account)} is missing from the encrypted store. Delete the account and add it again.`,
      });
    }
    return secret;
  }

  private async codesOf(record: VaultRecord, now: number): Promise<Codes> {
    return this.codesFrom(record, await this.secretOf(record), now);
  }

  /**
   * The secret may have been edited outside the app since it was checked on
   * the way in. otpauth's own message is left out: it quotes the secret's characters.
   */
  private codesFrom(record: VaultRecord, secret: string, now: number): Codes {
    try {
      return codesAt(record, secret, now);
    } catch {
      throw new AppError({
        code: 'SECRET_UNUSABLE',
        message: `The secret key of ${describe(record.issuer, record.account)} in the encrypted store is not valid Base32, so it cannot make codes. Delete the account and add it again.`,
      });
    }
  }

  private async viewOf(record: VaultRecord, now: number): Promise<VaultAccountView> {
    try {
      return this.view(record, await this.codesOf(record, now), now);
    } catch (error) {
      const problem = accountProblem(error);
      if (!problem) throw error;
      return this.view(record, { problem }, now);
    }
  }

  private view(
    record: VaultRecord,
    codes: Codes | { problem: VaultAccountProblem },
    now: number,
  ): VaultAccountView {
    const view: VaultAccountView = {
      id: record.id,
      issuer: record.issuer,
      account: record.account,
      type: record.type,
      algorithm: record.algorithm,
      digits: record.digits,
      ...codes,
      generatedAt: now,
      groups: record.groups ?? [],
    };
    if (record.lastUsedAt !== undefined) view.lastUsedAt = record.lastUsedAt;
    if (record.type === 'hotp') view.counter = record.counter ?? 0;
    else view.period = record.period ?? 30;
    return view;
  }

  private changed(): void {
    this.deps.onChanged?.();
  }
}

export interface BatchItem {
  account: NewAccount;
  groups?: string[];
  /** Replace this existing account's secret and parameters instead of adding one. */
  replaceId?: string;
}

function recordOf(account: NewAccount, createdAt: number): VaultRecord {
  return {
    id: randomUUID(),
    issuer: account.issuer,
    account: account.account,
    type: account.type,
    algorithm: account.algorithm,
    digits: account.digits,
    ...(account.type === 'hotp'
      ? { counter: account.counter ?? 0 }
      : { period: account.period ?? 30 }),
    createdAt,
  };
}

/** The errors that concern one account only, not the store as a whole. */
function accountProblem(error: unknown): VaultAccountProblem | undefined {
  if (!isAppError(error)) return undefined;
  if (error.code !== 'SECRET_NOT_FOUND' && error.code !== 'SECRET_UNUSABLE') return undefined;
  return { code: error.code, message: error.message };
}

export function sameName(
  record: { issuer: string; account: string },
  issuer: string,
  account: string,
): boolean {
  return nameKey(record.issuer, record.account) === nameKey(issuer, account);
}

/** Two accounts with the same key are the same account to the user. */
export function nameKey(issuer: string, account: string): string {
  const fold = (s: string) => s.trim().toLocaleLowerCase();
  return `${fold(issuer)}\n${fold(account)}`;
}

export function describe(issuer: string, account: string): string {
  return issuer ? `"${account}" at ${issuer}` : `"${account}"`;
}

function duplicateName(issuer: string, account: string): AppError {
  return new AppError({
    code: 'DUPLICATE_ACCOUNT_NAME',
    message: `The vault already has ${describe(issuer, account)} with a different secret key. Rename or delete that one first, so the two cannot be confused.`,
    field: 'account',
  });
}

export function notFound(): AppError {
  return new AppError({
    code: 'ACCOUNT_NOT_FOUND',
    message: 'That account is no longer in the vault; the list has been refreshed.',
  });
}
