/**
 * What a hostile peer on the local channel can cost the app: the real bridge
 * server runs in a child process (test/cli/fixtures/bridge-child.ts) and
 * reports its RSS; these tests flood it, trickle at it and pile connections
 * on it, and assert bounds on memory and on what it answers.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'bridge-child.ts');
const MB = 1024 * 1024;
/** The flood in the finding: 2 MB of "x\n". */
const JUNK_FLOOD = 'x\n'.repeat(MB);

let base: string;
let path: string;
let child: ChildProcess;
const token = randomBytes(32).toString('base64url');

function request(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    v: 1,
    auth: token,
    pid: process.pid,
    call: { method: 'profiles' },
    ...extra,
  });
}

async function childRss(): Promise<{ rss: number; served: number }> {
  return new Promise((resolve) => {
    const listener = (message: { rss?: number; served?: number }) => {
      if (message.rss === undefined) return;
      child.off('message', listener);
      resolve({ rss: message.rss, served: message.served ?? 0 });
    };
    child.on('message', listener);
    child.send({ rss: true });
  });
}

function open(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

function closed(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.destroyed) resolve();
    else socket.once('close', () => resolve());
  });
}

/** Collects reply lines until the server closes the connection. */
function collect(socket: Socket): Promise<Record<string, unknown>[]> {
  return new Promise((resolve) => {
    let buffered = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (buffered += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () =>
      resolve(
        buffered
          .split('\n')
          .filter((line) => line !== '')
          .map((line) => JSON.parse(line) as Record<string, unknown>),
      ),
    );
  });
}

const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'bridge-limits-'));
  path = join(base, 'run', 'cli-test.sock');
  child = fork(FIXTURE, [path], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: { ...process.env, BRIDGE_TEST_TOKEN: token },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve) => child.once('message', () => resolve()));
});

afterAll(async () => {
  child.kill();
  await rm(base, { recursive: true, force: true });
});

describe('bridge server under attack', () => {
  it('answers 2 MB of "x\\n" per connection with one fixed refusal, never reading the replies back, and keeps its memory', async () => {
    const before = await childRss();
    const sockets = await Promise.all(Array.from({ length: 4 }, () => open()));
    for (const socket of sockets) {
      socket.pause();
      socket.on('error', () => undefined);
      socket.write(JUNK_FLOOD);
    }
    // A paused socket does not notice the server closing; read again after a while.
    await new Promise((r) => setTimeout(r, 1500));
    const during = await childRss();
    for (const socket of sockets) socket.resume();
    await Promise.all(sockets.map(closed));
    const after = await childRss();
    console.log(
      `junk flood: 4 × 2 MB, server RSS ${mb(before.rss)} → ${mb(during.rss)} MB during, ${mb(after.rss)} MB after`,
    );
    expect(during.rss - before.rss).toBeLessThan(50 * MB);
    expect(after.rss - before.rss).toBeLessThan(50 * MB);

    const one = await open();
    const replies = collect(one);
    one.write(JUNK_FLOOD);
    expect(await replies).toEqual([
      {
        ok: false,
        error: {
          code: 'UNAUTHORIZED',
          message: "The app did not accept the CLI's access key. Restart the app and try again.",
        },
      },
    ]);
  });

  it('stops reading a connection whose replies are not read, so 2 MB of valid requests costs little', async () => {
    const before = await childRss();
    const line = request() + '\n';
    const flood = line.repeat(Math.ceil((2 * MB) / line.length));
    const socket = await open();
    socket.pause();
    socket.write(flood);
    // Long enough for the server to read everything it is willing to read.
    await new Promise((r) => setTimeout(r, 1500));
    const during = await childRss();
    socket.destroy();
    const after = await childRss();
    const requests = flood.length / line.length;
    console.log(
      `valid flood: ${requests} requests unread, server served ${during.served - before.served}, RSS ${mb(before.rss)} → ${mb(during.rss)} MB during, ${mb(after.rss)} MB after`,
    );
    // What the socket buffers hold (a few hundred KB of replies), not the whole flood.
    expect(during.served - before.served).toBeLessThan(requests / 4);
    expect(during.rss - before.rss).toBeLessThan(50 * MB);
    expect(after.rss - before.rss).toBeLessThan(50 * MB);
  });

  it('closes a connection trickling one byte every 4 s before its request is whole', async () => {
    const { served } = await childRss();
    const socket = await open();
    const line = request();
    let sent = 0;
    const done = closed(socket);
    socket.on('error', () => undefined);
    const trickle = setInterval(() => {
      if (socket.destroyed || sent >= line.length) return;
      socket.write(line[sent++] as string);
    }, 4_000);
    // A server without a whole-request deadline keeps the line open until
    // the end; this waits at most a few bytes' time longer than the deadline.
    await Promise.race([done, new Promise((r) => setTimeout(r, 20_000))]);
    clearInterval(trickle);
    expect(socket.destroyed || socket.readableEnded).toBe(true);
    expect(sent).toBeLessThan(line.length);
    expect((await childRss()).served).toBe(served);
  }, 40_000);

  it('closes a connection that has spent its error budget', async () => {
    const socket = await open();
    const replies = collect(socket);
    const bad = request({ call: { method: 'nope' } }) + '\n';
    socket.write(bad.repeat(20));
    const got = await replies;
    expect(got).toHaveLength(5);
    for (const reply of got)
      expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('bounds the number of open connections and serves again once they close', async () => {
    const sockets = await Promise.all(Array.from({ length: 48 }, () => open()));
    for (const socket of sockets) socket.on('error', () => undefined);
    await new Promise((r) => setTimeout(r, 500));
    const open_ = sockets.filter((s) => !s.destroyed && !s.readableEnded);
    expect(open_.length).toBeLessThanOrEqual(32);
    for (const socket of sockets) socket.destroy();
    await new Promise((r) => setTimeout(r, 200));
    const socket = await open();
    const replies = collect(socket);
    socket.end(request() + '\n');
    expect(await replies).toMatchObject([{ ok: true }]);
  });
});
