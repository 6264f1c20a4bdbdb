/**
 * The browser host's clipboard: the machine's own, through the tool the
 * platform has (wl-copy on Wayland, xclip or xsel on X11, pbcopy on macOS,
 * clip and PowerShell on Windows), so "Copy" in the page lands where a paste
 * will find it. Where there is none (no display, or no such tool), it says
 * so in one sentence and the host keeps copies to itself.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Clipboard } from '../src-main/core/ports';

interface Tool {
  copy: [string, ...string[]];
  paste: [string, ...string[]];
  name: string;
}

function onPath(command: string, env: NodeJS.ProcessEnv): boolean {
  return (env.PATH ?? '')
    .split(delimiter)
    .some((dir) => dir !== '' && existsSync(join(dir, command)));
}

function pickTool(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Tool | undefined {
  if (platform === 'darwin') return { copy: ['pbcopy'], paste: ['pbpaste'], name: 'pbcopy' };
  if (platform === 'win32') {
    return {
      copy: ['clip'],
      paste: ['powershell', '-NoProfile', '-Command', 'Get-Clipboard -Raw'],
      name: 'clip',
    };
  }
  if (env.WAYLAND_DISPLAY && onPath('wl-copy', env) && onPath('wl-paste', env)) {
    return { copy: ['wl-copy'], paste: ['wl-paste', '--no-newline'], name: 'wl-copy' };
  }
  if (env.DISPLAY && onPath('xclip', env)) {
    return {
      copy: ['xclip', '-selection', 'clipboard', '-in'],
      paste: ['xclip', '-selection', 'clipboard', '-out'],
      name: 'xclip',
    };
  }
  if (env.DISPLAY && onPath('xsel', env)) {
    return {
      copy: ['xsel', '--clipboard', '--input'],
      paste: ['xsel', '--clipboard', '--output'],
      name: 'xsel',
    };
  }
  return undefined;
}

export type SystemClipboardResult =
  { ok: true; clipboard: Clipboard; description: string } | { ok: false; reason: string };

export function findSystemClipboard(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
): SystemClipboardResult {
  const tool = pickTool(env, platform);
  if (!tool) {
    return {
      ok: false,
      reason:
        env.DISPLAY || env.WAYLAND_DISPLAY
          ? 'No system clipboard: none of wl-copy, xclip or xsel is installed, so Copy keeps values inside the browser host.'
          : 'No system clipboard: this session has no display (no DISPLAY or WAYLAND_DISPLAY), so Copy keeps values inside the browser host.',
    };
  }
  const copy = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const [file, ...args] = tool.copy;
      // xclip and wl-copy stay behind to serve the selection: never wait for their output.
      const child = spawn(file, args, { env, stdio: ['pipe', 'ignore', 'ignore'] });
      child.once('error', reject);
      child.once('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`${tool.name} exited with ${code}`)),
      );
      child.stdin.end(text);
    });
  return {
    ok: true,
    description: `the system clipboard (through ${tool.name})`,
    clipboard: {
      writeText: (text) => copy(text),
      readText: () =>
        new Promise((resolve) => {
          const [file, ...args] = tool.paste;
          execFile(file, args, { env, timeout: 5_000 }, (error, stdout) =>
            resolve(error ? '' : stdout.replace(/\r?\n$/, '')),
          );
        }),
      clear: () => copy(''),
    },
  };
}
