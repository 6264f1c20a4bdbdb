/** The CLI's end of the local channel. */
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import type { BridgeCall, BridgeError, BridgeReply } from '../core/cli-bridge/protocol';
import { BRIDGE_PROTOCOL_VERSION } from '../core/cli-bridge/protocol';

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
}

/** Sends one request and waits for its final reply. */
export function call(
  socket: Socket,
  request: BridgeCall,
  options: CallOptions,
): Promise<CallOutcome> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('The app did not answer in time.'));
    }, options.timeoutMs);
    const finish = (outcome: CallOutcome) => {
      clearTimeout(timer);
      socket.end();
      resolve(outcome);
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
        if ('status' in reply) options.onAwaitingApproval();
        else if (reply.ok) finish({ ok: true, value: reply.value });
        else finish({ ok: false, error: reply.error });
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      reject(new Error('The app closed the connection without answering.'));
    });
    socket.write(
      JSON.stringify({
        v: BRIDGE_PROTOCOL_VERSION,
        auth: options.auth,
        pid: process.pid,
        call: request,
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
  if (reply.ok === true && 'value' in reply) return reply as BridgeReply;
  const error = reply.error as Record<string, unknown> | undefined;
  if (reply.ok === false && typeof error?.code === 'string' && typeof error.message === 'string') {
    return reply as BridgeReply;
  }
  return undefined;
}
