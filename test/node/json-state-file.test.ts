import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_STATE_VERSION, STATE_FILE_NAME } from '../../src-main/core/state/app-state';
import { createAppStateFile } from '../../src-main/node/state-files';
import { rejection } from '../helpers/rejection';

let dir: string;
let path: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cda-state-'));
  path = join(dir, STATE_FILE_NAME);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const record = (id: string) => ({
  id,
  issuer: 'I',
  account: id,
  type: 'totp' as const,
  algorithm: 'SHA1' as const,
  digits: 6,
  period: 30,
  createdAt: 1,
});

describe('the app state file', () => {
  it('starts from defaults with the schema version, and writes nothing until changed', async () => {
    const state = await createAppStateFile(dir).read();
    expect(state).toEqual({
      schemaVersion: APP_STATE_VERSION,
      vault: { accounts: [], trash: [] },
      admin: { profiles: {} },
      settings: {
        clipboardClearSeconds: 30,
        idleLockMinutes: 15,
        backupReminderDays: 0,
        vaultSort: 'manual',
      },
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it('persists updates as versioned JSON that a fresh reader sees', async () => {
    await createAppStateFile(dir).update((s) => {
      s.vault.accounts.push(record('a'));
      s.settings.clipboardClearSeconds = 0;
    });
    const onDisk = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    expect(onDisk.schemaVersion).toBe(APP_STATE_VERSION);
    const fresh = await createAppStateFile(dir).read();
    expect(fresh.vault.accounts.map((a) => a.id)).toEqual(['a']);
    expect(fresh.settings.clipboardClearSeconds).toBe(0);
  });

  it('keeps sections it does not know (written by other areas)', async () => {
    await writeFile(
      path,
      JSON.stringify({ schemaVersion: 1, profiles: [{ id: 'p' }], vault: { accounts: [] } }),
    );
    await createAppStateFile(dir).update((s) => {
      s.vault.accounts.push(record('a'));
    });
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ profiles: [{ id: 'p' }] });
  });

  it('re-reads the file when another process changed it', async () => {
    const app = createAppStateFile(dir);
    const cli = createAppStateFile(dir);
    await app.update((s) => {
      s.vault.accounts.push(record('a'));
    });
    await cli.update((s) => {
      s.settings.clipboardClearSeconds = 10;
    });
    await app.update((s) => {
      s.vault.accounts.push(record('b'));
    });
    const fresh = await createAppStateFile(dir).read();
    expect(fresh.settings.clipboardClearSeconds).toBe(10);
    expect(fresh.vault.accounts.map((a) => a.id)).toEqual(['a', 'b']);
  });

  it('runs concurrent updates one after another, losing none', async () => {
    const file = createAppStateFile(dir);
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        file.update((s) => {
          s.vault.accounts.push(record(`r${i}`));
        }),
      ),
    );
    expect((await createAppStateFile(dir).read()).vault.accounts).toHaveLength(25);
  });

  it('leaves file and readers unchanged when a write fails or the change throws', async () => {
    let fail = false;
    const file = createAppStateFile(dir, {
      beforeCommit: () => {
        if (fail) throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
      },
    });
    await file.update((s) => {
      s.vault.accounts.push(record('a'));
    });
    const before = await readFile(path, 'utf8');

    fail = true;
    await expect(
      file.update((s) => {
        s.vault.accounts.push(record('b'));
      }),
    ).rejects.toThrow('The disk is full; nothing was saved. Free some space and try again.');
    await expect(
      file.update(() => {
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');

    expect(await readFile(path, 'utf8')).toBe(before);
    expect((await readdir(dir)).sort()).toEqual([STATE_FILE_NAME]);
    expect((await file.read()).vault.accounts.map((a) => a.id)).toEqual(['a']);
  });

  it('refuses an update that would break the schema', async () => {
    const file = createAppStateFile(dir);
    await expect(
      file.update((s) => {
        s.settings.clipboardClearSeconds = -5;
      }),
    ).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });

  it.each([
    ['not JSON', '{"schemaVersion": 1,', 'STATE_FILE_CORRUPT', /not valid JSON/],
    [
      'wrong shape',
      '{"schemaVersion":1,"vault":{"accounts":[{"id":""}]}}',
      'STATE_FILE_CORRUPT',
      /vault\.accounts\.0/,
    ],
    ['no version', '{"vault":{"accounts":[]}}', 'STATE_FILE_CORRUPT', /schemaVersion/],
    ['newer version', '{"schemaVersion":99}', 'STATE_FILE_UNSUPPORTED', /newer version/],
  ])('refuses a file with %s', async (_what, text, code, message) => {
    await writeFile(path, text);
    const error = await rejection(createAppStateFile(dir).read());
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(await readFile(path, 'utf8')).toBe(text);
  });
});
