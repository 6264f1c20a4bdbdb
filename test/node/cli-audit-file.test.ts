/** The audit log on a real disk: private file, appended entries read back, a torn last line skipped. */
import { appendFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src-main/core/cli-bridge/audit-log';
import {
  CLI_AUDIT_FILE_NAME as AUDIT_FILE_NAME,
  createCliAuditFile as createAuditFile,
} from '../../src-main/node/cli-audit-file';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'audit-file-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const entry = (at: number): AuditEntry => ({
  at,
  program: '/usr/bin/bash',
  what: 'an ID token for the default profile',
  decision: 'handed-out',
  rule: 'access-list',
});

describe('createAuditFile', () => {
  it('starts empty, appends entries to a 0600 file and reads them back in order', async () => {
    const store = createAuditFile(dir);
    expect(await store.read()).toEqual([]);
    await store.append(entry(1));
    await store.append(entry(2));
    expect(await store.read()).toEqual([entry(1), entry(2)]);
    expect((await stat(join(dir, AUDIT_FILE_NAME))).mode & 0o777).toBe(0o600);
    // A second store over the same folder (the app restarted) sees the same entries.
    expect(await createAuditFile(dir).read()).toEqual([entry(1), entry(2)]);
  });

  it('skips a line torn by a crash mid-write and keeps appending after it', async () => {
    const store = createAuditFile(dir);
    await store.append(entry(1));
    await appendFile(join(dir, AUDIT_FILE_NAME), '{"at":2,"progr');
    await appendFile(join(dir, AUDIT_FILE_NAME), '\n');
    await store.append(entry(3));
    expect((await store.read()).map((e) => e.at)).toEqual([1, 3]);
  });
});
