/**
 * How many cases each fuzzed channel or request gets: a bounded number in
 * `npm test`, FUZZ_RUNS of them (10,000 in `npm run fuzz`) otherwise. The
 * counts of a run are appended to test-results/fuzz-counts.jsonl for the record.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 40);

export interface FuzzCount {
  target: string;
  cases: number;
  failures: number;
  internal: number;
  echoed: number;
  crashes: number;
  /** Bridge only: the server closed the connection instead of answering (a refusal or a spent budget). */
  closed: number;
}

export async function recordCounts(suite: string, counts: FuzzCount[]): Promise<void> {
  const dir = join(import.meta.dirname, '..', '..', 'test-results');
  await mkdir(dir, { recursive: true });
  const line = JSON.stringify({ suite, at: new Date().toISOString(), runs: FUZZ_RUNS, counts });
  await appendFile(join(dir, 'fuzz-counts.jsonl'), line + '\n');
}
