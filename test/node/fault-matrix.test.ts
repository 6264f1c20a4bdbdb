/**
 * The fault matrix: the whole app (composition, vault, keychain-backed
 * secrets, state file) on real file systems under real faults. For every
 * fault it counts the writes the app acknowledged, those lost after a
 * restart, and those saved half-way (a label without its secret), and
 * asserts that nothing acknowledged is lost and nothing is half-saved.
 * The figures go to test-results/fault-matrix.json. Run as root (tmpfs
 * mounts) under scripts/with-keyring.sh.
 */
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { Secret } from 'otpauth';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppServices } from '../../src-main/composition';
import type { AppServices } from '../../src-main/composition';
import type { VaultAccountView } from '../../src-main/ipc/contract';
import { createKeytarSecretStore, SECRETS_FILE_NAME } from '../../src-main/node/secrets';
import { STATE_FILE_NAME } from '../../src-main/core/state/app-state';
import { MemoryClipboard } from '../../browser-host/memory-clipboard';
import { assertCliBuilt, runCli } from '../cli/run-cli';
import { mountTinyDisk } from '../helpers/fault-disk';
import { dispatchOk } from '../helpers/dispatch';

interface Figures {
  attempted: number;
  acknowledged: number;
  refused: number;
  lost: number;
  halfSaved: number;
  /** Refused, yet found saved after the restart. */
  refusedButSaved: number;
}
const matrix: Record<string, Figures> = {};
const run = promisify(execFile);

afterAll(async () => {
  const out = join(import.meta.dirname, '..', '..', 'test-results');
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'fault-matrix.json'), JSON.stringify(matrix, null, 2) + '\n');
});

const service = () => `cda-fault-${randomBytes(6).toString('hex')}`;

function openApp(dir: string, keychainService: string, notices: string[] = []) {
  return createAppServices({
    dataDir: dir,
    secretStore: (storage) =>
      createKeytarSecretStore(dir, { service: keychainService, ...storage }),
    clipboard: new MemoryClipboard(),
    notifier: { notify: (_title, body) => void notices.push(body) },
  });
}

interface Sent {
  secret: string;
  acked: boolean;
}

async function add(app: AppServices, sent: Map<string, Sent>, name: string) {
  const secret = new Secret({ size: 20 }).base32;
  const result = await app.dispatch('vault:addUri', {
    uri: `otpauth://totp/Fault:${name}?secret=${secret}&issuer=Fault`,
  });
  sent.set(name, { secret, acked: result.ok });
  return result;
}

async function listed(app: AppServices): Promise<VaultAccountView[]> {
  return (await dispatchOk(app, 'vault:list', {})).accounts;
}

/** What a fresh app finds of what was sent. */
async function audit(app: AppServices, sent: Map<string, Sent>): Promise<Figures> {
  const byName = new Map((await listed(app)).map((a) => [a.account, a]));
  const figures: Figures = {
    attempted: sent.size,
    acknowledged: 0,
    refused: 0,
    lost: 0,
    halfSaved: 0,
    refusedButSaved: 0,
  };
  for (const [name, { secret, acked }] of sent) {
    if (acked) figures.acknowledged++;
    else figures.refused++;
    const view = byName.get(name);
    if (!view) {
      if (acked) figures.lost++;
      continue;
    }
    const stored = await app.services.secrets.get(`vault/${view.id}`);
    if (view.problem || stored !== secret) figures.halfSaved++;
    else if (!acked) figures.refusedButSaved++;
  }
  return figures;
}

describe('fault matrix: nothing acknowledged is lost, nothing is half-saved', () => {
  it('disk full (64 KB tmpfs): every add is either saved whole or refused with the disk-full message', async () => {
    const disk = await mountTinyDisk('64k');
    const keychainService = service();
    try {
      const app = await openApp(disk.dir, keychainService);
      const sent = new Map<string, Sent>();
      const messages = new Set<string>();
      for (let i = 0; i < 400; i++) {
        const result = await add(app, sent, `full-${i}`);
        if (!result.ok) messages.add(`${result.error.code}: ${result.error.message}`);
      }
      // The running app answers what the disk holds, not what it was asked.
      const inMemory = (await listed(app)).map((a) => a.account);
      await app.close();

      expect([...messages]).toEqual([
        'DISK_FULL: The disk is full; nothing was saved. Free some space and try again.',
      ]);
      const fresh = await openApp(disk.dir, keychainService);
      const figures = await audit(fresh, sent);
      expect((await listed(fresh)).map((a) => a.account)).toEqual(inMemory);
      await fresh.close();
      matrix['disk full (64 KB tmpfs)'] = figures;
      expect(figures.refused, 'the disk never filled up').toBeGreaterThan(0);
      expect(figures).toMatchObject({ lost: 0, halfSaved: 0, refusedButSaved: 0 });
      expect(
        (await readdir(disk.dir)).filter((n) => n.includes('.tmp-')),
        'temp files left',
      ).toEqual([]);
    } finally {
      await disk.remove();
    }
  }, 120_000);

  it('read-only disk: writes are refused with their own message and the app keeps answering what is on disk', async () => {
    const disk = await mountTinyDisk('1m');
    const keychainService = service();
    try {
      const app = await openApp(disk.dir, keychainService);
      const sent = new Map<string, Sent>();
      for (let i = 0; i < 5; i++) await add(app, sent, `before-${i}`);
      await disk.readOnly();
      const refusals: string[] = [];
      for (let i = 0; i < 5; i++) {
        const result = await add(app, sent, `ro-${i}`);
        if (!result.ok) refusals.push(result.error.code);
      }
      const [first] = await listed(app);
      const rename = await app.dispatch('vault:rename', {
        id: first?.id,
        issuer: 'Renamed',
        account: 'renamed',
      });
      expect(rename.ok).toBe(false);
      expect((await listed(app)).map((a) => a.account)).toEqual(
        [...sent.keys()].filter((n) => n.startsWith('before-')),
      );
      await disk.writable();
      await app.close();

      expect(refusals).toEqual(Array(5).fill('DISK_READ_ONLY'));
      const fresh = await openApp(disk.dir, keychainService);
      const figures = await audit(fresh, sent);
      await fresh.close();
      matrix['read-only disk'] = figures;
      expect(figures).toMatchObject({ acknowledged: 5, lost: 0, halfSaved: 0, refusedButSaved: 0 });
    } finally {
      await disk.remove();
    }
  });

  it('a folder the app may not write (immutable, since root ignores modes): refused with its own message', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cda-denied-'));
    const keychainService = service();
    const chattr = (flag: string) => run('chattr', [flag, dir]);
    try {
      const app = await openApp(dir, keychainService);
      const sent = new Map<string, Sent>();
      for (let i = 0; i < 3; i++) await add(app, sent, `mine-${i}`);
      await chattr('+i');
      const refusals = new Set<string>();
      for (let i = 0; i < 3; i++) {
        const result = await add(app, sent, `denied-${i}`);
        if (!result.ok) refusals.add(`${result.error.code}: ${result.error.message}`);
      }
      await chattr('-i');
      await app.close();

      expect([...refusals]).toEqual([
        `DATA_FOLDER_DENIED: The app is not allowed to write to its data folder ${dir}; nothing was saved. Check that the folder and its files belong to you, then try again.`,
      ]);
      const fresh = await openApp(dir, keychainService);
      const figures = await audit(fresh, sent);
      await fresh.close();
      matrix['folder not writable (EPERM)'] = figures;
      expect(figures).toMatchObject({ acknowledged: 3, lost: 0, halfSaved: 0, refusedButSaved: 0 });
    } finally {
      await chattr('-i').catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('kill -9 in a write loop: every acknowledged add survives, the one in flight is whole or absent', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cda-kill-'));
    const keychainService = service();
    const sent = new Map<string, Sent>();
    try {
      for (let round = 0; round < 3; round++) {
        await killedWriteLoop(dir, keychainService, `kill${round}`, 8 + round * 7, sent);
      }
      const fresh = await openApp(dir, keychainService);
      const figures = await audit(fresh, sent);
      await fresh.close();
      matrix['kill -9 in a write loop (3 kills)'] = figures;
      expect(figures.acknowledged).toBeGreaterThanOrEqual(8 + 15 + 22);
      expect(figures).toMatchObject({ lost: 0, halfSaved: 0 });
      expect((await readdir(dir)).filter((n) => n.includes('.tmp-'))).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('two processes on one folder: --no-app is refused while the app holds the folder, whatever XDG_RUNTIME_DIR says', async () => {
    assertCliBuilt();
    const dir = await mkdtemp(join(tmpdir(), 'cda-two-'));
    const keychainService = service();
    try {
      // What a write cut short by a crash leaves behind is cleared at start.
      const leftover = `${STATE_FILE_NAME}.tmp-999-0123456789ab`;
      await writeFile(join(dir, leftover), '{"schemaVersion": 1, "vau');
      const app = await openApp(dir, keychainService);
      expect(await readdir(dir)).not.toContain(leftover);
      const sent = new Map<string, Sent>();
      const cli = [];
      // The CLI runs as from cron: another runtime dir, so no socket to find.
      for (let i = 0; i < 3; i++) {
        await add(app, sent, `two-${i}`);
        cli.push(
          await runCli(['code', 'Fault', '--no-app'], {
            dataDir: dir,
            runtimeDir: join(dir, 'elsewhere'),
            keychainService,
          }),
        );
      }
      const withoutNoApp = await runCli(['code', 'Fault'], {
        dataDir: dir,
        runtimeDir: join(dir, 'elsewhere'),
        keychainService,
      });
      const second = await openApp(dir, keychainService).then(
        () => 'opened',
        (error: Error) => error.message,
      );
      await app.close();

      for (const result of cli) {
        expect(result).toMatchObject({ code: 2, stdout: '' });
        expect(result.stderr).toMatch(/app is running/);
      }
      // Without --no-app the lock, not the missing socket, says the app runs.
      expect(withoutNoApp).toMatchObject({ code: 3, stdout: '' });
      expect(withoutNoApp.stderr).toMatch(/the app is running, but its command-line channel/);
      expect(second).toMatch(/Another copy of Cognito Authenticator.*is using the data folder/);
      const fresh = await openApp(dir, keychainService);
      const figures = await audit(fresh, sent);
      await fresh.close();
      matrix['two processes on one folder'] = figures;
      expect(figures).toMatchObject({ acknowledged: 3, lost: 0, halfSaved: 0 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a truncated or garbled current file: the last good generation is opened, and the user is told', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cda-corrupt-'));
    const keychainService = service();
    try {
      const app = await openApp(dir, keychainService);
      const sent = new Map<string, Sent>();
      for (let i = 0; i < 4; i++) await add(app, sent, `c-${i}`);
      await app.close();

      const statePath = join(dir, STATE_FILE_NAME);
      const stateSize = (await readFile(statePath)).length;
      await truncate(statePath, Math.floor(stateSize / 2));
      const notices: string[] = [];
      const reopened = await openApp(dir, keychainService, notices);
      const names = (await listed(reopened)).map((a) => a.account);
      expect(names).toEqual(['c-0', 'c-1', 'c-2']);
      expect(notices.join('\n')).toMatch(/settings file is damaged.*opened its previous copy/);
      // The next write keeps the damaged file for the user and starts a good generation.
      await add(reopened, sent, 'c-after');
      await reopened.close();
      expect(await readdir(dir)).toContain(`${STATE_FILE_NAME}.damaged`);

      const secretsPath = join(dir, SECRETS_FILE_NAME);
      const garbled = await readFile(secretsPath);
      garbled.fill(0x41, 40, 80);
      await writeFile(secretsPath, garbled);
      const notices2: string[] = [];
      const third = await openApp(dir, keychainService, notices2);
      expect(notices2.join('\n')).toMatch(/secrets file was damaged.*previous copy/);
      const figures = await audit(third, sent);
      await third.close();
      matrix['damaged after the write: truncated state file, then garbled secrets file'] = figures;
      // Only the generation written just before each damage is missing: the
      // label of c-3 (state file) and the secret of c-after (secrets file).
      expect(figures).toMatchObject({ acknowledged: 5, lost: 1, halfSaved: 1 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** Runs the write loop in a child, SIGKILLs it after `acks` acknowledged adds. */
async function killedWriteLoop(
  dir: string,
  keychainService: string,
  prefix: string,
  acks: number,
  sent: Map<string, Sent>,
): Promise<void> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'fixtures/write-loop.ts')],
    {
      env: { ...process.env, FAULT_DIR: dir, FAULT_SERVICE: keychainService, FAULT_PREFIX: prefix },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise((resolve) => child.on('exit', resolve));
  let acked = 0;
  for await (const line of createInterface({ input: child.stdout })) {
    const [kind, name, secret] = line.split(' ');
    if (!name || !secret) continue;
    if (kind === 'sent') sent.set(name, { secret, acked: false });
    if (kind === 'ack') {
      sent.set(name, { secret, acked: true });
      if (++acked === acks) {
        child.kill('SIGKILL');
        break;
      }
    }
  }
  await exited;
}
