/**
 * The data-folder lock on a real folder: a holder whose lock went stale
 * (the laptop slept past the refresh) and was taken by another process must
 * not write, and says why; once the other lets go, it takes the lock again.
 */
import { mkdtemp, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FolderLock, LOCK_NAME, dataFolderInUse } from '../../src-main/node/data-folder-lock';
import { createAppStateFile } from '../../src-main/node/state-files';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cda-lock-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 100));
}

it('refuses writes after losing the lock to another holder, and takes it back once free', async () => {
  const app = await FolderLock.acquire(dir);
  const state = createAppStateFile(dir, { lock: app });
  await state.update((s) => {
    s.settings.clipboardClearSeconds = 10;
  });
  expect(await dataFolderInUse(dir)).toBe(true);

  // As after a long sleep: the lock looks abandoned, and the app notices at its next refresh.
  const longAgo = new Date(Date.now() - 60_000);
  await utimes(join(dir, LOCK_NAME), longAgo, longAgo);
  await until(() => !app.held);
  const cli = await FolderLock.acquire(dir);

  const refused = await state
    .update((s) => {
      s.settings.clipboardClearSeconds = 20;
    })
    .then(
      () => undefined,
      (error: { code?: string; message?: string }) => error,
    );
  expect(refused?.code).toBe('DATA_FOLDER_IN_USE');
  expect(refused?.message).toMatch(/is using the data folder/);
  expect((await createAppStateFile(dir).read()).settings.clipboardClearSeconds).toBe(10);

  await cli.close();
  await state.update((s) => {
    s.settings.clipboardClearSeconds = 30;
  });
  expect(app.held).toBe(true);
  expect((await createAppStateFile(dir).read()).settings.clipboardClearSeconds).toBe(30);
  await app.close();
  expect(await dataFolderInUse(dir)).toBe(false);
}, 30_000);
