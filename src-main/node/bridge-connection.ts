/**
 * One bridge connection's reading and writing, with the limits that keep a
 * hostile peer from costing the app memory or sockets:
 *
 * - a whole-request deadline: a request line must be complete within it,
 *   however slowly the bytes trickle in, and a connection that asks nothing
 *   is closed when it runs out;
 * - backpressure: while a reply waits to be written, or the connection has
 *   its fill of requests in flight, nothing more is read;
 * - an error budget: a few bad requests are answered, then the connection
 *   is closed;
 * - a line-length limit, checked before a line is complete.
 *
 * What a line means (and whether its sender may be answered at all) is the
 * caller's business: `serve` says how each line went.
 */
import type { Socket } from 'node:net';
import type { BridgeReply } from '../core/cli-bridge/protocol';

export interface ConnectionLimits {
  /** A request line must arrive whole within this long (counted from when the wait began). */
  requestDeadlineMs: number;
  /** Bad requests answered on one connection before it is closed. */
  errorBudget: number;
  /** Requests of one connection handled at the same time; reading pauses beyond it. */
  maxInFlight: number;
  /** Longest line read. */
  maxLineBytes: number;
}

/**
 * - `served`: answered (with a value or an ordinary refusal such as "denied").
 * - `failed`: a malformed request, answered with an error; spends the budget.
 */
export type LineOutcome = 'served' | 'failed';

/**
 * The sender proved nothing (no valid access key): reading stops at once, and
 * the connection closes once the one fixed refusal, settled by `sent`, is
 * written. The wait lets the server see who is calling (for the audit log)
 * while the caller still holds its end.
 */
export interface Refusal {
  sent: Promise<void>;
}

export interface ConnectionHandlers {
  /** Checks that need no waiting answer at once, so a flood of bad lines is cut off exactly. */
  serve(
    line: string,
    send: (reply: BridgeReply) => void,
  ): LineOutcome | Refusal | Promise<LineOutcome>;
  /** Refuses an over-long line: the sender has proved nothing either. */
  tooLong(send: (reply: BridgeReply) => void): Refusal;
}

/** How long a closing connection may take to flush its last reply before it is cut. */
const FLUSH_GRACE_MS = 1_000;

export function serveConnection(
  socket: Socket,
  limits: ConnectionLimits,
  handlers: ConnectionHandlers,
): void {
  let buffered = '';
  let inFlight = 0;
  let errors = 0;
  // Until one line has carried a valid access key, lines are taken one at a
  // time, so an unknown peer gets one fixed refusal and nothing else.
  let authenticated = false;
  let writeBlocked = false;
  let closing = false;
  let deadline: NodeJS.Timeout | undefined;

  const armDeadline = () => {
    if (deadline || closing) return;
    deadline = setTimeout(() => socket.destroy(), limits.requestDeadlineMs);
  };
  const clearDeadline = () => {
    clearTimeout(deadline);
    deadline = undefined;
  };

  const close = (lastReply: Promise<void> = Promise.resolve()) => {
    if (closing) return;
    closing = true;
    clearDeadline();
    buffered = '';
    // Still read (and drop) what arrives, so the peer's own close is seen and
    // the socket goes at once instead of holding a connection slot.
    socket.resume();
    void lastReply
      .catch(() => {})
      .then(() => {
        socket.end();
        // A peer that never reads would keep a half-closed socket forever.
        setTimeout(() => socket.destroy(), FLUSH_GRACE_MS).unref();
      });
  };

  const send = (reply: BridgeReply) => {
    if (socket.destroyed || !socket.writable) return;
    if (!socket.write(JSON.stringify(reply) + '\n')) writeBlocked = true;
  };

  const pump = () => {
    while (!closing && !writeBlocked && inFlight < (authenticated ? limits.maxInFlight : 1)) {
      const newline = buffered.indexOf('\n');
      if (newline < 0) break;
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (line.trim() === '') continue;
      clearDeadline();
      const outcome = handlers.serve(line, send);
      if (typeof outcome === 'string') {
        if (!account(outcome)) return;
        continue;
      }
      if ('sent' in outcome) {
        close(outcome.sent);
        return;
      }
      // Only a line with the right access key goes on to run.
      authenticated = true;
      inFlight++;
      void outcome.then(
        (result) => {
          inFlight--;
          if (account(result)) pump();
        },
        () => {
          inFlight--;
          if (account('failed')) pump();
        },
      );
    }
    if (closing) return;
    const partialOnly = buffered.indexOf('\n') < 0;
    if (partialOnly && Buffer.byteLength(buffered) > limits.maxLineBytes) {
      close(handlers.tooLong(send).sent);
      return;
    }
    // A partial line, or nothing asked at all, runs against the deadline;
    // a request being handled (an approval may take a minute) does not.
    if (buffered.length > 0 || inFlight === 0) armDeadline();
    if (writeBlocked || !partialOnly) socket.pause();
    else socket.resume();
  };

  /** Counts a line's outcome; false when the connection is being closed for it. */
  const account = (outcome: LineOutcome): boolean => {
    if (outcome === 'failed' && ++errors > limits.errorBudget) {
      close();
      return false;
    }
    authenticated = true;
    return !closing;
  };

  socket.setEncoding('utf8');
  socket.on('error', () => socket.destroy());
  socket.on('close', clearDeadline);
  socket.on('drain', () => {
    writeBlocked = false;
    pump();
  });
  socket.on('data', (chunk: string) => {
    if (closing) return;
    buffered += chunk;
    pump();
  });
  armDeadline();
}
