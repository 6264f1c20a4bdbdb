/**
 * The envelope SecretStore against the real Secret Service (run inside
 * scripts/with-keyring.sh). Each test has its own keychain service name and
 * folder, and removes its keychain entry afterwards.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createKeytarSecretStore,
  DATA_KEY_ACCOUNT,
  EnvelopeSecretStore,
  KeytarKeychain,
  SECRETS_FILE_NAME,
} from '../../src-main/node/secrets';
import { rejection } from '../helpers/rejection';

const run = promisify(execFile);

let dir: string;
let service: string;
let keychain: KeytarKeychain;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cda-secrets-'));
  service = `cda-test-${randomBytes(6).toString('hex')}`;
  keychain = new KeytarKeychain(service);
  file = join(dir, SECRETS_FILE_NAME);
});

afterEach(async () => {
  await keychain.delete(DATA_KEY_ACCOUNT);
  await rm(dir, { recursive: true, force: true });
});

function store(): EnvelopeSecretStore {
  return createKeytarSecretStore(dir, { service });
}

describe('EnvelopeSecretStore with the OS keychain', () => {
  it('stores, lists, reads back from a fresh instance, and deletes', async () => {
    const big = randomBytes(6000).toString('base64'); // past Windows' 2,560-byte credential cap
    const a = store();
    await a.set('vault/one', 'JBSWY3DPEHPK3PXP');
    await a.set('tokens/refresh', big);
    await a.set('vault/two', 'GEZDGNBVGY3TQOJQ');

    const b = store();
    expect(await b.get('vault/one')).toBe('JBSWY3DPEHPK3PXP');
    expect(await b.get('tokens/refresh')).toBe(big);
    expect((await b.keys('vault/')).sort()).toEqual(['vault/one', 'vault/two']);
    expect(await b.get('missing')).toBeUndefined();

    await b.delete('vault/one');
    expect(await store().get('vault/one')).toBeUndefined();
    expect(await store().keys()).toHaveLength(2);
  });

  it('keeps the data key in the keychain (read back with secret-tool) and no plaintext on disk', async () => {
    const secret = 'KRUGS4ZANFZSAYJAONSWG4TFOQQGWZLZ';
    await store().set('vault/a', secret);

    const { stdout } = await run('secret-tool', [
      'lookup',
      'service',
      service,
      'account',
      DATA_KEY_ACCOUNT,
    ]);
    const key = Buffer.from(stdout.trim(), 'base64');
    expect(key).toHaveLength(32);

    const onDisk = await readFile(file);
    expect(onDisk.subarray(0, 6).toString('ascii')).toBe('CDASEC');
    for (const needle of [
      secret,
      'vault/a',
      Buffer.from(secret).toString('base64'),
      stdout.trim(),
    ]) {
      expect(onDisk.includes(Buffer.from(needle)), `file contains ${needle}`).toBe(false);
    }
  });

  it('uses a fresh IV for every write', async () => {
    const s = store();
    await s.set('k', 'v');
    const first = await readFile(file);
    await s.set('k', 'v');
    const second = await readFile(file);
    expect(first.subarray(7, 19).equals(second.subarray(7, 19))).toBe(false);
    expect(first.equals(second)).toBe(false);
  });

  it('refuses a tampered file and leaves it as it was', async () => {
    await store().set('vault/a', 'JBSWY3DPEHPK3PXP');
    const bytes = await readFile(file);
    const at = bytes.length - 3;
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0x01, at);
    await writeFile(file, bytes);

    const s = store();
    const error = await rejection(s.get('vault/a'));
    expect(error.code).toBe('SECRETS_DECRYPT_FAILED');
    expect(error.message).toMatch(/changed outside the app|not the one that wrote it/);
    expect((await rejection(s.set('vault/b', 'x'))).code).toBe('SECRETS_DECRYPT_FAILED');
    expect((await readFile(file)).equals(bytes)).toBe(true);
  });

  it('refuses a file with a tampered header or version', async () => {
    await store().set('vault/a', 'JBSWY3DPEHPK3PXP');
    const bytes = await readFile(file);

    const wrongMagic = Buffer.from(bytes);
    wrongMagic[0] = 0x58;
    await writeFile(file, wrongMagic);
    expect((await rejection(store().get('vault/a'))).code).toBe('SECRETS_FILE_CORRUPT');

    const newerVersion = Buffer.from(bytes);
    newerVersion[6] = 2;
    await writeFile(file, newerVersion);
    expect((await rejection(store().get('vault/a'))).code).toBe('SECRETS_FILE_UNSUPPORTED');
  });

  it('refuses a truncated or foreign file', async () => {
    await store().set('vault/a', 'JBSWY3DPEHPK3PXP');
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, 20));
    expect((await rejection(store().get('vault/a'))).code).toBe('SECRETS_FILE_CORRUPT');
    await writeFile(file, '{"vault/a":"JBSWY3DPEHPK3PXP"}');
    expect((await rejection(store().get('vault/a'))).code).toBe('SECRETS_FILE_CORRUPT');
  });

  it('refuses to open the file with a different key from the keychain', async () => {
    await store().set('vault/a', 'JBSWY3DPEHPK3PXP');
    const before = await readFile(file);
    await keychain.set(DATA_KEY_ACCOUNT, randomBytes(32).toString('base64'));

    const error = await rejection(store().get('vault/a'));
    expect(error.code).toBe('SECRETS_DECRYPT_FAILED');
    expect((await readFile(file)).equals(before)).toBe(true);
  });

  it('does not replace a missing key while a secrets file exists', async () => {
    await store().set('vault/a', 'JBSWY3DPEHPK3PXP');
    const before = await readFile(file);
    await keychain.delete(DATA_KEY_ACCOUNT);

    const error = await rejection(store().set('vault/b', 'GEZDGNBVGY3TQOJQ'));
    expect(error.code).toBe('SECRETS_KEY_MISSING');
    expect(await keychain.get(DATA_KEY_ACCOUNT)).toBeUndefined();
    expect((await readFile(file)).equals(before)).toBe(true);
  });

  it('refuses a secrets file older than the last one it wrote (a rollback), and says so', async () => {
    const s = store();
    await s.set('tokens/refresh', 'first');
    const old = await readFile(file);
    await s.set('tokens/refresh', 'rotated');
    await s.delete('tokens/refresh');
    await writeFile(file, old);

    const error = await rejection(store().get('tokens/refresh'));
    expect(error.code).toBe('SECRETS_ROLLED_BACK');
    expect(error.message).toMatch(/older than the last one this app saved/);
    expect((await readFile(file)).equals(old)).toBe(true);
  });

  it('starts empty when the secrets file was moved aside, and counts its generations on', async () => {
    const s = store();
    await s.set('vault/a', 'JBSWY3DPEHPK3PXP');
    await s.set('vault/b', 'GEZDGNBVGY3TQOJQ');
    await rm(file);
    await rm(`${file}.bak`);

    const fresh = store();
    expect(await fresh.keys()).toEqual([]);
    await fresh.set('vault/c', 'KRUGS4ZANFZSAYJA');
    expect(await store().keys()).toEqual(['vault/c']);
  });

  it('refuses a keychain entry that is not a 256-bit key', async () => {
    await keychain.set(DATA_KEY_ACCOUNT, 'not-a-key');
    expect((await rejection(store().get('x'))).code).toBe('SECRETS_KEY_INVALID');
  });

  it('leaves the previous file and answers intact when a write fails midway', async () => {
    let failNext = false;
    const s = new EnvelopeSecretStore({
      keychain,
      filePath: file,
      // The real durable writer, made to fail once its temp file is written.
      beforeCommit: () => {
        if (failNext) throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
      },
    });
    await s.set('vault/a', 'JBSWY3DPEHPK3PXP');
    const before = await readFile(file);

    failNext = true;
    await expect(s.set('vault/b', 'GEZDGNBVGY3TQOJQ')).rejects.toThrow('The disk is full');
    await expect(s.delete('vault/a')).rejects.toThrow('The disk is full');

    expect((await readFile(file)).equals(before)).toBe(true);
    expect(await readdir(dir)).toEqual([SECRETS_FILE_NAME]);
    expect(await s.get('vault/b')).toBeUndefined();
    expect(await s.get('vault/a')).toBe('JBSWY3DPEHPK3PXP');

    failNext = false;
    await s.set('vault/b', 'GEZDGNBVGY3TQOJQ');
    expect(await store().keys()).toEqual(['vault/a', 'vault/b']);
  });

  it('sees what another process wrote instead of overwriting it from a stale copy', async () => {
    const app = store();
    const cli = store();
    await app.set('vault/a', 'JBSWY3DPEHPK3PXP');
    expect(await cli.get('vault/a')).toBe('JBSWY3DPEHPK3PXP');
    await cli.set('tokens/refresh', 'rotated-by-the-cli');
    expect(await app.get('tokens/refresh')).toBe('rotated-by-the-cli');
    await app.set('vault/b', 'GEZDGNBVGY3TQOJQ');
    expect(await store().get('tokens/refresh')).toBe('rotated-by-the-cli');
    expect((await cli.keys()).sort()).toEqual(['tokens/refresh', 'vault/a', 'vault/b']);
  });

  it('loses no update when many writes run at once', async () => {
    const s = store();
    const keys = Array.from({ length: 40 }, (_, i) => `vault/${i}`);
    await Promise.all(keys.map((k) => s.set(k, `secret-${k}`)));
    await Promise.all(keys.slice(0, 10).map((k) => s.delete(k)));

    const fresh = store();
    expect((await fresh.keys()).sort()).toEqual(keys.slice(10).sort());
    expect(await fresh.get('vault/39')).toBe('secret-vault/39');
  });

  it('answers KEYCHAIN_UNAVAILABLE, and writes nothing, when no keychain can be reached', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'fixtures/keychain-probe.ts')],
      { env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' } },
    );
    const outcome = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
    expect(outcome).toMatchObject({ ok: false, code: 'KEYCHAIN_UNAVAILABLE', files: [] });
    expect(outcome.message).toMatch(/keychain/i);
  });
});
