/**
 * Real file-system faults for the fault matrix: a tiny tmpfs that fills up,
 * remounted read-only on demand. Mounting needs root, as in CI; anything else
 * is a failure with the reason, never a skip.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TinyDisk {
  dir: string;
  readOnly(): Promise<void>;
  writable(): Promise<void>;
  remove(): Promise<void>;
}

export async function mountTinyDisk(size: string): Promise<TinyDisk> {
  const dir = await mkdtemp(join(tmpdir(), 'cda-disk-'));
  try {
    await run('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir]);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(
      `The fault matrix needs to mount a ${size} tmpfs (run the tests as root, as CI does): ${(error as { stderr?: string }).stderr ?? String(error)}`,
    );
  }
  const remount = (mode: 'ro' | 'rw') => run('mount', ['-o', `remount,${mode}`, dir]);
  return {
    dir,
    readOnly: async () => void (await remount('ro')),
    writable: async () => void (await remount('rw')),
    async remove() {
      await run('umount', ['-l', dir]).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
