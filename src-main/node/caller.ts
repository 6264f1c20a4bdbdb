/**
 * Who is on the other end of a bridge connection.
 *
 * Node exposes no SO_PEERCRED, so on Linux the CLI states its pid and the
 * server checks the claim:
 *  - /proc/<pid> exists and belongs to the app's own uid;
 *  - the process is the one reading this very connection: the server sends
 *    a nonce on it, the CLI listens on an abstract socket named after it,
 *    and that socket (found in /proc/net/unix) must be among the process's
 *    open files in /proc/<pid>/fd. A client that does not offer this proof
 *    is checked the older way: `ss -x` (sock_diag, a subprocess) names the
 *    peer socket of our end, and the process must hold that one.
 * The approval is then about the program that ran the CLI (its parent
 * process, by executable path) and that program's own parent (the terminal,
 * cron, ssh…), both read from /proc.
 *
 * Not verified: a program's command line (a shell script shares the shell's
 * executable path), and anything on macOS or Windows, where callers are
 * reported as unverified and can only be allowed once.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile, readlink, stat } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { AppError } from '../core/errors';
import type { CallerIdentity, ProcessInfo } from '../core/ports';

/** An abstract socket the caller says it listens on, named by a nonce only the reader of this connection knows. */
export interface PidProof {
  name: string;
  /** Settles when the caller says it listens. */
  ready: Promise<void>;
}

export interface CallerIdentifier {
  identify(claimedPid: number, socket: Socket, proof?: PidProof): Promise<CallerIdentity>;
}

export function createCallerIdentifier(
  platform: NodeJS.Platform = process.platform,
): CallerIdentifier {
  return platform === 'linux' ? new ProcCallerIdentifier() : new UnverifiedCallerIdentifier();
}

function unverified(message: string): AppError {
  return new AppError({ code: 'CALLER_UNVERIFIED', message });
}

export class ProcCallerIdentifier implements CallerIdentifier {
  constructor(private readonly ssPath = 'ss') {}

  async identify(claimedPid: number, socket: Socket, proof?: PidProof): Promise<CallerIdentity> {
    // The claimed process must hold the socket it was asked to listen on
    // (proof) or else the other end of this connection (found through `ss`,
    // a subprocess). Meanwhile the process is described from /proc; the
    // description counts only if that same process (same start time, so not
    // a new one given a freed pid) is then shown to hold that socket.
    const owner = stat(`/proc/${claimedPid}`).catch(() => undefined);
    const held = (
      proof ? proof.ready.then(() => listeningInode(proof.name)) : this.peerInode(socket)
    ).then((inode) => `socket:[${inode}]`);
    held.catch(() => {});
    const described = describe(claimedPid).catch(() => undefined);
    const info = await owner;
    if (!info) throw unverified(`The calling process (pid ${claimedPid}) does not exist.`);
    if (info.uid !== process.getuid?.()) {
      throw unverified(`The calling process (pid ${claimedPid}) belongs to another user.`);
    }
    const target = await held;
    const description = await described;
    if (
      !description ||
      !(await holdsFile(claimedPid, target)) ||
      (await startTime(claimedPid)) !== description.started
    ) {
      throw unverified(
        `The calling process (pid ${claimedPid}) is not the one connected to the app.`,
      );
    }
    return description.identity;
  }

  /** The inode of the socket at the other end of `socket`, from the kernel's socket table. */
  private async peerInode(socket: Socket): Promise<string> {
    const fd = (socket as unknown as { _handle?: { fd?: unknown } })._handle?.fd;
    if (typeof fd !== 'number' || fd < 0)
      throw unverified('The app could not inspect this connection.');
    const link = await readlink(`/proc/self/fd/${fd}`);
    const ourInode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
    if (!ourInode) throw unverified('The app could not inspect this connection.');
    // Without -p, ss reads only the kernel's socket table (sock_diag), not every process's files.
    const table = await run(this.ssPath, ['-xnH']).catch(() => {
      throw unverified(
        'The app could not check who is calling: the `ss` tool (iproute2) is missing.',
      );
    });
    const peer = peerInodeFromSs(table, ourInode);
    if (!peer) throw unverified('The app could not find the other end of this connection.');
    return peer;
  }
}

/**
 * Reads `ss -xnH` output, whose lines end "<local inode> <peer address>
 * <peer inode>": the line of our end names the caller's socket.
 */
export function peerInodeFromSs(table: string, ourInode: string): string | undefined {
  for (const line of table.split('\n')) {
    const match = /\s(\d+)\s+\S+\s+(\d+)\s*$/.exec(line);
    if (match && match[1] === ourInode && match[2] !== '0') return match[2];
  }
  return undefined;
}

/**
 * The inode of the socket listening on abstract name `name`, from
 * /proc/net/unix, whose lines end "<inode> @<name>" (Path last, '@' for the
 * leading NUL).
 */
async function listeningInode(name: string): Promise<string> {
  const table = await readFile('/proc/net/unix', 'utf8');
  const suffix = ` @${name}`;
  for (const line of table.split('\n')) {
    if (!line.endsWith(suffix)) continue;
    const inode = /\s(\d+) @\S+$/.exec(line)?.[1];
    if (inode) return inode;
  }
  throw unverified('The calling process did not show that it is the one connected.');
}

/** Whether one of the process's open files links to `target`. */
async function holdsFile(pid: number, target: string): Promise<boolean> {
  const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
  const links = await Promise.all(
    fds.map((fd) => readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')),
  );
  return links.includes(target);
}

export class UnverifiedCallerIdentifier implements CallerIdentifier {
  async identify(claimedPid: number): Promise<CallerIdentity> {
    const unknown = { pid: claimedPid, exe: 'unknown' };
    return { cli: unknown, program: unknown };
  }
}

/** Who the CLI process is, who ran it and from where, with its start time. */
async function describe(
  cliPid: number,
): Promise<{ identity: CallerIdentity; started: string | undefined }> {
  const fields = await statFields(cliPid);
  const programPid = pidField(fields[1], cliPid);
  const [cli, program, grandParentPid, cwd, tty] = await Promise.all([
    processInfo(cliPid),
    processInfo(programPid),
    statFields(programPid).then(
      (programFields) => pidField(programFields[1], programPid),
      () => 0,
    ),
    readlink(`/proc/${cliPid}/cwd`).catch(() => undefined),
    terminalOf(cliPid, fields[4]),
  ]);
  const parent = grandParentPid > 0 ? await processInfo(grandParentPid) : undefined;
  const key = `${program.exe}\n${parent?.exe ?? ''}`;
  const identity: CallerIdentity = { cli, program, parent, key };
  if (cwd) identity.cwd = cwd;
  const sessionId = Number(fields[3] ?? 0) || 0;
  if (tty) identity.tty = tty;
  if (sessionId > 0) identity.sessionId = sessionId;
  if (tty || sessionId > 0) identity.sessionKey = `${key}\n${tty ?? ''}\n${sessionId}`;
  return { identity, started: fields[19] };
}

/** Field 22 of /proc/<pid>/stat: when the process started, in clock ticks since boot. */
async function startTime(pid: number): Promise<string | undefined> {
  return (await statFields(pid).catch(() => [] as string[]))[19];
}

async function processInfo(pid: number): Promise<ProcessInfo> {
  const exe = await readlink(`/proc/${pid}/exe`).catch(() => 'unknown');
  return { pid, exe: exe.replace(/ \(deleted\)$/, '') };
}

/** Fields 3 on of /proc/<pid>/stat (state, ppid, pgrp, session, tty_nr, …). */
async function statFields(pid: number): Promise<string[]> {
  const statLine = await readFile(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) is in parentheses and may itself contain
  // spaces or parentheses, so the fields are counted from the last ')'.
  return statLine.slice(statLine.lastIndexOf(')') + 2).split(' ');
}

/**
 * The controlling terminal by name: tty_nr (field 7 of stat) says whether
 * there is one; its name is what one of the standard streams links to.
 */
async function terminalOf(pid: number, ttyNr: string | undefined): Promise<string | undefined> {
  if (!Number(ttyNr ?? 0)) return undefined;
  for (const fd of [0, 1, 2]) {
    const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
    if (/^\/dev\/(pts\/\d+|tty\w*)$/.test(target)) return target;
  }
  return `terminal ${ttyNr}`;
}

function pidField(value: string | undefined, of: number): number {
  const ppid = Number(value);
  if (!Number.isInteger(ppid)) throw unverified(`The app could not read the parent of pid ${of}.`);
  return ppid;
}

function run(file: string, args: string[]): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(file, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout) =>
      error ? reject(error) : resolvePromise(stdout),
    );
  });
}
