/**
 * The vault against the real keychain-backed SecretStore and the real state
 * file; only the clock and the clipboard (ports) are stand-ins.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOTP, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClipboardPolicy } from '../../src-main/core/clipboard-policy';
import type { Timers } from '../../src-main/core/clipboard-policy';
import type { AppError } from '../../src-main/core/errors';
import {
  DATA_KEY_ACCOUNT,
  EnvelopeSecretStore,
  KeytarKeychain,
  SECRETS_FILE_NAME,
} from '../../src-main/node/secrets';
import { STATE_FILE_NAME } from '../../src-main/core/state/app-state';
import { createAppStateFile } from '../../src-main/node/state-files';
import { secretKey, VaultService } from '../../src-main/core/vault';
import type { ManualAccount } from '../../src-main/core/vault';
import { rejection } from '../helpers/rejection';
import { MemoryClipboard } from '../../browser-host/memory-clipboard';

const SECRET = 'JBSWY3DPEHPK3PXP';
/** 2026-11-26T04:00:10Z: 10 s into a 30 s period. */
const T0 = Date.UTC(2026, 10, 26, 4, 0, 10);

const noTimers: Timers = { setTimeout: () => 0, clearTimeout: () => undefined };

let dir: string;
let keychain: KeytarKeychain;
let now: number;
let clipboard: MemoryClipboard;
let changes: number;
let failSecretWrites: boolean;
let failStateWrites: boolean;
let secretWrites = 0;
let stateWrites = 0;

function createVault(): { vault: VaultService; secrets: EnvelopeSecretStore } {
  const secrets = new EnvelopeSecretStore({
    keychain,
    filePath: join(dir, SECRETS_FILE_NAME),
    beforeCommit: () => {
      secretWrites += 1;
      if (failSecretWrites) throw Object.assign(new Error('full'), { code: 'ENOSPC' });
    },
  });
  const vault = new VaultService({
    secrets,
    state: createAppStateFile(dir, {
      beforeCommit: () => {
        stateWrites += 1;
        if (failStateWrites) throw Object.assign(new Error('ro'), { code: 'EROFS' });
      },
    }),
    clipboard: new ClipboardPolicy(clipboard, { timers: noTimers }),
    clock: { now: () => now },
    onChanged: () => {
      changes += 1;
    },
  });
  return { vault, secrets };
}

function manual(overrides: Partial<ManualAccount> = {}): ManualAccount {
  return {
    issuer: 'ACME',
    account: 'alice',
    secret: SECRET,
    type: 'totp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    ...overrides,
  };
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cda-vault-'));
  keychain = new KeytarKeychain(`cda-test-${randomBytes(6).toString('hex')}`);
  now = T0;
  clipboard = new MemoryClipboard();
  changes = 0;
  failSecretWrites = false;
  failStateWrites = false;
});

afterEach(async () => {
  await keychain.delete(DATA_KEY_ACCOUNT);
  await rm(dir, { recursive: true, force: true });
});

describe('VaultService: adding', () => {
  it('adds a TOTP link and shows the code otpauth makes for the same moment', async () => {
    const { vault, secrets } = createVault();
    const view = await vault.addUri(`otpauth://totp/ACME:alice?secret=${SECRET}&issuer=ACME`);
    const totp = new TOTP({ secret: SECRET });

    expect(view).toMatchObject({
      issuer: 'ACME',
      account: 'alice',
      type: 'totp',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      code: totp.generate({ timestamp: T0 }),
      nextCode: totp.generate({ timestamp: T0 + 30_000 }),
      secondsLeft: 20,
      generatedAt: T0,
    });
    expect(JSON.stringify(view)).not.toContain(SECRET);
    expect(await secrets.get(secretKey(view.id))).toBe(SECRET);
    expect(await readFile(join(dir, STATE_FILE_NAME), 'utf8')).not.toContain(SECRET);
    expect(changes).toBe(1);
  });

  it.each([
    ['SHA256', 8, 60],
    ['SHA512', 7, 15],
  ] as const)('matches otpauth for %s, %i digits, %i s', async (algorithm, digits, period) => {
    const { vault } = createVault();
    const view = await vault.addUri(
      `otpauth://totp/x?secret=${SECRET}&algorithm=${algorithm}&digits=${digits}&period=${period}`,
    );
    const totp = new TOTP({ secret: SECRET, algorithm, digits, period });
    expect(view.code).toBe(totp.generate({ timestamp: T0 }));
    expect(view.code).toHaveLength(digits);

    now = T0 + period * 1000;
    const [later] = await vault.list();
    expect(later?.code).toBe(totp.generate({ timestamp: now }));
  });

  it('adds an HOTP link, advances its counter and keeps the counter', async () => {
    const { vault } = createVault();
    const hotp = new HOTP({ secret: SECRET });
    const view = await vault.addUri(`otpauth://hotp/Corp:bob?secret=${SECRET}&counter=5`);
    expect(view).toMatchObject({ type: 'hotp', counter: 5, code: hotp.generate({ counter: 5 }) });
    expect(view.secondsLeft).toBeUndefined();

    const next = await vault.nextHotp(view.id);
    expect(next).toMatchObject({ counter: 6, code: hotp.generate({ counter: 6 }) });
    const [reloaded] = await createVault().vault.list();
    expect(reloaded).toMatchObject({ counter: 6, code: hotp.generate({ counter: 6 }) });
  });

  it('adds a manual entry, tolerating spaces and lowercase in the secret', async () => {
    const { vault, secrets } = createVault();
    const view = await vault.addManual(
      manual({ issuer: ' GitHub ', account: ' carol ', secret: 'jbsw y3dp ehpk 3pxp', digits: 8 }),
    );
    expect(view).toMatchObject({ issuer: 'GitHub', account: 'carol', digits: 8 });
    expect(view.code).toBe(new TOTP({ secret: SECRET, digits: 8 }).generate({ timestamp: T0 }));
    expect(await secrets.get(secretKey(view.id))).toBe(SECRET);
  });

  it('adds a manual HOTP entry from its counter', async () => {
    const { vault } = createVault();
    const view = await vault.addManual(manual({ type: 'hotp', counter: 3, algorithm: 'SHA256' }));
    expect(view).toMatchObject({ type: 'hotp', counter: 3, algorithm: 'SHA256' });
    expect(view.code).toBe(
      new HOTP({ secret: SECRET, algorithm: 'SHA256' }).generate({ counter: 3 }),
    );
  });

  it('refuses bad manual input with the field it belongs to', async () => {
    const { vault } = createVault();
    expect(await rejection(vault.addManual(manual({ secret: 'not base32!' })))).toMatchObject({
      code: 'SECRET_INVALID',
      field: 'secret',
    });
    expect(await rejection(vault.addManual(manual({ secret: '   ' })))).toMatchObject({
      code: 'SECRET_MISSING',
      field: 'secret',
    });
    expect(await rejection(vault.addManual(manual({ account: '  ' })))).toMatchObject({
      code: 'ACCOUNT_MISSING',
      field: 'account',
    });
    expect(await vault.list()).toEqual([]);
  });

  it('imports a QR image and refuses a QR code that is not an otpauth link', async () => {
    const { vault } = createVault();
    const png = await QRCode.toBuffer(`otpauth://totp/Img:dora?secret=${SECRET}`);
    expect(await vault.importQrImage(png)).toMatchObject({ issuer: 'Img', account: 'dora' });

    const website = await QRCode.toBuffer('https://example.com/');
    const error = await rejection(vault.importQrImage(website));
    expect(error.code).toBe('QR_NOT_OTPAUTH');
    expect(error.message).toMatch(/not an authenticator setup code/);
    expect(await vault.list()).toHaveLength(1);
  });

  it('adds one account when the same link is added 20 times at once', async () => {
    const { vault, secrets } = createVault();
    const uri = `otpauth://totp/ACME:alice?secret=${SECRET}`;
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => vault.addUri(uri)));
    const refused = outcomes.flatMap((o) =>
      o.status === 'rejected' ? [(o.reason as AppError).code] : [],
    );
    expect(refused).toEqual(Array(19).fill('DUPLICATE_ACCOUNT'));
    expect(await vault.list()).toHaveLength(1);
    expect(await secrets.keys('vault/')).toHaveLength(1);
  });

  it('says which kind of duplicate it refused', async () => {
    const { vault } = createVault();
    await vault.addUri(`otpauth://totp/ACME:alice?secret=${SECRET}`);

    const same = await rejection(vault.addUri(`otpauth://totp/acme:ALICE?secret=${SECRET}`));
    expect(same.code).toBe('DUPLICATE_ACCOUNT');
    expect(same.message).toMatch(/same secret key/);

    const other = await rejection(vault.addManual(manual({ secret: 'GEZDGNBVGY3TQOJQ' })));
    expect(other.code).toBe('DUPLICATE_ACCOUNT_NAME');
    expect(other.message).toMatch(/different secret key/);

    expect(await vault.list()).toHaveLength(1);
    expect(changes).toBe(1);
  });
});

describe('VaultService: nothing is saved half-way', () => {
  it('keeps no label when the secret cannot be written', async () => {
    const { vault, secrets } = createVault();
    failSecretWrites = true;
    await expect(vault.addUri(`otpauth://totp/x?secret=${SECRET}`)).rejects.toThrow(/disk is full/);
    failSecretWrites = false;
    expect(await vault.list()).toEqual([]);
    expect(await secrets.keys('vault/')).toEqual([]);
    expect(changes).toBe(0);
  });

  it('removes the secret again when the label cannot be written', async () => {
    const { vault, secrets } = createVault();
    failStateWrites = true;
    await expect(vault.addUri(`otpauth://totp/x?secret=${SECRET}`)).rejects.toThrow(/read-only/);
    expect(await secrets.keys('vault/')).toEqual([]);
    failStateWrites = false;
    expect(await createVault().vault.list()).toEqual([]);
  });

  it('puts the secret back when a delete cannot remove the label', async () => {
    const { vault, secrets } = createVault();
    const view = await vault.addUri(`otpauth://totp/x?secret=${SECRET}`);
    failStateWrites = true;
    await expect(vault.delete(view.id)).rejects.toThrow(/read-only/);
    failStateWrites = false;
    expect(await secrets.get(secretKey(view.id))).toBe(SECRET);
    expect((await createVault().vault.list()).map((a) => a.id)).toEqual([view.id]);
  });

  it('keeps label and secret when a delete cannot remove the secret', async () => {
    const { vault } = createVault();
    const view = await vault.addUri(`otpauth://totp/x?secret=${SECRET}`);
    failSecretWrites = true;
    await expect(vault.deleteNow(view.id)).rejects.toThrow(/disk is full/);
    failSecretWrites = false;
    const [still] = await createVault().vault.list();
    expect(still?.code).toBe(view.code);
  });

  it('keeps the account in the vault when its move to the Trash cannot be saved', async () => {
    const { vault } = createVault();
    const view = await vault.addUri(`otpauth://totp/x?secret=${SECRET}`);
    failStateWrites = true;
    await expect(vault.delete(view.id)).rejects.toThrow(/read-only/);
    failStateWrites = false;
    const [still] = await createVault().vault.list();
    expect(still?.code).toBe(view.code);
  });
});

describe('VaultService: writes', () => {
  it('one add writes the secrets file once and the state file once', async () => {
    const { vault } = createVault();
    await vault.addUri(`otpauth://totp/S:first?secret=${SECRET}`);
    secretWrites = 0;
    stateWrites = 0;
    await vault.addUri(`otpauth://totp/S:second?secret=${SECRET}`);
    expect([secretWrites, stateWrites]).toEqual([1, 1]);
  });

  it('a batch of 200 accounts is one write of each file, and a failed state write takes every secret back', async () => {
    const { vault, secrets } = createVault();
    const batch = Array.from({ length: 200 }, (_, i) => ({
      account: {
        issuer: 'Bulk',
        account: `u${i}`,
        secret: SECRET,
        type: 'totp' as const,
        algorithm: 'SHA1' as const,
        digits: 6,
        period: 30,
      },
    }));
    secretWrites = 0;
    stateWrites = 0;
    await vault.applyBatch(batch);
    expect([secretWrites, stateWrites]).toEqual([1, 1]);
    expect(await vault.list()).toHaveLength(200);

    failStateWrites = true;
    await expect(vault.applyBatch(batch.slice(0, 5))).rejects.toThrow(
      /read-only; nothing was saved/,
    );
    failStateWrites = false;
    expect(await createVault().vault.list()).toHaveLength(200);
    expect(await secrets.keys('vault/')).toHaveLength(200);
  });
});

describe('VaultService: managing accounts', () => {
  async function threeAccounts(vault: VaultService): Promise<string[]> {
    const ids: string[] = [];
    for (const name of ['a', 'b', 'c']) {
      ids.push((await vault.addUri(`otpauth://totp/S:${name}?secret=${SECRET}`)).id);
    }
    return ids;
  }

  it('lists in the saved order and reorders', async () => {
    const { vault } = createVault();
    const [a, b, c] = await threeAccounts(vault);
    expect((await vault.list()).map((v) => v.account)).toEqual(['a', 'b', 'c']);

    await vault.reorder([c!, a!, b!]);
    expect((await createVault().vault.list()).map((v) => v.account)).toEqual(['c', 'a', 'b']);
    expect(changes).toBe(4);
  });

  it('refuses an order that does not name every account exactly once', async () => {
    const { vault } = createVault();
    const [a, b, c] = await threeAccounts(vault);
    for (const ids of [
      [a!, b!],
      [a!, b!, c!, c!],
      [a!, b!, 'ghost'],
    ]) {
      expect((await rejection(vault.reorder(ids))).code).toBe('REORDER_MISMATCH');
    }
    expect((await vault.list()).map((v) => v.account)).toEqual(['a', 'b', 'c']);
  });

  it('renames, refusing a name another account has', async () => {
    const { vault } = createVault();
    const [a] = await threeAccounts(vault);
    const renamed = await vault.rename(a!, ' New ', ' name ');
    expect(renamed).toMatchObject({ issuer: 'New', account: 'name' });
    expect((await rejection(vault.rename(a!, 's', 'B'))).code).toBe('DUPLICATE_ACCOUNT_NAME');
    expect((await rejection(vault.rename(a!, 'x', ' '))).code).toBe('ACCOUNT_MISSING');
    expect((await createVault().vault.list())[0]).toMatchObject({ issuer: 'New', account: 'name' });
  });

  it('deletes to the Trash, keeping the secret; deleteNow removes label and secret', async () => {
    const { vault, secrets } = createVault();
    const [a, b, c] = await threeAccounts(vault);
    await vault.delete(a!);
    expect(await secrets.get(secretKey(a!))).toBe(SECRET);
    await vault.deleteNow(c!);
    expect(await secrets.get(secretKey(c!))).toBeUndefined();
    await vault.addUri(`otpauth://totp/S:c?secret=${SECRET}`);
    expect(await secrets.get(secretKey(b!))).toBe(SECRET);
    expect((await vault.list()).map((v) => v.account)).toEqual(['b', 'c']);
    expect((await rejection(vault.delete(a!))).code).toBe('ACCOUNT_NOT_FOUND');
  });

  it('copies the current or next code, concealed, through the clipboard policy', async () => {
    const { vault } = createVault();
    const view = await vault.addUri(`otpauth://totp/x?secret=${SECRET}`);
    expect(await vault.copyCode(view.id, 'current')).toEqual({ clearsInSeconds: 30 });
    expect(clipboard).toMatchObject({ text: view.code, lastConcealed: true });
    await vault.copyCode(view.id, 'next');
    expect(clipboard.text).toBe(view.nextCode);
  });

  it('explains that HOTP has no next code and TOTP no counter', async () => {
    const { vault } = createVault();
    const hotp = await vault.addUri(`otpauth://hotp/h?secret=${SECRET}&counter=0`);
    const totp = await vault.addUri(`otpauth://totp/t?secret=${SECRET}`);
    expect((await rejection(vault.copyCode(hotp.id, 'next'))).code).toBe('NO_NEXT_CODE');
    expect((await rejection(vault.nextHotp(totp.id))).code).toBe('NOT_HOTP');
  });
});

describe('VaultService: an account whose secret is gone', () => {
  /** Another writer of the same encrypted file, as a restored backup or an outside edit would be. */
  function outsideStore(): EnvelopeSecretStore {
    return new EnvelopeSecretStore({ keychain, filePath: join(dir, SECRETS_FILE_NAME) });
  }

  it('lists it with its problem beside the healthy ones, refuses its codes and deletes it', async () => {
    const { vault, secrets } = createVault();
    const healthy = await vault.addUri(`otpauth://totp/ACME:alice?secret=${SECRET}`);
    const lost = await vault.addUri(`otpauth://hotp/Corp:bob?secret=${SECRET}&counter=4`);
    const other = await vault.addUri(`otpauth://totp/plain?secret=${SECRET}`);
    await outsideStore().delete(secretKey(lost.id));

    const listed = await vault.list();
    expect(listed.map((v) => v.id)).toEqual([healthy.id, lost.id, other.id]);
    expect(listed[0]?.code).toBe(healthy.code);
    expect(listed[2]?.code).toBe(other.code);
    const message =
      'The secret key of "bob" at Corp is missing from the encrypted store. Delete the account and add it again.';
    expect(listed[1]).toEqual({
      id: lost.id,
      issuer: 'Corp',
      account: 'bob',
      type: 'hotp',
      algorithm: 'SHA1',
      digits: 6,
      counter: 4,
      generatedAt: T0,
      groups: [],
      problem: { code: 'SECRET_NOT_FOUND', message },
    });

    expect(await rejection(vault.copyCode(lost.id, 'current'))).toMatchObject({
      code: 'SECRET_NOT_FOUND',
      message,
    });
    expect((await rejection(vault.nextHotp(lost.id))).code).toBe('SECRET_NOT_FOUND');
    expect((await vault.list())[1]?.counter).toBe(4);

    const renamed = await vault.rename(lost.id, 'Corp', 'robert');
    expect(renamed).toMatchObject({ account: 'robert', problem: { code: 'SECRET_NOT_FOUND' } });
    expect(renamed.code).toBeUndefined();

    await vault.deleteNow(lost.id);
    expect((await createVault().vault.list()).map((v) => v.id)).toEqual([healthy.id, other.id]);
    expect(await secrets.keys('vault/')).toEqual([secretKey(healthy.id), secretKey(other.id)]);
  });

  it('lists a secret that can no longer make codes as unusable', async () => {
    const { vault } = createVault();
    const view = await vault.addUri(`otpauth://totp/ACME:alice?secret=${SECRET}`);
    await outsideStore().set(secretKey(view.id), 'not base32!');

    const [listed] = await vault.list();
    expect(listed?.code).toBeUndefined();
    expect(listed?.problem?.code).toBe('SECRET_UNUSABLE');
    expect(listed?.problem?.message).toBe(
      'The secret key of "alice" at ACME in the encrypted store is not valid Base32, so it cannot make codes. Delete the account and add it again.',
    );
    expect((await rejection(vault.copyCode(view.id, 'current'))).code).toBe('SECRET_UNUSABLE');
  });

  it('still fails the whole list when the store itself cannot be opened', async () => {
    const { vault } = createVault();
    await vault.addUri(`otpauth://totp/ACME:alice?secret=${SECRET}`);
    await keychain.delete(DATA_KEY_ACCOUNT);

    expect((await rejection(createVault().vault.list())).code).toBe('SECRETS_KEY_MISSING');
  });
});
