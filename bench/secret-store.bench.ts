/**
 * What envelope encryption costs per write: EnvelopeSecretStore.set against
 * the same map written as plaintext JSON with the same durable writer (the
 * baseline). The keychain is held in memory here, since it is read once per
 * run and is not what this measures.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EnvelopeSecretStore } from '../src-main/node/secrets';
import type { Keychain } from '../src-main/core/ports';
import { DurableFile } from '../src-main/node/durable-file';

class MemoryKeychain implements Keychain {
  private readonly entries = new Map<string, string>();
  async get(account: string) {
    return this.entries.get(account);
  }
  async set(account: string, password: string) {
    this.entries.set(account, password);
  }
  async delete(account: string) {
    this.entries.delete(account);
  }
}

async function timePerOp(ops: number, op: (i: number) => Promise<void>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < ops; i++) await op(i);
  return (performance.now() - start) / ops;
}

export default async function (): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'cda-bench-'));
  try {
    for (const [entries, valueBytes] of [
      [10, 32],
      [200, 32],
      [50, 4096],
    ] as const) {
      const values = Object.fromEntries(
        Array.from({ length: entries }, (_, i) => [
          `k${i}`,
          randomBytes(valueBytes).toString('base64'),
        ]),
      );
      const store = new EnvelopeSecretStore({
        keychain: new MemoryKeychain(),
        filePath: join(dir, `env-${entries}-${valueBytes}.enc`),
      });
      for (const [k, v] of Object.entries(values)) await store.set(k, v);
      const plainFile = new DurableFile({
        path: join(dir, `plain-${entries}-${valueBytes}.json`),
        decode: (bytes) => bytes,
        isDamage: () => false,
        label: 'plaintext file',
        unreadableCode: 'UNREADABLE',
      });
      const ops = 40;
      const plain = await timePerOp(ops, (i) =>
        plainFile.write(Buffer.from(JSON.stringify({ ...values, k0: String(i) }))),
      );
      const envelope = await timePerOp(ops, (i) => store.set('k0', String(i)));
      console.log(
        `${entries} secrets of ${valueBytes} B: envelope set / plaintext durable write = ${(envelope / plain).toFixed(2)}x`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
