/**
 * The vault half of the BridgeBackend: finds an account by what a person
 * would type on a command line and returns its current code.
 */
import { AppError } from '../errors';
import type { VaultAccountView } from '../vault/types';
import type { CodeValue } from './protocol';

export interface VaultReader {
  list(): Promise<VaultAccountView[]>;
}

export function label(view: Pick<VaultAccountView, 'issuer' | 'account'>): string {
  return view.issuer ? `${view.issuer}:${view.account}` : view.account;
}

/**
 * Matches, case-insensitively and in this order of preference: the id,
 * "issuer:account", the account name, the issuer. Only a single match at the
 * most specific level wins; several are reported with their labels.
 */
export function findAccount(accounts: VaultAccountView[], query: string): VaultAccountView {
  const q = query.trim().toLowerCase();
  const levels: ((a: VaultAccountView) => boolean)[] = [
    (a) => a.id.toLowerCase() === q,
    (a) => label(a).toLowerCase() === q,
    (a) => a.account.toLowerCase() === q,
    (a) => a.issuer.toLowerCase() === q,
  ];
  for (const matches of levels) {
    const found = accounts.filter(matches);
    if (found.length === 1) return found[0] as VaultAccountView;
    if (found.length > 1) {
      throw new AppError({
        code: 'NOT_FOUND',
        message: `That name matches ${found.length} accounts (${found.map(label).join(', ')}). Use "issuer:account" or the id.`,
      });
    }
  }
  throw new AppError({
    code: 'NOT_FOUND',
    message:
      accounts.length === 0
        ? 'The vault has no accounts yet.'
        : `No vault account matches that name. Accounts: ${accounts.map(label).join(', ')}.`,
  });
}

export async function codeFor(vault: VaultReader, query: string): Promise<CodeValue> {
  return toCode(findAccount(await vault.list(), query));
}

export async function mfaCodeFor(
  vault: VaultReader,
  query: string | undefined,
): Promise<CodeValue> {
  const accounts = await vault.list();
  if (query !== undefined) return toCode(findAccount(accounts, query));
  if (accounts.length === 1) return toCode(accounts[0] as VaultAccountView);
  throw new AppError({
    code: 'NOT_FOUND',
    message:
      accounts.length === 0
        ? 'The vault has no accounts yet.'
        : `The vault has ${accounts.length} accounts; choose one with --account (${accounts.map(label).join(', ')}).`,
  });
}

function toCode(view: VaultAccountView): CodeValue {
  // The bridge's error codes are a fixed list; the message says what is wrong with this account.
  if (view.problem) throw new AppError({ code: 'NOT_FOUND', message: view.problem.message });
  const value: CodeValue = { account: label(view), code: view.code };
  if (view.secondsLeft !== undefined) value.secondsLeft = view.secondsLeft;
  return value;
}
