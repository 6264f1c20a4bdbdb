/**
 * The assembled handlers over the real services: one handler per contract
 * channel, and the vault's flow through dispatch as a renderer would use it.
 */
import { TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import type { AppServices } from '../../src-main/composition';
import { channelNames } from '../../src-main/ipc/contract';
import { createHandlers } from '../../src-main/ipc/handlers';
import { useAppServices } from '../helpers/app-services';
import { dispatchTo } from '../helpers/dispatch';
import { MemoryClipboard } from '../../browser-host/memory-clipboard';

const SECRET = 'JBSWY3DPEHPK3PXP';
const T0 = Date.UTC(2026, 10, 26, 5, 0, 0);

let app: AppServices;
let clipboard: MemoryClipboard;

useAppServices(
  'ipc',
  () => {
    clipboard = new MemoryClipboard();
    return { clipboard, clock: { now: () => T0 } };
  },
  (started) => (app = started),
);

const { ok } = dispatchTo(() => app);

describe('createHandlers', () => {
  it('has exactly one handler for every contract channel, and none besides', () => {
    const handlers = createHandlers(app.services);
    expect(Object.keys(handlers).sort()).toEqual([...channelNames].sort());
    for (const name of channelNames) expect(typeof handlers[name], name).toBe('function');
  });
});

describe('the vault through dispatch', () => {
  it('adds, lists, copies, renames, reorders and deletes, announcing each change', async () => {
    const seen: string[] = [];
    const unsubscribe = app.subscribe((event) => seen.push(event));

    const a = await ok('vault:addUri', {
      uri: `otpauth://totp/ACME:alice?secret=${SECRET}`,
    });
    expect(a.code).toBe(new TOTP({ secret: SECRET }).generate({ timestamp: T0 }));
    const png = await QRCode.toBuffer(`otpauth://totp/Img:bob?secret=${SECRET}`);
    const b = await ok('vault:importQrImage', {
      fileName: 'qr.png',
      dataBase64: png.toString('base64'),
    });
    expect(b).toMatchObject({ issuer: 'Img', account: 'bob' });

    expect(await ok('vault:copyCode', { id: a.id })).toEqual({ clearsInSeconds: 30 });
    expect(clipboard.readText()).toBe(a.code);
    await ok('vault:rename', { id: a.id, issuer: 'ACME', account: 'alice2' });
    await ok('vault:reorder', { ids: [b.id, a.id] });
    const { accounts } = await ok('vault:list', {});
    expect(accounts.map((x) => x.account)).toEqual(['bob', 'alice2']);
    expect(JSON.stringify(accounts)).not.toContain(SECRET);

    await ok('vault:delete', { id: b.id });
    expect((await ok('vault:list', {})).accounts).toHaveLength(1);
    expect(seen).toEqual(Array(5).fill('vault:changed'));

    unsubscribe();
    await ok('vault:delete', { id: a.id });
    expect(seen).toHaveLength(5);
  });

  it('answers bad input with specific errors', async () => {
    const cases: [string, unknown, string][] = [
      ['vault:addUri', { uri: 'otpauth://totp/x?secret=ABC1' }, 'SECRET_INVALID'],
      ['vault:addUri', { uri: 'mailto:x' }, 'URI_NOT_OTPAUTH'],
      ['vault:importQrImage', { fileName: 'a.png', dataBase64: 'not base64!' }, 'IMAGE_UNREADABLE'],
      [
        'vault:importQrImage',
        { fileName: 'a.txt', dataBase64: Buffer.from('hello').toString('base64') },
        'IMAGE_UNSUPPORTED',
      ],
      ['vault:delete', { id: 'missing' }, 'ACCOUNT_NOT_FOUND'],
    ];
    for (const [channel, payload, code] of cases) {
      const result = await app.dispatch(channel, payload);
      expect(result, channel).toMatchObject({ ok: false, error: { code } });
    }
  });

  it('takes back a copied code on close', async () => {
    const a = await ok('vault:addUri', {
      uri: `otpauth://totp/x?secret=${SECRET}`,
    });
    await ok('vault:copyCode', { id: a.id });
    await app.close();
    expect(clipboard.readText()).toBe('');
  });
});
