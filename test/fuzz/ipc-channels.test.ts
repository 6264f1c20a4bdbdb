/**
 * Property-based fuzzing of every IPC channel in the contract against the
 * whole app (composition, router, handlers, keychain-backed secrets, state
 * file on disk). For each payload: a Result comes back (no throw), never
 * INTERNAL, and an error never repeats a string of the request; afterwards
 * the data folder still opens and lists cleanly.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppServices } from '../../src-main/composition';
import type { AppServices } from '../../src-main/composition';
import {
  createKeytarSecretStore,
  DATA_KEY_ACCOUNT,
  KeytarKeychain,
} from '../../src-main/node/secrets';
import type { Clipboard } from '../../src-main/core/ports';
import { channelNames, channels } from '../../src-main/ipc/contract';
import type { ChannelName } from '../../src-main/ipc/contract';
import { arbitraryFor, echoableStrings, schemaVocabulary } from '../helpers/zod-arbitrary';
import { FUZZ_RUNS, recordCounts } from './fuzz-runs';
import type { FuzzCount } from './fuzz-runs';

const clipboard: Clipboard = {
  writeText: () => undefined,
  readText: () => '',
  clear: () => undefined,
};
const counts: FuzzCount[] = [];
const keychainServices: string[] = [];

async function openApp(dir: string, service: string, internal: string[]): Promise<AppServices> {
  return createAppServices({
    dataDir: dir,
    secretStore: createKeytarSecretStore(dir, { service }),
    clipboard,
    logError: (channel, error) => internal.push(`${channel}: ${String(error)}`),
  });
}

afterAll(async () => {
  await recordCounts('ipc', counts);
  for (const service of keychainServices)
    await new KeytarKeychain(service).delete(DATA_KEY_ACCOUNT);
});

describe(`every IPC channel, ${FUZZ_RUNS} payloads each`, () => {
  it.each(channelNames.map((name) => [name]))(
    '%s',
    async (channel: ChannelName) => {
      const dir = await mkdtemp(join(tmpdir(), 'cda-fuzz-'));
      const service = `cda-fuzz-${randomBytes(6).toString('hex')}`;
      keychainServices.push(service);
      const internal: string[] = [];
      const count: FuzzCount = {
        target: channel,
        cases: 0,
        failures: 0,
        internal: 0,
        echoed: 0,
        crashes: 0,
        closed: 0,
      };
      counts.push(count);
      const schema = channels[channel].request;
      const vocabulary = schemaVocabulary(schema);
      const app = await openApp(dir, service, internal);
      try {
        await fc.assert(
          fc.asyncProperty(arbitraryFor(schema), async (payload) => {
            count.cases++;
            let result;
            try {
              result = await app.dispatch(channel, payload);
            } catch (error) {
              count.crashes++;
              throw error;
            }
            if (result.ok) return;
            count.failures++;
            if (result.error.code === 'INTERNAL') count.internal++;
            const reply = JSON.stringify(result.error);
            const echoed = echoableStrings(payload).filter(
              (s) => !vocabulary.has(s) && reply.includes(s),
            );
            if (echoed.length > 0) count.echoed++;
            expect(result.error.code).not.toBe('INTERNAL');
            expect(echoed).toEqual([]);
            expect(reply.length).toBeLessThan(2000);
          }),
          { numRuns: FUZZ_RUNS },
        );
      } finally {
        await app.close();
      }
      expect(internal).toEqual([]);
      // What the fuzz left on disk must still open: the state file parses and the secrets decrypt.
      const reopened = await openApp(dir, service, internal);
      try {
        for (const check of ['vault:list', 'profiles:list'] as const) {
          const result = await reopened.dispatch(check, {});
          expect(result, check).toMatchObject({ ok: true });
        }
      } finally {
        await reopened.close();
        await rm(dir, { recursive: true, force: true });
      }
    },
    Math.max(60_000, FUZZ_RUNS * 30),
  );
});
