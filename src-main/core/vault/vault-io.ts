/** The vault's import, backup and Trash parts, built together over the same store and state. */
import { vaultDependents } from '../cognito/app-adapters';
import type { VaultDependent } from '../cognito/app-adapters';
import type { Clock, SecretStore } from '../ports';
import { appStateSchema } from '../state/app-state';
import type { AppState, AppStateFile } from '../state/app-state';
import { VaultBackup } from './backup';
import { ImportSession } from './import-session';
import { VaultTrash } from './trash';
import type { VaultService } from './vault-service';

export interface VaultIo {
  imports: ImportSession;
  backup: VaultBackup;
  trash: VaultTrash;
  vaultDependents: (id: string) => Promise<VaultDependent[]>;
}

export interface VaultIoDeps {
  vault: VaultService;
  secrets: SecretStore;
  state: AppStateFile;
  clock: Clock;
  onChanged: () => void;
  /** Hands restored settings to the running services once they are saved. */
  applySettings: (settings: Partial<AppState['settings']>) => Promise<void>;
}

const RESTORED = [
  'clipboardClearSeconds',
  'idleLockMinutes',
  'backupReminderDays',
  'vaultSort',
] as const;

export function createVaultIo(deps: VaultIoDeps): VaultIo {
  const { vault, secrets, state, clock } = deps;
  return {
    imports: new ImportSession({
      vault,
      secrets,
      state,
      clock,
      // A backup's settings pass the state file's own schema, so a bad value is dropped, not saved.
      applySettings: async (raw) => {
        const valid = appStateSchema.shape.settings.safeParse(
          Object.fromEntries(RESTORED.filter((k) => k in raw).map((k) => [k, raw[k]])),
        );
        if (!valid.success) return;
        const restored: Partial<AppState['settings']> = {};
        for (const key of RESTORED)
          if (key in raw) Object.assign(restored, { [key]: valid.data[key] });
        await state.update((draft) => {
          Object.assign(draft.settings, restored);
        });
        await deps.applySettings(restored);
      },
    }),
    backup: new VaultBackup({ secrets, state, clock }),
    trash: new VaultTrash({ secrets, state, clock, onChanged: deps.onChanged }),
    vaultDependents: vaultDependents(state),
  };
}
