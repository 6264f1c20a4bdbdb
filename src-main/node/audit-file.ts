/**
 * The admin audit log on disk: JSON lines, opened for append only (O_APPEND),
 * each entry fsynced before the action is reported done. A torn last line
 * (power cut mid-write) is skipped on reading, never "repaired" by rewriting.
 */
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditEntry, AuditLog } from '../core/admin/audit';
import { AppError } from '../core/errors';

export const AUDIT_FILE_NAME = 'admin-audit.jsonl';

export function createAuditFile(dataDir: string): AuditLog {
  const path = join(dataDir, AUDIT_FILE_NAME);
  let queue: Promise<void> = Promise.resolve();
  return {
    append(entry) {
      const line = `${JSON.stringify(entry)}\n`;
      const write = queue.then(async () => {
        const file = await open(path, 'a', 0o600);
        try {
          await file.write(line);
          await file.sync();
        } finally {
          await file.close();
        }
      });
      queue = write.catch(() => undefined);
      return write.catch((e: unknown) => {
        throw new AppError({
          code: 'ADMIN_AUDIT_WRITE_FAILED',
          message: `The action was done, but it could not be written to the audit log (${path}). Check that the disk has room and the folder is writable.`,
          detail: (e as Error).message,
        });
      });
    },
    async list() {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw e;
      }
      const out: AuditEntry[] = [];
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        try {
          out.push(JSON.parse(line) as AuditEntry);
        } catch {
          // A torn final line from an interrupted write.
        }
      }
      return out;
    },
  };
}
