import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { FileSaver } from '../src-main/core/ports';

/** The browser host's "save dialog": every file goes into one folder under its suggested name. */
export function folderFileSaver(folder: string): FileSaver {
  return {
    async save({ suggestedName, data }) {
      await mkdir(folder, { recursive: true, mode: 0o700 });
      const path = join(folder, basename(suggestedName));
      await writeFile(path, data, { mode: 0o600 });
      return { path };
    },
  };
}
