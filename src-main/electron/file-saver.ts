/**
 * Save dialogs for backups and exports: the user picks the place, main
 * writes the file (temp file, fsync, rename), owner-readable only, since an
 * export holds secrets in the clear.
 */
import { BrowserWindow, dialog } from 'electron';
import writeFileAtomic from 'write-file-atomic';
import type { FileSaver } from '../core/ports';

export class ElectronFileSaver implements FileSaver {
  async save(request: { title: string; suggestedName: string; data: Buffer }) {
    const window = BrowserWindow.getFocusedWindow();
    const options = { title: request.title, defaultPath: request.suggestedName };
    const result = window
      ? await dialog.showSaveDialog(window, options)
      : await dialog.showSaveDialog(options);
    if (result.canceled || !result.filePath) return undefined;
    await writeFileAtomic(result.filePath, request.data, { mode: 0o600 });
    return { path: result.filePath };
  }
}
