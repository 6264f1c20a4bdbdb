/**
 * Optional per-request timing (EMULATOR_TIMING_LOG=<file>): one JSON line per
 * call, so a test run can tell how much of its time the emulator spent.
 */
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';

export interface TimingEntry {
  /** Wall-clock ms when the request finished. */
  at: number;
  op: string;
  ms: number;
  status: number;
}

export class TimingLog {
  private constructor(private readonly stream: WriteStream | null) {}

  static open(file: string | undefined): TimingLog {
    return new TimingLog(file ? createWriteStream(file, { flags: 'a' }) : null);
  }

  record(entry: TimingEntry): void {
    this.stream?.write(`${JSON.stringify(entry)}\n`);
  }

  close(): Promise<void> {
    const stream = this.stream;
    return stream ? new Promise((resolve) => stream.end(resolve)) : Promise.resolve();
  }
}
