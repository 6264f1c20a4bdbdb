/** The CLI's end of the local channel. */
import { connect, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import type { BridgeCall, BridgeError, BridgeReply } from '../core/cli-bridge/protocol';
import { BRIDGE_PROTOCOL_VERSION, PROOF_NONCE, proofSocketName } from '../core/cli-bridge/protocol';

export class AppNotRunning extends Error {}

/** Connects, or reports that no app is listening; nothing secret has been touched yet. */
export function openChannel(path: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.destroy();
      reject(
        ['ENOENT', 'ECONNREFUSED', 'ENOTSOCK'].includes(error.code ?? '')
          ? new AppNotRunning()
          : error,
      );
    });
  });
}

export type CallOutcome = { ok: true; value: unknown } | { ok: false; error: BridgeError };

export interface CallOptions {
  auth: string;
  /** Told when the app asks the user to approve, so the CLI can say so. */
  onAwaitingApproval: () => void;
  timeoutMs: number;
  /**
   * Show the app which process this is by listening where it says, instead
   * of leaving it to find out through a subprocess (Linux: abstract sockets).
   */
  prove?: boolean;
}

/** Sends one request and waits for its final reply. */
export function call(
  socket: Socket,
  request: BridgeCall,
  options: CallOptions,
): Promise<CallOutcome> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    let proof: Server | undefined;
    const timer = setTimeout(() => {
      proof?.close();
      socket.destroy();
      reject(new Error('The app did not answer in time.'));
    }, options.timeoutMs);
    const finish = (outcome: CallOutcome) => {
      clearTimeout(timer);
      proof?.close();
      socket.end();
      resolve(outcome);
    };
    const prove = (nonce: string) => {
      proof?.close();
      proof = createServer((peer) => peer.destroy());
      proof.once('error', () => proof?.close());
      proof.listen(`\0${proofSocketName(nonce)}`, () => {
        socket.write(
          JSON.stringify({ v: BRIDGE_PROTOCOL_VERSION, auth: options.auth, proved: nonce }) + '\n',
        );
      });
    };
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        const reply = parseReply(line);
        if (!reply) {
          clearTimeout(timer);
          socket.destroy();
          reject(
            new Error(
              'The app sent a reply the CLI does not understand. Are the app and CLI the same version?',
            ),
          );
          return;
        }
        if ('status' in reply) {
          if (reply.status === 'prove') prove(reply.nonce);
          else options.onAwaitingApproval();
        } else if (reply.ok) finish({ ok: true, value: reply.value });
        else finish({ ok: false, error: reply.error });
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      proof?.close();
      reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      proof?.close();
      reject(new Error('The app closed the connection without answering.'));
    });
    socket.write(
      JSON.stringify({
        v: BRIDGE_PROTOCOL_VERSION,
        auth: options.auth,
        pid: process.pid,
        call: request,
        ...(options.prove ? { proof: 'socket' } : {}),
      }) + '\n',
    );
  });
}

function parseReply(line: string): BridgeReply | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const reply = value as Record<string, unknown>;
  if (reply.status === 'awaiting-approval') return reply as BridgeReply;
  // Only a nonce of the agreed shape: the name the CLI listens on is never the server's choice.
  if (
    reply.status === 'prove' &&
    typeof reply.nonce === 'string' &&
    PROOF_NONCE.test(reply.nonce)
  ) {
    return reply as BridgeReply;
  }
  if (reply.ok === true && 'value' in reply) return reply as BridgeReply;
  const error = reply.error as Record<string, unknown> | undefined;
  if (reply.ok === false && typeof error?.code === 'string' && typeof error.message === 'string') {
    return reply as BridgeReply;
  }
  return undefined;
}
