/**
 * The browser host's Copy reaches the real clipboard: an X server (Xvfb) and
 * xclip, the value read back by xclip itself, as a paste would. Without a
 * display it says so rather than pretend.
 */
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSystemClipboard } from '../../browser-host/system-clipboard';

const DISPLAY = `:${90 + (process.pid % 9)}`;
let xvfb: ChildProcess;

beforeAll(async () => {
  xvfb = spawn('Xvfb', [DISPLAY, '-nolisten', 'tcp'], { stdio: 'ignore' });
  // Ready once a client can talk to it.
  for (let i = 0; i < 50; i++) {
    const up = await new Promise<boolean>((resolve) =>
      execFile(
        'xclip',
        ['-selection', 'clipboard', '-out'],
        { env: { ...process.env, DISPLAY } },
        (error, _o, stderr) => resolve(!error || !String(stderr).includes("Can't open display")),
      ),
    );
    if (up) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('Xvfb did not start.');
});

afterAll(() => {
  xvfb?.kill();
});

const paste = () =>
  new Promise<string>((resolve, reject) =>
    execFile(
      'xclip',
      ['-selection', 'clipboard', '-out'],
      { env: { ...process.env, DISPLAY } },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    ),
  );

describe('findSystemClipboard', () => {
  it('writes to, reads from and clears the X11 clipboard through xclip', async () => {
    const found = findSystemClipboard({ PATH: process.env.PATH, DISPLAY }, 'linux');
    if (!found.ok) throw new Error(found.reason);
    expect(found.description).toBe('the system clipboard (through xclip)');
    await found.clipboard.writeText('492039');
    expect(await paste()).toBe('492039');
    expect(await found.clipboard.readText()).toBe('492039');
    await found.clipboard.clear();
    expect(await paste()).toBe('');
  });

  it('says plainly when there is no clipboard to reach', () => {
    expect(findSystemClipboard({ PATH: process.env.PATH }, 'linux')).toEqual({
      ok: false,
      reason:
        'No system clipboard: this session has no display (no DISPLAY or WAYLAND_DISPLAY), so Copy keeps values inside the browser host.',
    });
    expect(findSystemClipboard({ PATH: '/nonexistent', DISPLAY }, 'linux')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('none of wl-copy, xclip or xsel is installed'),
    });
  });
});
