/**
 * Another program listening where the app should be: the CLI must check the
 * socket's folder and the socket itself before it sends anything, and must
 * never hand the access key to a listener it cannot prove is the app's. The
 * tests run as root on CI, so "another user" is uid 65534 (nobody) via chown.
 */
import { randomUUID } from 'node:crypto';
import { chmod, chown, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BEARER_TOKEN_ACCOUNT,
  ensureBearerToken,
} from '../../src-main/core/cli-bridge/bearer-token';
import { bridgeEndpoint } from '../../src-main/node/endpoint';
import { KeytarKeychain } from '../../src-main/node/keychain';
import { assertCliBuilt, runCli } from './run-cli';

const NOBODY = 65534;
const keychainService = `cognito-auth-squat-${randomUUID()}`;
let base: string;
let keychain: KeytarKeychain;
let bearer: string;

beforeAll(async () => {
  assertCliBuilt();
  base = await mkdtemp(join(tmpdir(), 'cli-squat-'));
  keychain = new KeytarKeychain(keychainService);
  bearer = await ensureBearerToken(keychain);
});

afterAll(async () => {
  await keychain.delete(BEARER_TOKEN_ACCOUNT);
  await rm(base, { recursive: true, force: true });
});

/** A listener that answers like the app would, and records every byte it is sent. */
async function squat(arrange: (paths: { dir: string; socket: string }) => Promise<void>): Promise<{
  received: () => string;
  connections: () => number;
  server: Server;
  env: { dataDir: string; runtimeDir: string; keychainService: string };
}> {
  const dataDir = await mkdtemp(join(base, 'data-'));
  const runtimeDir = await mkdtemp(join(base, 'run-'));
  const endpoint = bridgeEndpoint({
    platform: 'linux',
    runtimeDir: runtimeDir,
    dataDir,
  });
  const dir = endpoint.dir as string;
  await mkdir(dir, { mode: 0o700 });
  let received = '';
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
      socket.write(
        JSON.stringify({
          ok: true,
          value: { profile: 'work', type: 'id', token: 'ATTACKER', expiresAt: 0 },
        }) + '\n',
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(endpoint.path, resolve));
  await arrange({ dir, socket: endpoint.path });
  return {
    received: () => received,
    connections: () => connections,
    server,
    env: { dataDir, runtimeDir, keychainService },
  };
}

const cases: [string, (paths: { dir: string; socket: string }) => Promise<void>, RegExp][] = [
  [
    'a folder others may enter (0777)',
    ({ dir }) => chmod(dir, 0o777),
    /can be entered by other users \(mode 777/,
  ],
  [
    'a folder of another user',
    ({ dir }) => chown(dir, NOBODY, NOBODY),
    /belongs to another user \(uid 65534\)/,
  ],
  [
    'a socket of another user',
    ({ socket }) => chown(socket, NOBODY, NOBODY),
    /belongs to another user \(uid 65534\)/,
  ],
  [
    'a socket others may open (0666)',
    ({ socket }) => chmod(socket, 0o666),
    /can be opened by other users \(mode 666/,
  ],
];

describe('cognito-auth facing a listener that is not provably the app', () => {
  it.each(cases)('refuses %s with exit 7 and sends nothing', async (_name, arrange, message) => {
    const squatter = await squat(arrange);
    try {
      const result = await runCli(['token'], squatter.env);
      expect(result.code, result.stderr).toBe(7);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toContain('nothing was sent');
      expect(squatter.connections()).toBe(0);
      expect(squatter.received()).not.toContain(bearer);
      expect(squatter.received()).toBe('');
    } finally {
      squatter.server.close();
    }
  });

  it('talks to a listener in a private folder of its own user (the check is not a blanket refusal)', async () => {
    const squatter = await squat(({ socket }) => chmod(socket, 0o600));
    try {
      const result = await runCli(['token'], squatter.env);
      expect(result).toMatchObject({ code: 0, stdout: 'ATTACKER\n' });
      expect(squatter.received()).toContain(bearer);
    } finally {
      squatter.server.close();
    }
  });
});
