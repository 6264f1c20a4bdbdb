/**
 * The engine's ports on top of the app's own parts: its non-secret state
 * lives in the `cognito` section of the app state file, and "use this
 * computer as the authenticator" writes to the TOTP vault.
 */
import type { AppStateFile } from '../state/app-state';
import type { VaultService } from '../vault';
import type { JsonDocument, TotpVault } from '../ports';
import { CognitoStateRepository } from './state';

export function cognitoStateDocument(file: AppStateFile): JsonDocument<unknown> {
  return {
    read: async () => (await file.read()).cognito,
    write: async (value) => {
      await file.update((draft) => {
        draft.cognito = value;
      });
    },
  };
}

/** Cognito's TOTP is always SHA1, 6 digits, 30 seconds. */
export function vaultTotpPort(vault: VaultService): TotpVault {
  return {
    async addTotp({ issuer, account, secret }) {
      const view = await vault.addManual({
        issuer,
        account,
        secret,
        type: 'totp',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
      });
      return { id: view.id };
    },
    async currentCode(id) {
      return (await vault.list()).find((a) => a.id === id)?.code;
    },
    async remove(id) {
      await vault.deleteNow(id);
    },
  };
}

export interface VaultDependent {
  profileId: string;
  profileName: string;
  /** The name the user signs in with, when the app has seen it typed. */
  username?: string;
}

/**
 * The profiles whose sign-in uses a vault account ("use this computer as
 * the authenticator"): deleting or changing that account changes what
 * their next sign-in can do.
 */
export function vaultDependents(
  file: AppStateFile,
): (accountId: string) => Promise<VaultDependent[]> {
  return async (accountId) => {
    const state = new CognitoStateRepository(cognitoStateDocument(file));
    const { profiles, vaultLinks, aliases } = await state.read();
    const dependents: VaultDependent[] = [];
    for (const profile of profiles) {
      for (const [userId, linked] of Object.entries(vaultLinks[profile.id] ?? {})) {
        if (linked !== accountId) continue;
        const typed = Object.entries(aliases[profile.id] ?? {}).find(([, u]) => u === userId)?.[0];
        dependents.push({
          profileId: profile.id,
          profileName: profile.displayName,
          ...(typed ? { username: typed } : {}),
        });
      }
    }
    return dependents;
  };
}
