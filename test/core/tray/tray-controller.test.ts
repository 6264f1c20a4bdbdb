/**
 * The tray's use of the clipboard policy and its rebuild schedule, with a
 * fake clock and fake timers. The policy itself is the real one; only the
 * system clipboard is an in-memory stand-in.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { ClipboardPolicy } from '../../../src-main/core/clipboard-policy';
import type { Timers } from '../../../src-main/core/clipboard-policy';
import type { Clipboard } from '../../../src-main/core/ports';
import type { TrayMenu } from '../../../src-main/core/tray/model';
import { TrayController } from '../../../src-main/core/tray/tray-controller';
import type { TraySnapshot } from '../../../src-main/core/tray/tray-controller';

const START = Date.UTC(2026, 10, 26, 12, 0, 0);
const ACCESS_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.access.sig';

class FakeTime implements Timers {
  now = START;
  private queue: { at: number; callback: () => void; id: number }[] = [];
  private nextId = 1;
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.queue.push({ at: this.now + ms, callback, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.queue = this.queue.filter((t) => t.id !== handle);
  }
  get pending(): number {
    return this.queue.length;
  }
  async advance(ms: number): Promise<void> {
    const until = this.now + ms;
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at);
      const due = this.queue[0];
      if (!due || due.at > until) break;
      this.queue.shift();
      this.now = due.at;
      due.callback();
      await new Promise((r) => setImmediate(r));
    }
    this.now = until;
  }
}

class MemoryClipboard implements Clipboard {
  text = '';
  concealed: boolean[] = [];
  writeText(text: string, options?: { concealed?: boolean }) {
    this.text = text;
    this.concealed.push(options?.concealed === true);
  }
  readText() {
    return this.text;
  }
  clear() {
    this.text = '';
  }
}

describe('TrayController', () => {
  let time: FakeTime;
  let clipboard: MemoryClipboard;
  let menus: TrayMenu[];
  let notes: string[];
  let tokenCalls: string[];
  let snapshot: TraySnapshot;
  let windowCalls: string[];
  let tray: TrayController;

  beforeEach(() => {
    time = new FakeTime();
    clipboard = new MemoryClipboard();
    menus = [];
    notes = [];
    tokenCalls = [];
    windowCalls = [];
    snapshot = {
      locked: false,
      profiles: [
        { id: 'p1', name: 'Work', signedIn: true, expiresAt: START + 10 * 60_000 + 30_000 },
      ],
      accounts: [{ id: 'a1', issuer: 'GitHub', account: 'alice', periodEndsAt: START + 20_000 }],
      pinned: [],
    };
    const policy = new ClipboardPolicy(clipboard, { clearAfterSeconds: 30, timers: time });
    tray = new TrayController({
      snapshot: async () => snapshot,
      token: async (profileId, kind) => {
        tokenCalls.push(`${profileId}:${kind}`);
        return ACCESS_TOKEN;
      },
      awsEnv: async (profileId) => {
        tokenCalls.push(`${profileId}:aws`);
        return "export AWS_ACCESS_KEY_ID='ASIAEXAMPLE'";
      },
      copyCode: async (_id, which) =>
        policy.copy(which === 'next' ? '222222' : '111111', { label: 'code' }),
      clipboard: policy,
      window: {
        open: (profileId) => void windowCalls.push(`open:${profileId ?? ''}`),
        lock: async () => {
          windowCalls.push('lock');
          snapshot = { ...snapshot, locked: true };
        },
        quit: () => void windowCalls.push('quit'),
      },
      render: (menu) => void menus.push(menu),
      notifier: { notify: (title, body) => void notes.push(`${title}: ${body}`) },
      clock: { now: () => time.now },
      timers: time,
    });
  });

  it('copies a token concealed, says when it clears, and clears it after the delay', async () => {
    await tray.refresh();
    await tray.run({ type: 'copy-token', profileId: 'p1', token: 'access' });
    expect(tokenCalls).toEqual(['p1:access']);
    expect(clipboard.text).toBe(ACCESS_TOKEN);
    expect(clipboard.concealed).toEqual([true]);
    expect(notes).toEqual(['Access token for Work copied: The clipboard clears in 30 s.']);
    await time.advance(29_999);
    expect(clipboard.text).toBe(ACCESS_TOKEN);
    await time.advance(1);
    expect(clipboard.text).toBe('');
  });

  it('copies AWS credentials as export lines, concealed and cleared like a token', async () => {
    await tray.refresh();
    await tray.run({ type: 'copy-aws-env', profileId: 'p1' });
    expect(tokenCalls).toEqual(['p1:aws']);
    expect(clipboard.text).toBe("export AWS_ACCESS_KEY_ID='ASIAEXAMPLE'");
    expect(clipboard.concealed).toEqual([true]);
    expect(notes).toEqual(['AWS credentials for Work copied: The clipboard clears in 30 s.']);
    await time.advance(30_000);
    expect(clipboard.text).toBe('');
    snapshot = { ...snapshot, locked: true };
    await tray.run({ type: 'copy-aws-env', profileId: 'p1' });
    expect(tokenCalls).toEqual(['p1:aws']);
  });

  it('leaves the clipboard alone when the user copied something else meanwhile', async () => {
    await tray.run({ type: 'copy-code', accountId: 'a1', which: 'current' });
    clipboard.text = 'something the user copied';
    await time.advance(30_000);
    expect(clipboard.text).toBe('something the user copied');
  });

  it('clears what it copied on lock and on quit', async () => {
    await tray.refresh();
    await tray.run({ type: 'copy-code', accountId: 'a1', which: 'next' });
    expect(clipboard.text).toBe('222222');
    await tray.run({ type: 'lock' });
    expect(clipboard.text).toBe('');
    expect(windowCalls).toEqual(['lock']);
    expect(menus.at(-1)?.tooltip).toBe('Cognito Authenticator — locked');
    // A copy item of a menu opened before the lock does nothing now.
    await tray.run({ type: 'copy-token', profileId: 'p1', token: 'id' });
    expect(clipboard.text).toBe('');
    expect(tokenCalls).toEqual([]);
    expect(notes.at(-1)).toBe(
      'Could not copy: The app is locked. Unlock it from its window first.',
    );

    snapshot = { ...snapshot, locked: false };
    await tray.run({ type: 'copy-token', profileId: 'p1', token: 'id' });
    expect(clipboard.text).toBe(ACCESS_TOKEN);
    await tray.run({ type: 'quit' });
    expect(clipboard.text).toBe('');
    expect(windowCalls).toEqual(['lock', 'quit']);
  });

  it('shows a failed copy as a notification and leaves the clipboard untouched', async () => {
    clipboard.text = 'before';
    const failing = new TrayController({
      snapshot: async () => snapshot,
      token: async () => {
        throw new Error('Work is not signed in any more. Sign in again from the app.');
      },
      copyCode: async () => ({ clearsInSeconds: 0 }),
      clipboard: new ClipboardPolicy(clipboard, { timers: time }),
      window: { open: () => {}, lock: async () => {}, quit: () => {} },
      render: () => {},
      notifier: { notify: (title, body) => void notes.push(`${title}: ${body}`) },
      clock: { now: () => time.now },
      timers: time,
    });
    await failing.run({ type: 'copy-token', profileId: 'p1', token: 'id' });
    expect(notes).toEqual([
      'Could not copy: Work is not signed in any more. Sign in again from the app.',
    ]);
    expect(clipboard.text).toBe('before');
  });

  it('rebuilds the menu when a label is due to change, and on demand', async () => {
    await tray.refresh();
    expect(menus).toHaveLength(1);
    // The code enters its last 5 s at +15 s: the menu then offers the next code.
    await time.advance(15_001);
    expect(menus).toHaveLength(2);
    expect(JSON.stringify(menus[1])).toContain('next code (this one ends in 5 s)');
    snapshot = { ...snapshot, profiles: [] };
    await tray.refresh();
    expect(JSON.stringify(menus.at(-1))).toContain('Add a sign-in profile');
    tray.dispose();
    expect(time.pending).toBe(0);
  });

  it('opens the window on the profile to sign in to', async () => {
    await tray.run({ type: 'sign-in', profileId: 'p1' });
    await tray.run({ type: 'open-window' });
    expect(windowCalls).toEqual(['open:p1', 'open:']);
  });
});
