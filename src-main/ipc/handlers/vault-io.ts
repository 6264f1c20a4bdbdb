/** Handlers of import, backup and export, and the Trash. */
import { AppError } from '../../core/errors';
import type { FileSaver } from '../../core/ports';
import type { AppStateFile } from '../../core/state/app-state';
import type { VaultBackup } from '../../core/vault/backup';
import type { ImportSession } from '../../core/vault/import-session';
import type { VaultTrash } from '../../core/vault/trash';
import type { BackupSettingsView } from '../contract';
import type { HandlerGroup } from '../router';
import { decodeBase64 } from './vault';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface VaultIoHandlerServices {
  imports: ImportSession;
  backup: VaultBackup;
  trash: VaultTrash;
  state: AppStateFile;
  clock: { now(): number };
  fileSaver?: FileSaver;
}

export function vaultIoHandlers(
  services: VaultIoHandlerServices,
): HandlerGroup<'import'> & HandlerGroup<'backup'> & HandlerGroup<'trash'> {
  const { imports, backup, trash, state, clock } = services;

  const save = async (title: string, suggestedName: string, data: Buffer) => {
    if (!services.fileSaver) {
      throw new AppError({
        code: 'SAVE_UNAVAILABLE',
        message:
          'This window cannot save files. Open the app itself to make a backup or an export.',
      });
    }
    const saved = await services.fileSaver.save({ title, suggestedName, data });
    return saved ? { saved: true, path: saved.path } : { saved: false };
  };

  const settingsView = async (): Promise<BackupSettingsView> => {
    const { settings } = await state.read();
    const days = settings.backupReminderDays;
    const since = settings.lastBackupAt;
    const view: BackupSettingsView = {
      reminderDays: days,
      due: days > 0 && (since === undefined || clock.now() - since >= days * DAY_MS),
    };
    if (since !== undefined) view.lastBackupAt = since;
    return view;
  };

  return {
    'import:preview': ({ text, dataBase64, password }) =>
      imports.preview({
        ...(text !== undefined ? { text } : {}),
        ...(dataBase64 ? { bytes: decodeBase64(dataBase64) } : {}),
        ...(password ? { password } : {}),
      }),
    'import:commit': ({ previewId, choices }) => imports.commit(previewId, choices),
    'import:cancel': async () => {
      imports.cancel();
      return { ok: true };
    },
    'backup:save': async ({ passphrase }) => {
      const data = await backup.backup(passphrase);
      const day = new Date(clock.now()).toISOString().slice(0, 10);
      const result = await save(
        'Save the encrypted backup',
        `authenticator-backup-${day}.cdabak`,
        data,
      );
      if (result.saved) await backup.markBackedUp();
      return result;
    },
    'backup:getSettings': settingsView,
    'backup:setReminder': async ({ days }) => {
      await state.update((draft) => {
        draft.settings.backupReminderDays = days;
      });
      return settingsView();
    },
    'backup:exportList': async () =>
      save(
        'Save the accounts as otpauth:// links (not encrypted)',
        'authenticator-accounts.txt',
        Buffer.from(await backup.otpauthList(), 'utf8'),
      ),
    'backup:exportQr': () => backup.migrationQrCodes(),
    'trash:list': async () => ({ items: await trash.list() }),
    'trash:restore': async ({ id }) => {
      await trash.restore(id);
      return { ok: true };
    },
    'trash:empty': async ({ ids }) => {
      await trash.empty(ids);
      return { ok: true };
    },
  };
}
