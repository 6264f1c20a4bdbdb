/**
 * `npm run dev:browser` as a developer runs it: the real process, its usage
 * and argument errors, and the same environment variables as the app and
 * `cognito-auth`, checked by running the built CLI against it.
 * Run under scripts/with-keyring.sh.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATA_DIR_ENV, KEYCHAIN_SERVICE_ENV } from '../../src-main/node/endpoint';
import { KeytarKeychain } from '../../src-main/node/keychain';
import { DATA_KEY_ACCOUNT } from '../../src-main/node/secrets';
import { BEARER_TOKEN_ACCOUNT } from '../../src-main/core/cli-bridge/bearer-token';
import { assertCliBuilt, ROOT, runCli } from '../cli/run-cli';

const HOST = join(ROOT, 'browser-host', 'cli.ts');

function startHost(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', HOST, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  });
}

function finished(child: ChildProcess): Promise<{ code: number | null; out: string; err: string }> {
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (err += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

/** Resolves with what the host printed once it names its address. */
function running(child: ChildProcess): Promise<string> {
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (
        /Ctrl\+C stops/.test(out) &&
        /keychain|Copy|clipboard/i.test(out.split('Ctrl+C')[1] ?? '')
      )
        resolve(out);
    });
    child.on('close', (code) => reject(new Error(`the host exited with ${code}:\n${out}`)));
  });
}

const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

describe('npm run dev:browser', () => {
  it('prints its usage for --help, and names a bad option with the usage', async () => {
    const help = await finished(startHost(['--help'], {}));
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: npm run dev:browser');
    expect(help.out).toContain(DATA_DIR_ENV);
    expect(help.out).toContain(KEYCHAIN_SERVICE_ENV);

    const bad = await finished(startHost(['--colour'], {}));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("Unknown option '--colour'");
    expect(bad.err).toContain('Usage: npm run dev:browser');
    expect(bad.err).not.toMatch(/\n\s+at /);

    const port = await finished(startHost(['--port', 'eighty'], {}));
    expect(port.code).toBe(2);
    expect(port.err).toContain('--port must be a whole number from 0 to 65535, not "eighty".');
  });

  it('keeps its data where AUTHENTICATOR_USER_DATA_DIR says, its keys under AUTHENTICATOR_KEYCHAIN_SERVICE, and serves cognito-auth there', async () => {
    assertCliBuilt();
    const dataDir = await mkdtemp(join(tmpdir(), 'dev-browser-'));
    const runtimeDir = await mkdtemp(join(tmpdir(), 'dev-browser-run-'));
    const keychainService = `cognito-desktop-authenticator-test-dev-browser-${process.pid}`;
    const keychain = new KeytarKeychain(keychainService);
    cleanup.push(
      () => rm(dataDir, { recursive: true, force: true }),
      () => rm(runtimeDir, { recursive: true, force: true }),
      () => keychain.delete(DATA_KEY_ACCOUNT),
      () => keychain.delete(BEARER_TOKEN_ACCOUNT),
    );
    const env = {
      [DATA_DIR_ENV]: dataDir,
      [KEYCHAIN_SERVICE_ENV]: keychainService,
      XDG_RUNTIME_DIR: runtimeDir,
    };
    const host = startHost([], env);
    const exited = finished(host);
    cleanup.push(async () => {
      host.kill('SIGTERM');
      await exited;
    });
    const printed = await running(host);
    expect(printed).toContain(`Data folder: ${dataDir}\n`);
    expect(printed).toContain(`${KEYCHAIN_SERVICE_ENV}='${keychainService}'`);

    const profiles = await runCli(['profiles', '--json'], {
      dataDir,
      runtimeDir,
      keychainService,
    });
    expect(profiles.code, profiles.stderr).toBe(0);
    expect(JSON.parse(profiles.stdout)).toMatchObject({
      profiles: [{ id: 'demo' }, { id: 'demo-new-hire' }, { id: 'demo-passwordless' }],
    });
    // The CLI's access key is where the variable put it, not in a service of the host's choosing.
    expect(await keychain.get(BEARER_TOKEN_ACCOUNT)).toMatch(/\S{20,}/);

    host.kill('SIGTERM');
    expect((await exited).code).toBe(0);
    // A folder the user named is theirs: it outlives the run.
    expect(existsSync(join(dataDir, 'demo-emulator'))).toBe(true);
  });
});
