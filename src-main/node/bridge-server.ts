/**
 * The app's end of the local channel: a Unix socket (mode 0600 in a 0700
 * folder) or a Windows named pipe, speaking newline-delimited JSON.
 *
 * Each request is checked in this order, cheapest first: bearer token (a
 * line without the right one gets one fixed refusal and the connection
 * closes), well-formed, caller verified, caller approved; only then does the
 * backend run. connection.ts bounds what one connection may cost. Replies
 * carry error messages written here or by the backend's AppErrors, never the
 * request's own values.
 */
import { chmod, lstat, mkdir, unlink } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { AppError, isAppError } from '../core/errors';
import type { BridgeAuditRecord } from '../core/cli-bridge/audit-log';
import type { BridgeBackend } from '../core/cli-bridge/backend';
import { bearerTokenMatches } from '../core/cli-bridge/bearer-token';
import type { CallerApprovals } from '../core/cli-bridge/approvals';
import { describeCall, needsApproval, runCall } from '../core/cli-bridge/calls';
import type { CallerIdentifier, PidProof } from './caller';
import { serveConnection } from './bridge-connection';
import type { ConnectionLimits, LineOutcome, Refusal } from './bridge-connection';
import type { BridgeEndpoint } from './endpoint';
import { bridgeErrorCodes, MAX_REQUEST_BYTES, proofSocketName } from '../core/cli-bridge/protocol';
import type {
  BridgeError,
  BridgeErrorCode,
  BridgeReply,
  BridgeRequest,
} from '../core/cli-bridge/protocol';
import { parseBridgeRequest, provedNonce, requestClaims } from '../core/cli-bridge/request-schema';
import type { CallerIdentity } from '../core/ports';

export interface BridgeServerOptions {
  endpoint: BridgeEndpoint;
  /** The install's bearer token (see bearer-token.ts). */
  bearerToken: string;
  backend: BridgeBackend;
  identifier: CallerIdentifier;
  approvals: CallerApprovals;
  /** Unexpected failures go here, as text with anything token-like masked. */
  logError?: (message: string, error: string) => void;
  /** While true, requests for secrets are refused before any approval is asked. */
  isLocked?: () => boolean;
  /** Per-connection limits; tests shorten the deadline. */
  limits?: Partial<ConnectionLimits>;
  /** Told of every request, refused or not: who asked, what for, and how it was decided. */
  audit?: (record: BridgeAuditRecord) => void | Promise<void>;
}

export interface BridgeServer {
  readonly path: string;
  close(): Promise<void>;
}

export const defaultConnectionLimits: ConnectionLimits = {
  requestDeadlineMs: 10_000,
  errorBudget: 4,
  // Each request may run `ss` and the keychain; one connection gets a few at a time.
  maxInFlight: 8,
  maxLineBytes: MAX_REQUEST_BYTES,
};
/** Connections beyond this are closed as they arrive; a real CLI holds one for a moment. */
export const MAX_CONNECTIONS = 32;
/**
 * The only answer a peer gets before it has shown the access key, whatever
 * it sent: nothing about the request, the app or its state.
 */
const UNAUTHORIZED_ERROR: BridgeError = {
  code: 'UNAUTHORIZED',
  message: "The app did not accept the CLI's access key. Restart the app and try again.",
};
const UNAUTHORIZED: BridgeReply = { ok: false, error: UNAUTHORIZED_ERROR };
/** How long the CLI has to listen where it was asked to. */
const PROOF_TIMEOUT_MS = 5_000;
/** How long a refusal waits to learn who was refused, for the audit log. */
const REFUSAL_IDENTIFY_MS = 2_000;
const INTERNAL_MESSAGE =
  'Something went wrong inside the app. Try again; if it keeps happening, restart the app.';

export async function startBridgeServer(given: BridgeServerOptions): Promise<BridgeServer> {
  const { endpoint, audit } = given;
  // Closing waits for the records still being written, so a closed app has its whole log on disk.
  const writing = new Set<Promise<void>>();
  const options: BridgeServerOptions = {
    ...given,
    audit:
      audit &&
      ((record) => {
        const written = Promise.resolve(audit(record)).catch(() => {});
        writing.add(written);
        void written.then(() => writing.delete(written));
      }),
  };
  if (endpoint.dir) await preparePrivateDir(endpoint.dir);
  if (endpoint.dir) await removeStaleSocket(endpoint.path);
  const sockets = new Set<Socket>();
  const limits = { ...defaultConnectionLimits, ...options.limits };
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const proofs: Proofs = new Map();
    serveConnection(socket, limits, {
      serve: (line, send) => serveLine(line, send, socket, proofs, options),
      tooLong: (send) => ({ sent: refuse(undefined, send, socket, options) }),
    });
  });
  server.maxConnections = MAX_CONNECTIONS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(endpoint.path, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // The folder is already 0700, so the moment between listen and chmod
  // exposes nothing; the chmod keeps the socket private even if moved.
  if (endpoint.dir) await chmod(endpoint.path, 0o600);
  server.on('error', (error) => options.logError?.('CLI bridge server error', forLog(error)));
  return {
    path: endpoint.path,
    close: async () => {
      await closeServer(server, sockets);
      await Promise.all(writing);
    },
  };
}

async function preparePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const info = await lstat(dir);
  if (!info.isDirectory() || info.uid !== process.getuid?.()) {
    throw new Error(
      `${dir} is not a folder owned by this user; refusing to put the CLI socket there.`,
    );
  }
  if ((info.mode & 0o777) !== 0o700) await chmod(dir, 0o700);
}

/** A socket file left by a crashed app is removed; one with a live app behind it is not. */
async function removeStaleSocket(path: string): Promise<void> {
  const live = await new Promise<boolean>((resolve) => {
    const probe = connect(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
  if (live) throw new Error('Another copy of the app is already serving the CLI.');
  await unlink(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

function closeServer(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Reads a line's claimed access key without trusting anything else in it. */
function presentedAuth(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const auth = (json as { auth?: unknown }).auth;
  return typeof auth === 'string' ? auth : undefined;
}

/** Checks a line synchronously; only an authorized, well-formed request goes on to run. */
function serveLine(
  line: string,
  send: (reply: BridgeReply) => void,
  socket: Socket,
  proofs: Proofs,
  options: BridgeServerOptions,
): LineOutcome | Refusal | Promise<LineOutcome> {
  let json: unknown;
  try {
    json = Buffer.byteLength(line) > MAX_REQUEST_BYTES ? undefined : JSON.parse(line);
  } catch {
    json = undefined;
  }
  const auth = presentedAuth(json);
  if (auth === undefined || !bearerTokenMatches(options.bearerToken, auth)) {
    return { sent: refuse(json, send, socket, options) };
  }
  const nonce = provedNonce(json);
  if (nonce !== undefined) {
    const proved = proofs.get(nonce);
    if (proved) {
      proved();
      return 'served';
    }
  }
  const parsed = parseBridgeRequest(json);
  if (!parsed.ok) {
    send({ ok: false, error: { code: 'BAD_REQUEST', message: parsed.message } });
    return 'failed';
  }
  return runRequest(parsed.request, send, socket, proofs, options);
}

/**
 * Sends the one fixed refusal and records it. Who asked is looked up first,
 * while the caller still holds its end of the connection; the pid it claims
 * counts only if that process holds the connection, as for any request.
 */
async function refuse(
  json: unknown,
  send: (reply: BridgeReply) => void,
  socket: Socket,
  options: BridgeServerOptions,
): Promise<void> {
  const { call, pid } = requestClaims(json);
  const record: BridgeAuditRecord = { error: UNAUTHORIZED_ERROR };
  if (call) record.call = call;
  if (pid !== undefined && options.audit) {
    const caller = await identifyWithin(options.identifier, pid, socket, REFUSAL_IDENTIFY_MS);
    if (caller) record.caller = caller;
  }
  send(UNAUTHORIZED);
  options.audit?.(record);
}

async function identifyWithin(
  identifier: CallerIdentifier,
  pid: number,
  socket: Socket,
  ms: number,
): Promise<CallerIdentity | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([identifier.identify(pid, socket).catch(() => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}

async function runRequest(
  request: BridgeRequest,
  send: (reply: BridgeReply) => void,
  socket: Socket,
  proofs: Proofs,
  options: BridgeServerOptions,
): Promise<LineOutcome> {
  const reply = (r: BridgeReply) => send(request.id === undefined ? r : { ...r, id: request.id });
  const seen: Omit<BridgeAuditRecord, 'call'> = {};
  try {
    const proof = request.proof === 'socket' ? askForProof(proofs, reply) : undefined;
    const value = await authorizeAndRun(request, socket, proof, options, seen, () =>
      reply({ status: 'awaiting-approval' }),
    );
    reply({ ok: true, value });
    options.audit?.({ call: request.call, ...seen });
  } catch (error) {
    const failure = toBridgeError(error, options);
    reply({ ok: false, error: failure });
    options.audit?.({ call: request.call, ...seen, error: failure });
  }
  return 'served';
}

async function authorizeAndRun(
  request: BridgeRequest,
  socket: Socket,
  proof: PidProof | undefined,
  options: BridgeServerOptions,
  seen: Omit<BridgeAuditRecord, 'call'>,
  onAsking: () => void,
): Promise<unknown> {
  const caller = await options.identifier.identify(request.pid, socket, proof);
  seen.caller = caller;
  if (needsApproval(request.call)) {
    // A locked app asks nobody anything: the approval would show on a locked screen.
    if (options.isLocked?.()) {
      throw bridgeError('LOCKED', 'The app is locked. Unlock it, then try again.');
    }
    const outcome = await options.approvals.authorize(caller, describeCall(request.call), onAsking);
    seen.outcome = outcome;
    if (outcome.rule === 'timed-out') {
      throw bridgeError(
        'TIMED_OUT',
        'Nobody answered in the Cognito Authenticator window in time, so the request was refused. Run the command again and answer in the app.',
      );
    }
    if (!outcome.allowed) throw bridgeError('DENIED', 'The request was denied in the app.');
  }
  return runCall(request.call, options.backend);
}

/** Nonces sent on one connection, each with what to call when the CLI says it listens. */
type Proofs = Map<string, () => void>;

/** Asks the CLI to show that it is the process reading this connection (see caller.ts). */
function askForProof(proofs: Proofs, reply: (r: BridgeReply) => void): PidProof {
  const nonce = randomBytes(16).toString('hex');
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      proofs.delete(nonce);
      reject(
        new AppError({
          code: 'CALLER_UNVERIFIED',
          message: 'The calling process did not show in time that it is the one connected.',
        }),
      );
    }, PROOF_TIMEOUT_MS);
    proofs.set(nonce, () => {
      clearTimeout(timer);
      proofs.delete(nonce);
      resolve();
    });
  });
  ready.catch(() => {});
  reply({ status: 'prove', nonce });
  return { name: proofSocketName(nonce), ready };
}

class BridgeFailure extends Error {
  constructor(readonly info: BridgeError) {
    super(info.message);
  }
}

function bridgeError(code: BridgeErrorCode, message: string): BridgeFailure {
  return new BridgeFailure({ code, message });
}

function toBridgeError(error: unknown, options: BridgeServerOptions): BridgeError {
  if (error instanceof BridgeFailure) return error.info;
  if (isAppError(error)) {
    const code = (bridgeErrorCodes as readonly string[]).includes(error.code)
      ? (error.code as BridgeErrorCode)
      : 'INTERNAL';
    return { code, message: error.message };
  }
  options.logError?.('CLI bridge request failed', forLog(error));
  return { code: 'INTERNAL', message: INTERNAL_MESSAGE };
}

/**
 * An unexpected error may carry a token in its message (a library quoting
 * what it was given), so logs get its text with JWTs and long key-like runs
 * masked.
 */
export function forLog(error: unknown): string {
  const text =
    error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  return text
    .replace(/eyJ[\w-]*\.[\w-]*\.[\w-]*/g, '[token]')
    .replace(/[A-Za-z0-9+/_-]{32,}={0,2}/g, '[redacted]');
}
