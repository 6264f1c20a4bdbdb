/**
 * The CLI audit log on disk: JSON Lines in the data folder, mode 0600, each
 * entry written and flushed (fdatasync) before the next. When it passes
 * MAX_LINES it is rewritten atomically with the newest KEEP_LINES, so it never
 * grows without bound. A line that cannot be read (a torn last write after a
 * crash) is skipped, never fatal.
 */
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeWholeFile } from './durable-file';
import type { AuditEntry, AuditStore } from '../core/cli-bridge/audit-log';

export const CLI_AUDIT_FILE_NAME = 'cli-audit.jsonl';
const MAX_LINES = 5000;
const KEEP_LINES = 4000;

export function createCliAuditFile(dataDir: string): AuditStore {
  const path = join(dataDir, CLI_AUDIT_FILE_NAME);
  let lines: number | undefined;

  async function readLines(): Promise<string[]> {
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    return text.split('\n').filter((line) => line.trim() !== '');
  }

  return {
    async append(entry) {
      lines ??= (await readLines()).length;
      const handle = await open(path, 'a', 0o600);
      try {
        await handle.appendFile(JSON.stringify(entry) + '\n', 'utf8');
        await handle.datasync();
      } finally {
        await handle.close();
      }
      lines++;
      if (lines > MAX_LINES) {
        const kept = (await readLines()).slice(-KEEP_LINES);
        await writeWholeFile(
          path,
          Buffer.from(kept.join('\n') + '\n'),
          'the command-line activity log',
        );
        lines = kept.length;
      }
    },
    async read() {
      const entries: AuditEntry[] = [];
      for (const line of await readLines()) {
        try {
          const value = JSON.parse(line) as AuditEntry;
          if (typeof value.at === 'number' && typeof value.what === 'string') entries.push(value);
        } catch {
          // A torn line from a crash mid-write: skipped.
        }
      }
      return entries;
    },
  };
}
