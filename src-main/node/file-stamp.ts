import { stat } from 'node:fs/promises';

/**
 * Identifies one version of a file (inode, size, modification time), so a
 * cached copy can tell when another process — the CLI's --no-app mode opens
 * the same files — has replaced it. undefined when the file does not exist.
 */
export async function fileStamp(path: string): Promise<string | undefined> {
  try {
    const s = await stat(path, { bigint: true });
    return `${s.ino}:${s.size}:${s.mtimeNs}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
