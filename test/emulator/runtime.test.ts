import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  demoSeed,
  DEMO_PASSWORD,
  DEMO_POOL_ID,
  DEMO_PUBLIC_CLIENT_ID,
  DEMO_USERNAME,
  startEmulator,
} from '../../emulator/index.js';
import type { Emulator } from '../../emulator/index.js';
import { call, ok } from './helpers.js';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), 'emulator-test-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function started(options: Parameters<typeof startEmulator>[0]): Promise<Emulator> {
  const emu = await startEmulator(options);
  cleanup.push(() => emu.close());
  return emu;
}

const passwordAuth = (emu: Emulator, password = DEMO_PASSWORD) =>
  call(emu.url, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: DEMO_PUBLIC_CLIENT_ID,
    AuthParameters: { USERNAME: DEMO_USERNAME, PASSWORD: password },
  });

describe('fault injection', () => {
  it('throttles, fails, delays and drops the chosen operation, for the chosen number of calls', async () => {
    const emu = await started({ seed: demoSeed });
    emu.faults.set('InitiateAuth', { error: 'TooManyRequestsException', times: 1 });
    const throttled = await passwordAuth(emu);
    expect(throttled.status).toBe(400);
    expect(throttled.body.__type).toBe('TooManyRequestsException');
    expect((await passwordAuth(emu)).status).toBe(200);

    emu.faults.set('InitiateAuth', { error: 'InternalErrorException' });
    expect((await passwordAuth(emu)).status).toBe(500);
    expect((await passwordAuth(emu)).body.__type).toBe('InternalErrorException');
    expect((await call(emu.url, 'GetUser', { AccessToken: 'x' })).body.__type).toBe(
      'NotAuthorizedException',
    );
    emu.faults.clear();

    emu.faults.set('InitiateAuth', { latencyMs: 50, times: 1 });
    expect((await passwordAuth(emu)).status).toBe(200);

    emu.faults.set('InitiateAuth', { drop: true, times: 1 });
    await expect(passwordAuth(emu)).rejects.toThrow();
    expect((await passwordAuth(emu)).status).toBe(200);
  });
});

describe('persistence', () => {
  it('keeps pools, users, passwords and refresh tokens across a restart, and writes the outbox file', async () => {
    const dataDir = await tempDir();
    const first = await startEmulator({ dataDir, seed: demoSeed });
    const tokens = (await passwordAuth(first)).body as {
      AuthenticationResult: { RefreshToken: string };
    };
    const poolId = await first.admin.createPool({ PoolName: 'persisted' });
    await first.admin.createUser(DEMO_POOL_ID, 'newbie', 'Newbie-Pass-1', {
      attributes: { email: 'newbie@example.com', email_verified: 'true' },
    });
    await ok(first.url, 'ForgotPassword', { ClientId: DEMO_PUBLIC_CLIENT_ID, Username: 'newbie' });
    await first.close();

    const outbox = (await readFile(join(dataDir, 'outbox.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; username: string });
    expect(outbox).toContainEqual(
      expect.objectContaining({ kind: 'FORGOT_PASSWORD', username: 'newbie' }),
    );
    expect(JSON.parse(await readFile(join(dataDir, 'state.json'), 'utf8'))).toHaveProperty([
      'pools',
      poolId,
    ]);

    const second = await started({ dataDir, seed: demoSeed });
    expect(Object.keys(second.state().pools)).toEqual(
      expect.arrayContaining([DEMO_POOL_ID, poolId]),
    );
    const refreshed = await call(second.url, 'InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: DEMO_PUBLIC_CLIENT_ID,
      AuthParameters: { REFRESH_TOKEN: tokens.AuthenticationResult.RefreshToken },
    });
    expect(refreshed.status).toBe(200);
    const newbie = await call(second.url, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: DEMO_PUBLIC_CLIENT_ID,
      AuthParameters: { USERNAME: 'newbie', PASSWORD: 'Newbie-Pass-1' },
    });
    expect(newbie.status).toBe(200);
  });

  it('refuses a corrupt state file with a clear error instead of starting empty', async () => {
    const dataDir = await tempDir();
    await writeFile(join(dataDir, 'state.json'), '{"version": 1, "pools": ');
    await expect(startEmulator({ dataDir })).rejects.toThrow(/state\.json is not valid JSON/);
  });
});

describe('timing log', () => {
  it('writes one line per request when asked', async () => {
    const dir = await tempDir();
    const timingLog = join(dir, 'timing.jsonl');
    const emu = await startEmulator({ seed: demoSeed, timingLog });
    await passwordAuth(emu);
    await call(emu.url, 'GetUser', { AccessToken: 'x' });
    await emu.close();
    const lines = (await readFile(timingLog, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { op: string; status: number; ms: number });
    expect(lines.map((l) => [l.op, l.status])).toEqual([
      ['InitiateAuth', 200],
      ['GetUser', 400],
    ]);
    expect(lines.every((l) => typeof l.ms === 'number')).toBe(true);
  });
});

describe('command line', () => {
  function run(args: string[]) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', ...args], {
      cwd: join(import.meta.dirname, '../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanup.push(async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    const stderr: string[] = [];
    child.stderr.on('data', (d: Buffer) => stderr.push(d.toString()));
    const firstLine = new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${stderr.join('')}`)));
    });
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    // Tests that expect a failed start never read firstLine.
    firstLine.catch(() => undefined);
    return { child, firstLine, exited, stderr };
  }

  it('prints its listening line, serves the seeded demo pool and a seed file, keeps state, and exits cleanly on SIGTERM', async () => {
    const dataDir = await tempDir();
    const seedFile = join(dataDir, 'seed.json');
    await writeFile(
      seedFile,
      JSON.stringify({
        pools: [
          {
            id: 'us-east-1_SeedPool1',
            name: 'seeded',
            clients: [
              {
                id: 'seedclient0000000000000000',
                name: 'c',
                explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
              },
            ],
            users: [{ username: 'seeded', password: 'Seeded-Pass-1' }],
          },
        ],
      }),
    );
    const first = run(['--port', '0', '--data', dataDir, '--seed', seedFile]);
    const line = await first.firstLine;
    expect(line).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
    const url = line.slice('listening on '.length);
    const seeded = await call(url, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: 'seedclient0000000000000000',
      AuthParameters: { USERNAME: 'seeded', PASSWORD: 'Seeded-Pass-1' },
    });
    expect(seeded.status).toBe(200);
    await call(url, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: DEMO_PUBLIC_CLIENT_ID,
      AuthParameters: { USERNAME: DEMO_USERNAME, PASSWORD: 'Wrong-Pass-1' },
    });
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const state = JSON.parse(await readFile(join(dataDir, 'state.json'), 'utf8')) as {
      pools: Record<string, { users: Record<string, { failedAttempts: number }> }>;
    };
    expect(state.pools[DEMO_POOL_ID]!.users[DEMO_USERNAME]!.failedAttempts).toBe(1);

    const second = run(['--data', dataDir]);
    const url2 = (await second.firstLine).slice('listening on '.length);
    const again = await call(url2, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: 'seedclient0000000000000000',
      AuthParameters: { USERNAME: 'seeded', PASSWORD: 'Seeded-Pass-1' },
    });
    expect(again.status).toBe(200);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  });

  it('rejects a bad flag with a usage message and a non-zero exit', async () => {
    const bad = run(['--prot', '1']);
    expect(await bad.exited).toBe(1);
    expect(bad.stderr.join('')).toContain('usage: npm run emulator');
  });
});

describe('fault configuration', () => {
  it('refuses a fault for an operation that does not exist, and a bad count', async () => {
    const emu = await started({});
    expect(() => emu.faults.set('InitiateAuthh', { error: 'TooManyRequestsException' })).toThrow(
      /no operation named InitiateAuthh/,
    );
    expect(() => emu.faults.set('InitiateAuth', { drop: true, times: 0 })).toThrow(
      /positive integer/,
    );
  });
});
