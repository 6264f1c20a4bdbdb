/**
 * The engine's ports on top of the app's own parts: its non-secret state
 * lives in the `cognito` section of the app state file, and "use this
 * computer as the authenticator" writes to the TOTP vault.
 */
import type { AppStateFile } from '../state/app-state';
import type { VaultService } from '../vault';
import type { JsonDocument, TotpVault } from '../ports';

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
      await vault.delete(id);
    },
  };
}
