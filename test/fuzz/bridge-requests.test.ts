/**
 * Property-based fuzzing of every bridge request over the real socket, into
 * the whole app (composition with its CLI bridge, approvals answered through
 * the contract's own channel, keychain-backed secrets). For each request: a
 * well-formed reply, never INTERNAL, never a string of the request (the
 * access key included) repeated; the server keeps serving; the data folder
 * still opens afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices } from '../../src-main/composition';
import type { AppServices } from '../../src-main/composition';
import { BEARER_TOKEN_ACCOUNT } from '../../src-main/core/cli-bridge/bearer-token';
import { UnverifiedCallerIdentifier } from '../../src-main/node/caller';
import { bridgeEndpoint } from '../../src-main/node/endpoint';
import { bridgeRequestSchema } from '../../src-main/core/cli-bridge/request-schema';
import {
  createKeytarSecretStore,
  DATA_KEY_ACCOUNT,
  KeytarKeychain,
} from '../../src-main/node/secrets';
import {
  arbitraryFor,
  echoableStrings,
  hostileString,
  schemaVocabulary,
} from '../helpers/zod-arbitrary';
import { FUZZ_RUNS, recordCounts } from './fuzz-runs';
import type { FuzzCount } from './fuzz-runs';
import { MemoryClipboard } from '../../browser-host/memory-clipboard';

let dir: string;
let app: AppServices;
let path: string;
let bearer: string;
const keychain = new KeytarKeychain(`cda-bridge-fuzz-${randomBytes(6).toString('hex')}`);
const counts: FuzzCount[] = [];
const internal: string[] = [];
const vocabulary = schemaVocabulary(bridgeRequestSchema);

/** The call schema of each method, from the request schema's own union. */
const callSchemas = (
  bridgeRequestSchema.shape.call as unknown as { _zod: { def: { options: z.ZodObject[] } } }
)._zod.def.options.map(
  (option) => [(option.shape.method as z.ZodLiteral<string>).value, option] as const,
);

async function openApp(): Promise<AppServices> {
  return createAppServices({
    dataDir: dir,
    secretStore: createKeytarSecretStore(dir, { service: keychain.service }),
    clipboard: new MemoryClipboard(),
    logError: (channel, error) => internal.push(`${channel}: ${String(error)}`),
    cliBridge: {
      endpoint: bridgeEndpoint({
        platform: 'linux',
        runtimeDir: join(dir, 'run'),
        dataDir: dir,
      }),
      keychain,
      identifier: new UnverifiedCallerIdentifier(),
    },
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cda-bridge-fuzz-'));
  app = await openApp();
  path = bridgeEndpoint({
    platform: 'linux',
    runtimeDir: join(dir, 'run'),
    dataDir: dir,
  }).path;
  bearer = (await keychain.get(BEARER_TOKEN_ACCOUNT)) as string;
  // The person at the app allows every request once.
  app.subscribe((event, payload) => {
    if (event !== 'cli:approvalRequested') return;
    const { requestId } = payload as { requestId: string };
    void app.dispatch('cli:answerApproval', { requestId, decision: 'once' });
  });
});

afterAll(async () => {
  await recordCounts('bridge', counts);
  await app.close();
  await keychain.delete(BEARER_TOKEN_ACCOUNT);
  await keychain.delete(DATA_KEY_ACCOUNT);
  await rm(dir, { recursive: true, force: true });
});

/** One connection reused until the server closes it (a refusal or a spent error budget). */
class Client {
  private socket: Socket | undefined;
  private buffered = '';
  private waiting: ((line: string | undefined) => void) | undefined;

  private open(): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket = connect(path);
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        this.buffered += chunk;
        this.deliver();
      });
      socket.on('error', () => undefined);
      socket.on('close', () => {
        if (this.socket === socket) this.socket = undefined;
        this.waiting?.(undefined);
        this.waiting = undefined;
      });
      socket.once('connect', () => resolve(socket));
      socket.once('error', reject);
    });
  }

  private deliver(): void {
    const newline = this.buffered.indexOf('\n');
    if (newline < 0 || !this.waiting) return;
    const line = this.buffered.slice(0, newline);
    this.buffered = this.buffered.slice(newline + 1);
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting(line);
  }

  private next(): Promise<string | undefined> {
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.deliver();
    });
  }

  /** The final reply to one line, or undefined when the server closed the connection instead. */
  async send(line: string): Promise<Record<string, unknown> | undefined> {
    if (!this.socket) {
      this.buffered = '';
      this.socket = await this.open();
    }
    this.socket.write(line + '\n');
    for (;;) {
      const reply = await this.next();
      if (reply === undefined) return undefined;
      const parsed = JSON.parse(reply) as Record<string, unknown>;
      if (parsed.status !== 'awaiting-approval') return parsed;
    }
  }
}

function requestArbitrary(call: z.ZodType): fc.Arbitrary<unknown> {
  const request = fc.record(
    {
      v: fc.oneof(
        { arbitrary: fc.constant(1), weight: 9 },
        { arbitrary: fc.anything(), weight: 1 },
      ),
      id: fc.option(hostileString(64), { nil: undefined }),
      auth: fc.oneof(
        { arbitrary: fc.constant(bearer), weight: 8 },
        { arbitrary: hostileString(600), weight: 1 },
      ),
      pid: fc.oneof(
        { arbitrary: fc.constant(process.pid), weight: 9 },
        { arbitrary: fc.anything(), weight: 1 },
      ),
      call: arbitraryFor(call),
    },
    { requiredKeys: ['v', 'auth', 'pid', 'call'] },
  );
  return fc.oneof(
    { arbitrary: request, weight: 10 },
    {
      arbitrary: fc
        .tuple(request, hostileString(), fc.anything({ maxDepth: 1 }))
        .map(([r, key, value]) => ({
          ...(r as object),
          [key]: value,
        })),
      weight: 1,
    },
  );
}

describe(`every bridge request over the socket, ${FUZZ_RUNS} requests each`, () => {
  // Built when each test runs: the access key is only known once the app has started.
  const targets: [string, () => fc.Arbitrary<string>][] = [
    ...callSchemas.map(
      ([method, schema]) =>
        [method, () => requestArbitrary(schema).map((r) => JSON.stringify(r) ?? 'null')] as [
          string,
          () => fc.Arbitrary<string>,
        ],
    ),
    // Lines that are not JSON, or JSON that is not a request.
    [
      'raw lines',
      () =>
        fc
          .oneof(
            hostileString(300),
            fc.anything().map((v) => JSON.stringify(v) ?? 'null'),
          )
          .map((s) => s.replace(/\n/g, ' '))
          // A blank line is skipped by design and gets no answer to wait for.
          .filter((s) => s.trim() !== ''),
    ],
  ];

  it.each(targets)(
    '%s',
    async (target, makeLines) => {
      const client = new Client();
      const count: FuzzCount = {
        target,
        cases: 0,
        failures: 0,
        internal: 0,
        echoed: 0,
        crashes: 0,
        closed: 0,
      };
      counts.push(count);
      await fc.assert(
        fc.asyncProperty(makeLines(), async (line) => {
          count.cases++;
          const reply = await client.send(line);
          // A closed connection is the answer to a refused or spent one; the next case reconnects.
          if (reply === undefined) {
            count.closed++;

            return;
          }
          expect(typeof reply.ok).toBe('boolean');
          if (reply.ok) return;
          count.failures++;
          const error = reply.error as { code: string; message: string };
          if (error.code === 'INTERNAL') count.internal++;
          // The request's id comes back by design: it is how a client matches replies.
          const text = JSON.stringify({ ...reply, id: undefined });
          let payload: unknown;
          try {
            payload = JSON.parse(line);
          } catch {
            payload = line;
          }
          const echoed = echoableStrings(payload).filter(
            (s) => !vocabulary.has(s) && text.includes(s),
          );
          if (echoed.length > 0) count.echoed++;
          expect(error.code).not.toBe('INTERNAL');
          expect(echoed).toEqual([]);
          expect(text).not.toContain(bearer);
        }),
        { numRuns: FUZZ_RUNS },
      );
      expect(internal).toEqual([]);
    },
    Math.max(60_000, FUZZ_RUNS * 30),
  );

  it('leaves a data folder that opens and lists cleanly', async () => {
    await app.close();
    app = await openApp();
    for (const check of ['vault:list', 'profiles:list'] as const) {
      expect(await app.dispatch(check, {}), check).toMatchObject({ ok: true });
    }
  });
});
