/**
 * Save dialogs for backups and exports: the user picks the place, main
 * writes the file whole (temp file, fsync, rename, folder fsync), owner-readable only, since an
 * export holds secrets in the clear.
 */
import { BrowserWindow, dialog } from 'electron';
import type { FileSaver } from '../core/ports';
import { writeWholeFile } from '../node/durable-file';

export class ElectronFileSaver implements FileSaver {
  async save(request: { title: string; suggestedName: string; data: Buffer }) {
    const window = BrowserWindow.getFocusedWindow();
    const options = { title: request.title, defaultPath: request.suggestedName };
    const result = window
      ? await dialog.showSaveDialog(window, options)
      : await dialog.showSaveDialog(options);
    if (result.canceled || !result.filePath) return undefined;
    await writeWholeFile(result.filePath, request.data, 'export');
    return { path: result.filePath };
  }
}
