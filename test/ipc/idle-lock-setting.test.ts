/**
 * The idle-lock setting through dispatch over the real services: saved in
 * the state file, read back by the next start, applied to the running lock,
 * and refused with a field error when out of range.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices } from '../../src-main/composition';
import type { AppServices } from '../../src-main/composition';
import {
  createKeytarSecretStore,
  DATA_KEY_ACCOUNT,
  KeytarKeychain,
} from '../../src-main/node/secrets';
import { STATE_FILE_NAME } from '../../src-main/core/state/app-state';
import type { IdleSource } from '../../src-main/core/ports';
import { dispatchOk as ok } from '../helpers/dispatch';
import { MemoryClipboard } from '../../browser-host/memory-clipboard';

let dir: string;
let service: string;
let idleSeconds: number;
const opened: AppServices[] = [];

const idleSource: IdleSource = { idleSeconds: () => idleSeconds };
/** Timers that never fire: these tests look only at what a setting change does at once. */
const stillTimers = { setTimeout: () => 0, clearTimeout: () => {} };

async function start(): Promise<AppServices> {
  const app = await createAppServices({
    dataDir: dir,
    secretStore: createKeytarSecretStore(dir, { service }),
    clipboard: new MemoryClipboard(),
    idleSource,
    timers: stillTimers,
  });
  opened.push(app);
  return app;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cda-idle-'));
  service = `cda-test-${randomBytes(6).toString('hex')}`;
  idleSeconds = 0;
});

afterEach(async () => {
  for (const app of opened.splice(0)) await app.close();
  await new KeytarKeychain(service).delete(DATA_KEY_ACCOUNT);
  await rm(dir, { recursive: true, force: true });
});

describe('lock:getIdleMinutes / lock:setIdleMinutes', () => {
  it('starts at 15 minutes, saves a change to the state file and reads it back after a restart', async () => {
    const first = await start();
    await expect(ok(first, 'lock:getIdleMinutes', {})).resolves.toEqual({ minutes: 15 });
    await expect(ok(first, 'lock:setIdleMinutes', { minutes: 42 })).resolves.toEqual({
      minutes: 42,
    });
    await first.close();
    const onDisk = JSON.parse(await readFile(join(dir, STATE_FILE_NAME), 'utf8')) as {
      settings: { idleLockMinutes: number };
    };
    expect(onDisk.settings.idleLockMinutes).toBe(42);

    const second = await start();
    await expect(ok(second, 'lock:getIdleMinutes', {})).resolves.toEqual({ minutes: 42 });
  });

  it('applies the new setting to the running idle lock', async () => {
    const app = await start();
    idleSeconds = 10 * 60;
    await ok(app, 'lock:setIdleMinutes', { minutes: 20 });
    await expect(ok(app, 'lock:get', {})).resolves.toMatchObject({ locked: false });
    await ok(app, 'lock:setIdleMinutes', { minutes: 10 });
    await expect(ok(app, 'lock:get', {})).resolves.toMatchObject({ locked: true });
  });

  it.each([
    [{ minutes: -1 }, 'The time cannot be below 0. Use 0 to never lock by itself.'],
    [{ minutes: 2.5 }, 'Enter a whole number of minutes.'],
    [{ minutes: 1441 }, 'Choose at most a day (1440 minutes).'],
    [{ minutes: '5' }, undefined],
    [{ minutes: 5, extra: true }, undefined],
  ])('refuses %j and keeps the saved value', async (request, message) => {
    const app = await start();
    const result = await app.dispatch('lock:setIdleMinutes', request);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_REQUEST');
    if (message) {
      expect(result.error.message).toContain(message);
      expect(result.error.field).toBe('minutes');
    }
    await expect(ok(app, 'lock:getIdleMinutes', {})).resolves.toEqual({ minutes: 15 });
  });
});
