/**
 * Import, backup → restore, Trash and the profile-dependency lookup through
 * the whole app (router, zod, composition) on the real keychain-backed store.
 */
import { readFile, rm } from 'node:fs/promises';
import { TOTP } from 'otpauth';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../src-main/composition';
import { secretKey } from '../../src-main/core/vault';
import { TRASH_DAYS } from '../../src-main/core/vault/trash';
import { folderFileSaver } from '../../browser-host/folder-file-saver';
import { MemoryClipboard } from '../../browser-host/memory-clipboard';
import { useAppServices } from '../helpers/app-services';
import { dispatchTo } from '../helpers/dispatch';
import { aegisPlain, SAMPLE, twoFas } from '../helpers/import-samples';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const T0 = Date.UTC(2026, 10, 26, 4, 0, 10);
const DAY = 24 * 60 * 60 * 1000;
let now = T0;
let app: AppServices;
const savedDir = join(tmpdir(), `cda-saved-${process.pid}`);

useAppServices(
  'vault-io',
  () => ({
    clock: { now: () => now },
    clipboard: new MemoryClipboard(),
    fileSaver: folderFileSaver(savedDir),
  }),
  (a) => {
    app = a;
    now = T0;
  },
);

afterAll(async () => {
  await rm(savedDir, { recursive: true, force: true });
});

const { ok, fails } = dispatchTo(() => app);

/** Where a backup or export went: the folder file saver always picks a place. */
function savedPath(saved: { saved: boolean; path?: string }): string {
  if (!saved.saved || saved.path === undefined) throw new Error('nothing was saved');
  return saved.path;
}

const list = async () => (await ok('vault:list', {})).accounts;

describe('import with preview', () => {
  it('previews labels only, then saves every account in one go with working codes', async () => {
    const preview = await ok('import:preview', { text: aegisPlain(SAMPLE) });
    expect(preview.formatName).toBe('an Aegis export');
    expect(preview.items.map((i) => [i.issuer, i.account, i.type])).toEqual([
      ['GitHub', 'ada@example.com', 'totp'],
      ['Example Bank', 'ada', 'totp'],
      ['Steam', 'ada_games', 'steam'],
    ]);
    for (const a of SAMPLE) expect(JSON.stringify(preview)).not.toContain(a.secret);
    expect(await list()).toEqual([]);

    const result = await ok('import:commit', {
      previewId: preview.previewId,
      choices: [],
    });
    expect(result).toEqual({ added: 3, replaced: 0, skipped: 0 });
    const accounts = await list();
    expect(accounts[0]?.code).toBe(
      new TOTP({ secret: SAMPLE[0]?.secret }).generate({ timestamp: T0 }),
    );
    expect(accounts[1]?.groups).toEqual(['Money']);
    expect(accounts[2]?.code).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
  });

  it('marks duplicates and lets each be skipped, replaced (same id, new key) or kept as a second account', async () => {
    const first = await ok('import:preview', { text: twoFas(SAMPLE) });
    await ok('import:commit', { previewId: first.previewId, choices: [] });
    const before = await list();

    const changed = SAMPLE.map((a, i) =>
      i === 0 ? { ...a, secret: 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA' } : a,
    );
    const again = await ok('import:preview', { text: twoFas(changed) });
    expect(again.items.map((i) => i.duplicate?.sameSecret)).toEqual([false, true, true]);

    const keepBoth = await ok('import:commit', {
      previewId: again.previewId,
      choices: [{ index: 0, action: 'keepBoth' }],
    });
    expect(keepBoth).toEqual({ added: 1, replaced: 0, skipped: 2 });
    expect((await list()).map((a) => a.account)).toContain('ada@example.com (2)');

    const third = await ok('import:preview', { text: twoFas(changed) });
    await ok('import:commit', {
      previewId: third.previewId,
      choices: [{ index: 0, action: 'replace' }],
    });
    const replaced = (await list()).find((a) => a.id === before[0]?.id);
    expect(replaced?.code).toBe(
      new TOTP({ secret: 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA' }).generate({ timestamp: T0 }),
    );
    expect((await fails('import:commit', { previewId: third.previewId, choices: [] })).code).toBe(
      'IMPORT_PREVIEW_EXPIRED',
    );
  });

  it('saves nothing when the file fails as a whole', async () => {
    expect((await fails('import:preview', { text: 'not an export' })).code).toBe(
      'IMPORT_UNKNOWN_FORMAT',
    );
    const wrong = await fails('import:preview', {
      text: twoFas(SAMPLE, 'right one'),
      password: 'x',
    });
    expect(wrong).toMatchObject({ code: 'IMPORT_WRONG_PASSWORD', field: 'password' });
    expect(await list()).toEqual([]);
    expect(await app.services.secrets.keys('vault/')).toEqual([]);
  });

  it('imports 1,000 accounts with one write of the secret store', async () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({
      issuer: 'Bulk',
      account: `user${i}`,
      secret: 'JBSWY3DPEHPK3PXP',
    }));
    const store = app.services.secrets;
    let writes = 0;
    const setMany = store.setMany.bind(store);
    store.setMany = async (changes) => {
      writes += 1;
      return setMany(changes);
    };
    store.set = async () => {
      throw new Error('an import must not write secrets one by one');
    };
    const preview = await ok('import:preview', { text: aegisPlain(many) });
    expect(await ok('import:commit', { previewId: preview.previewId, choices: [] })).toMatchObject({
      added: 1000,
    });
    expect(writes).toBe(1);
    expect(await list()).toHaveLength(1000);
  });
});

describe('backup and restore', () => {
  it('round-trips accounts, groups and settings through an encrypted file, and refuses a wrong passphrase', async () => {
    const preview = await ok('import:preview', { text: aegisPlain(SAMPLE) });
    await ok('import:commit', { previewId: preview.previewId, choices: [] });
    await ok('clipboard:setClearDelay', { seconds: 45 });
    const original = await list();

    expect((await fails('backup:save', { passphrase: 'short' })).code).toBe('PASSPHRASE_TOO_SHORT');
    const saved = await ok('backup:save', {
      passphrase: 'a long backup passphrase',
    });
    const bytes = await readFile(savedPath(saved));
    for (const a of SAMPLE) expect(bytes.toString('latin1')).not.toContain(a.secret);
    expect((await ok('backup:getSettings', {})).lastBackupAt).toBe(T0);

    for (const a of original) await ok('vault:delete', { id: a.id });
    await ok('trash:empty', {});
    await ok('clipboard:setClearDelay', { seconds: 10 });
    expect(await app.services.secrets.keys('vault/')).toEqual([]);

    const dataBase64 = bytes.toString('base64');
    expect(
      (await fails('import:preview', { dataBase64, password: 'not the passphrase' })).code,
    ).toBe('IMPORT_WRONG_PASSWORD');
    expect(
      (
        await fails('import:preview', {
          dataBase64: bytes.subarray(0, 80).toString('base64'),
          password: 'x',
        })
      ).code,
    ).toBe('IMPORT_TRUNCATED');
    const restore = await ok('import:preview', {
      dataBase64,
      password: 'a long backup passphrase',
    });
    expect(restore).toMatchObject({ format: 'app-backup', includesSettings: true });
    await ok('import:commit', { previewId: restore.previewId, choices: [] });
    const restored = await list();
    expect(restored.map((a) => [a.issuer, a.account, a.code, a.groups])).toEqual(
      original.map((a) => [a.issuer, a.account, a.code, a.groups]),
    );
    expect(await ok('clipboard:getClearDelay', {})).toEqual({ seconds: 45 });
  });

  it('exports otpauth links and migration QR codes only when confirmed', async () => {
    const preview = await ok('import:preview', { text: aegisPlain(SAMPLE) });
    await ok('import:commit', { previewId: preview.previewId, choices: [] });
    expect((await fails('backup:exportList', {})).code).toBe('INVALID_REQUEST');
    const saved = await ok('backup:exportList', { confirmed: true });
    const text = await readFile(savedPath(saved), 'utf8');
    const again = await ok('import:preview', { text });
    expect(again.items.every((i) => i.duplicate?.sameSecret)).toBe(true);
    const qr = await ok('backup:exportQr', {
      confirmed: true,
    });
    expect(qr.images).toHaveLength(1);
    expect(qr.images[0]).toMatch(/^data:image\/png;base64,/);
    expect(qr.leftOut).toBe(1);
  });

  it('reminds only when turned on and the days have passed', async () => {
    expect(await ok('backup:getSettings', {})).toEqual({ reminderDays: 0, due: false });
    expect(await ok('backup:setReminder', { days: 7 })).toEqual({ reminderDays: 7, due: true });
    await ok('backup:save', { passphrase: 'a long backup passphrase' });
    now = T0 + 6 * DAY;
    expect(await ok('backup:getSettings', {})).toMatchObject({ due: false });
    now = T0 + 7 * DAY;
    expect(await ok('backup:getSettings', {})).toMatchObject({ due: true });
  });
});

describe('Trash', () => {
  it(`keeps a deleted account ${TRASH_DAYS} days, restorable, then lets its secret go`, async () => {
    const added = await ok('vault:addUri', {
      uri: 'otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP',
    });
    await ok('vault:delete', { id: added.id });
    expect(await list()).toEqual([]);
    await ok('trash:restore', { id: added.id });
    expect((await list()).map((a) => a.code)).toEqual([added.code]);

    await ok('vault:delete', { id: added.id });
    now = T0 + (TRASH_DAYS * DAY - 1);
    await list();
    const items = (await ok('trash:list', {})).items;
    expect(items).toEqual([
      expect.objectContaining({ id: added.id, expiresAt: T0 + TRASH_DAYS * DAY }),
    ]);
    expect(await app.services.secrets.get(secretKey(added.id))).toBeDefined();

    now = T0 + TRASH_DAYS * DAY;
    await list();
    expect((await ok('trash:list', {})).items).toEqual([]);
    expect(await app.services.secrets.get(secretKey(added.id))).toBeUndefined();
  });

  it('refuses to restore over an account of the same name', async () => {
    const uri = 'otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP';
    const first = await ok('vault:addUri', { uri });
    await ok('vault:delete', { id: first.id });
    await ok('vault:addUri', { uri });
    expect((await fails('trash:restore', { id: first.id })).code).toBe('DUPLICATE_ACCOUNT_NAME');
  });
});

describe('accounts a sign-in depends on', () => {
  it('names the profile and user whose sign-in uses the account', async () => {
    const added = await ok('vault:addUri', {
      uri: 'otpauth://totp/Corp:alice?secret=JBSWY3DPEHPK3PXP',
    });
    await app.services.state.update((draft) => {
      draft.cognito = {
        version: 1,
        profiles: [
          {
            id: 'p1',
            displayName: 'Corp SSO',
            region: 'eu-west-1',
            userPoolId: 'eu-west-1_abc',
            clientId: 'client',
            hasClientSecret: false,
            authFlow: 'USER_SRP_AUTH',
            authSessionValidityMinutes: 3,
          },
        ],
        aliases: { p1: { alice: 'user-1' } },
        vaultLinks: { p1: { 'user-1': added.id } },
      };
    });
    expect(await ok('vault:dependents', { id: added.id })).toEqual({
      dependents: [{ profileId: 'p1', profileName: 'Corp SSO', username: 'alice' }],
    });
    const other = await ok('vault:addUri', {
      uri: 'otpauth://totp/Other:bob?secret=JBSWY3DPEHPK3PXP',
    });
    expect(await ok('vault:dependents', { id: other.id })).toEqual({ dependents: [] });
  });

  it('re-enrolls: the same account (id, name) takes the new key', async () => {
    const added = await ok('vault:addUri', {
      uri: 'otpauth://totp/Corp:alice?secret=JBSWY3DPEHPK3PXP',
    });
    const renewed = await ok('vault:reenroll', {
      id: added.id,
      uri: 'otpauth://totp/Corp:alice?secret=KRUGKIDROVUWG2ZAMJZG653OEBTG66BA',
    });
    expect(renewed).toMatchObject({ id: added.id, issuer: 'Corp', account: 'alice' });
    expect(renewed.code).toBe(
      new TOTP({ secret: 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA' }).generate({ timestamp: T0 }),
    );
  });
});
