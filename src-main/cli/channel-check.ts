/**
 * Before the CLI sends anything (the access key above all), it makes sure
 * the socket it is about to use is the app's: the folder holding it belongs
 * to this user and nobody else may enter it (0700, not a symlink), and the
 * socket itself is a socket of this user's that no one else may open. In a
 * folder only this user can change, nobody else can put a socket there
 * between this check and the connect.
 *
 * Synchronous on purpose: node:fs is loaded with Node itself, node:fs/promises
 * is not, and these are a few stat calls on a tmpfs.
 */
import { lstatSync } from 'node:fs';
import type { Stats } from 'node:fs';
import type { BridgeEndpoint } from '../node/endpoint';
import { AppNotRunning } from './client';

/** The socket is not provably the app's; nothing was sent. */
export class ChannelUntrusted extends Error {}

export function checkChannel(
  endpoint: BridgeEndpoint,
  uid: number | undefined = process.getuid?.(),
): void {
  // A named pipe has no folder; Windows' default pipe security applies.
  if (!endpoint.dir || uid === undefined) return;
  const dir = statOrMissing(endpoint.dir);
  if (!dir) throw new AppNotRunning();
  if (!dir.isDirectory()) {
    throw untrusted(`${endpoint.dir} is not a folder (it may be a link to somewhere else)`);
  }
  if (dir.uid !== uid) throw untrusted(`${endpoint.dir} belongs to another user (uid ${dir.uid})`);
  if ((dir.mode & 0o777) !== 0o700) {
    throw untrusted(
      `${endpoint.dir} can be entered by other users (mode ${octal(dir.mode)}, expected 700)`,
    );
  }
  const socket = statOrMissing(endpoint.path);
  if (!socket) throw new AppNotRunning();
  if (!socket.isSocket()) throw untrusted(`${endpoint.path} is not a socket`);
  if (socket.uid !== uid) {
    throw untrusted(`${endpoint.path} belongs to another user (uid ${socket.uid})`);
  }
  if ((socket.mode & 0o077) !== 0) {
    throw untrusted(
      `${endpoint.path} can be opened by other users (mode ${octal(socket.mode)}, expected 600)`,
    );
  }
}

function statOrMissing(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function untrusted(what: string): ChannelUntrusted {
  return new ChannelUntrusted(
    `refusing to talk to the app: ${what}. Another program may be posing as the app; nothing was sent. Quit the app, remove that path, and start the app again.`,
  );
}

function octal(mode: number): string {
  return (mode & 0o777).toString(8);
}
