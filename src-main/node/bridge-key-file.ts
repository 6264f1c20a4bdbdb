/**
 * This run's access key in a file next to the socket, so the CLI need not
 * load keytar and ask the Secret Service on every call (that cost more than
 * Node's own start-up). Only where it protects as much as the keychain does:
 *
 * - Linux: the Secret Service hands any process of this user every secret
 *   without asking, so a 0600 file in the 0700 folder the CLI already checks
 *   (channel-check.ts) is readable by exactly the same processes. The folder
 *   is in $XDG_RUNTIME_DIR, a per-user tmpfs, so the key never reaches a disk,
 *   and it dies with the session.
 * - macOS keeps the keychain, which asks before another program reads an
 *   item; Windows keeps Credential Manager, its pipe having no private folder.
 *
 * The key is made fresh at each start and removed at close, so a copy left by
 * a crash opens nothing once that app is gone. The keychain's install key
 * stays valid alongside it, for a CLI that finds no file.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, unlink } from 'node:fs/promises';

/** Writes a new key (replacing a stale file, never following a link) and returns it. */
export async function writeRunKey(path: string): Promise<string> {
  await removeRunKey(path);
  const key = randomBytes(32).toString('base64url');
  const handle = await open(
    path,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    0o600,
  );
  try {
    await handle.writeFile(key, 'utf8');
  } finally {
    await handle.close();
  }
  return key;
}

export async function removeRunKey(path: string): Promise<void> {
  await unlink(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}
