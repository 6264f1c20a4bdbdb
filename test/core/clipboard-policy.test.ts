import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClipboardPolicy } from '../../src-main/core/clipboard-policy';
import type { Clipboard } from '../../src-main/core/ports';

/** Answers asynchronously, like Electron's clipboard. */
class AsyncClipboard implements Clipboard {
  text = '';
  writes: { text: string; concealed: boolean | undefined }[] = [];
  async writeText(text: string, options?: { concealed?: boolean }): Promise<void> {
    this.text = text;
    this.writes.push({ text, concealed: options?.concealed });
  }
  async readText(): Promise<string> {
    return this.text;
  }
  async clear(): Promise<void> {
    this.text = '';
  }
}

let clipboard: AsyncClipboard;

beforeEach(() => {
  vi.useFakeTimers();
  clipboard = new AsyncClipboard();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('ClipboardPolicy', () => {
  it('writes concealed and clears after 30 s by default', async () => {
    const policy = new ClipboardPolicy(clipboard);
    expect(await policy.copy('123456', { label: 'ACME code' })).toEqual({
      clearsInSeconds: 30,
      label: 'ACME code',
    });
    expect(clipboard.writes).toEqual([{ text: '123456', concealed: true }]);

    await vi.advanceTimersByTimeAsync(29_999);
    expect(clipboard.text).toBe('123456');
    await vi.advanceTimersByTimeAsync(1);
    expect(clipboard.text).toBe('');
  });

  it('honours a configured delay, and 0 means never', async () => {
    const policy = new ClipboardPolicy(clipboard, { clearAfterSeconds: 5 });
    await policy.copy('111111', { label: 'a' });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(clipboard.text).toBe('');

    policy.setClearDelay(0);
    expect(await policy.copy('222222', { label: 'b' })).toMatchObject({ clearsInSeconds: 0 });
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(clipboard.text).toBe('222222');
  });

  it('leaves alone whatever the user copied afterwards', async () => {
    const policy = new ClipboardPolicy(clipboard, { clearAfterSeconds: 10 });
    await policy.copy('123456', { label: 'a' });
    clipboard.text = 'something the user copied';
    await vi.advanceTimersByTimeAsync(10_000);
    expect(clipboard.text).toBe('something the user copied');
  });

  it('restarts the countdown on a second copy', async () => {
    const policy = new ClipboardPolicy(clipboard, { clearAfterSeconds: 10 });
    await policy.copy('111111', { label: 'a' });
    await vi.advanceTimersByTimeAsync(8_000);
    await policy.copy('222222', { label: 'b' });
    await vi.advanceTimersByTimeAsync(8_000);
    expect(clipboard.text).toBe('222222');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(clipboard.text).toBe('');
  });

  it('clearNow takes the copy back at once, only if it is still there', async () => {
    const policy = new ClipboardPolicy(clipboard);
    await policy.copy('123456', { label: 'a' });
    await policy.clearNow();
    expect(clipboard.text).toBe('');

    await policy.copy('654321', { label: 'b' });
    clipboard.text = 'mine';
    await policy.clearNow();
    expect(clipboard.text).toBe('mine');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('works with injected timers instead of the global ones', async () => {
    const scheduled: { ms: number; run: () => void }[] = [];
    const policy = new ClipboardPolicy(clipboard, {
      clearAfterSeconds: 7,
      timers: {
        setTimeout: (run, ms) => scheduled.push({ ms, run }),
        clearTimeout: () => undefined,
      },
    });
    await policy.copy('123456', { label: 'a' });
    expect(scheduled.map((s) => s.ms)).toEqual([7_000]);
    scheduled[0]?.run();
    await vi.waitFor(() => expect(clipboard.text).toBe(''));
  });

  it('reports a failed scheduled clear instead of losing it', async () => {
    const errors: unknown[] = [];
    const failing = new AsyncClipboard();
    failing.clear = () => Promise.reject(new Error('clipboard owned by another app'));
    const policy = new ClipboardPolicy(failing, { onError: (e) => errors.push(e) });
    await policy.copy('123456', { label: 'a' });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(errors).toHaveLength(1);
  });

  it('refuses a negative or non-numeric delay', () => {
    expect(() => new ClipboardPolicy(clipboard, { clearAfterSeconds: -1 })).toThrow(RangeError);
    expect(() => new ClipboardPolicy(clipboard).setClearDelay(Number.NaN)).toThrow(RangeError);
  });
});
