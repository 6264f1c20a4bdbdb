/**
 * The audit log file on a real filesystem: appends survive a reopen, a torn
 * last line is skipped rather than failing the whole log, and a folder that
 * cannot be written gives the specific error (the entry is not claimed).
 */
import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src-main/core/admin/audit';
import { auditCsv } from '../../src-main/core/admin/audit';
import { AUDIT_FILE_NAME, createAuditFile } from '../../src-main/node/audit-file';
import { rejection } from '../helpers/rejection';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cda-audit-'));
});
afterEach(async () => {
  await chmod(dir, 0o700);
  await rm(dir, { recursive: true, force: true });
});

const entry = (n: number): AuditEntry => ({
  at: Date.UTC(2026, 0, 1, 12, 0, n),
  identity: 'AWS profile “ops” (key …ABCD)',
  poolId: 'eu-west-1_Abc',
  username: `user${n}`,
  action: 'remove authenticator app (lost phone)',
  result: 'ok',
});

describe('the audit log file', () => {
  it('appends in order, across reopening, and skips a torn last line', async () => {
    await createAuditFile(dir).append(entry(1));
    await createAuditFile(dir).append(entry(2));
    const path = join(dir, AUDIT_FILE_NAME);
    await writeFile(path, `${await readFile(path, 'utf8')}{"at":17`);
    await expect(createAuditFile(dir).list()).resolves.toEqual([entry(1), entry(2)]);
  });

  it('refuses with a specific error on a read-only filesystem, and claims nothing', async () => {
    // Root ignores permission bits, so as root the folder is a read-only tmpfs mount.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', dir]);
    else await chmod(dir, 0o500);
    try {
      const log = createAuditFile(dir);
      const error = await rejection(log.append(entry(1)));
      expect(error).toMatchObject({ code: 'ADMIN_AUDIT_WRITE_FAILED' });
      expect(error.message).toContain(join(dir, AUDIT_FILE_NAME));
      await expect(log.list()).resolves.toEqual([]);
    } finally {
      if (asRoot) execFileSync('umount', [dir]);
    }
  });
});

describe('the CSV export', () => {
  it('quotes as RFC 4180 and keeps a spreadsheet from running a formula', () => {
    const csv = auditCsv([
      { ...entry(1), username: '=HYPERLINK("x")', action: 'add to group a,b' },
    ]);
    expect(csv).toBe(
      'time,identity,pool,user,action,result,error\r\n' +
        `2026-01-01T12:00:01.000Z,AWS profile “ops” (key …ABCD),eu-west-1_Abc,"'=HYPERLINK(""x"")","add to group a,b",ok,\r\n`,
    );
  });
});
