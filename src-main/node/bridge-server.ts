/**
 * The app's end of the local channel: a Unix socket (mode 0600 in a 0700
 * folder) or a Windows named pipe, speaking newline-delimited JSON.
 *
 * Each request is checked in this order, cheapest first: well-formed, bearer
 * token, caller verified, caller approved; only then does the backend run.
 * Every failure becomes an error reply on the same connection; no input can
 * stop the server. Replies carry error messages written here or by the
 * backend's AppErrors, never the request's own values.
 */
import { chmod, lstat, mkdir, unlink } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { isAppError } from '../core/errors';
import type { BridgeBackend } from '../core/cli-bridge/backend';
import { bearerTokenMatches } from '../core/cli-bridge/bearer-token';
import type { CallerApprovals } from '../core/cli-bridge/approvals';
import type { CallerIdentifier } from './caller';
import type { BridgeEndpoint } from './endpoint';
import { bridgeErrorCodes, MAX_REQUEST_BYTES } from '../core/cli-bridge/protocol';
import type {
  BridgeCall,
  BridgeError,
  BridgeErrorCode,
  BridgeReply,
  BridgeRequest,
} from '../core/cli-bridge/protocol';
import { parseBridgeRequest } from '../core/cli-bridge/request-schema';

export interface BridgeServerOptions {
  endpoint: BridgeEndpoint;
  /** The install's bearer token (see bearer-token.ts). */
  bearerToken: string;
  backend: BridgeBackend;
  identifier: CallerIdentifier;
  approvals: CallerApprovals;
  /** Unexpected failures go here, as text with anything token-like masked. */
  logError?: (message: string, error: string) => void;
  /** A connection that sends nothing for this long is closed. */
  idleTimeoutMs?: number;
}

export interface BridgeServer {
  readonly path: string;
  close(): Promise<void>;
}

const MAX_IN_FLIGHT_PER_CONNECTION = 8;
const TOO_LONG: BridgeReply = {
  ok: false,
  error: { code: 'BAD_REQUEST', message: 'The request is too long.' },
};
const BUSY: BridgeReply = {
  ok: false,
  error: { code: 'BAD_REQUEST', message: 'Too many requests at once on one connection.' },
};
const INTERNAL_MESSAGE =
  'Something went wrong inside the app. Try again; if it keeps happening, restart the app.';

export async function startBridgeServer(options: BridgeServerOptions): Promise<BridgeServer> {
  const { endpoint } = options;
  if (endpoint.dir) await preparePrivateDir(endpoint.dir);
  if (endpoint.dir) await removeStaleSocket(endpoint.path);
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveConnection(socket, options);
  });
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
  return { path: endpoint.path, close: () => closeServer(server, sockets) };
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

function serveConnection(socket: Socket, options: BridgeServerOptions): void {
  let buffered = '';
  let inFlight = 0;
  let refused = false;
  socket.setEncoding('utf8');
  socket.setTimeout(options.idleTimeoutMs ?? 10_000, () => {
    if (inFlight === 0) socket.destroy();
  });
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: string) => {
    if (refused) return;
    buffered += chunk;
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (line.trim() === '') continue;
      const parsed = parseLine(line);
      if (!parsed.ok) {
        send(socket, parsed.reply);
        continue;
      }
      // Each request may run `ss` and the keychain; one connection gets a few at a time.
      if (inFlight >= MAX_IN_FLIGHT_PER_CONNECTION) {
        send(socket, BUSY);
        continue;
      }
      inFlight++;
      void handleRequest(parsed.request, socket, options).finally(() => inFlight--);
    }
    if (Buffer.byteLength(buffered) > MAX_REQUEST_BYTES) {
      buffered = '';
      refused = true;
      send(socket, TOO_LONG);
      socket.end();
    }
  });
}

function parseLine(
  line: string,
): { ok: true; request: BridgeRequest } | { ok: false; reply: BridgeReply } {
  if (Buffer.byteLength(line) > MAX_REQUEST_BYTES) return { ok: false, reply: TOO_LONG };
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return {
      ok: false,
      reply: {
        ok: false,
        error: { code: 'BAD_REQUEST', message: 'The request is not valid JSON.' },
      },
    };
  }
  const parsed = parseBridgeRequest(json);
  if (!parsed.ok) {
    return {
      ok: false,
      reply: { ok: false, error: { code: 'BAD_REQUEST', message: parsed.message } },
    };
  }
  return { ok: true, request: parsed.request };
}

async function handleRequest(
  request: BridgeRequest,
  socket: Socket,
  options: BridgeServerOptions,
): Promise<void> {
  const reply = (r: BridgeReply) =>
    send(socket, request.id === undefined ? r : { ...r, id: request.id });
  try {
    const value = await authorizeAndRun(request, socket, options, () =>
      reply({ status: 'awaiting-approval' }),
    );
    reply({ ok: true, value });
  } catch (error) {
    reply({ ok: false, error: toBridgeError(error, options) });
  }
}

async function authorizeAndRun(
  request: BridgeRequest,
  socket: Socket,
  options: BridgeServerOptions,
  onAsking: () => void,
): Promise<unknown> {
  if (!bearerTokenMatches(options.bearerToken, request.auth)) {
    throw bridgeError(
      'UNAUTHORIZED',
      "The app did not accept the CLI's access key. Restart the app and try again.",
    );
  }
  const caller = await options.identifier.identify(request.pid, socket);
  // Listing profiles reveals no secret, so it needs the access key but no approval.
  if (request.call.method !== 'profiles') {
    const allowed = await options.approvals.authorize(caller, describe(request.call), onAsking);
    if (!allowed) throw bridgeError('DENIED', 'The request was denied in the app.');
  }
  return run(request.call, options.backend);
}

async function run(call: BridgeCall, backend: BridgeBackend): Promise<unknown> {
  switch (call.method) {
    case 'token':
      return backend.getToken(call.profile, call.type);
    case 'code':
      return backend.getCode(call.account);
    case 'mfa-code':
      return backend.getMfaCode(call.account);
    case 'profiles':
      return { profiles: await backend.listProfiles() };
  }
}

/** Words for the approval question; names only, nothing secret. */
function describe(call: BridgeCall): string {
  switch (call.method) {
    case 'token':
      return `${call.type === 'id' ? 'an ID' : 'an access'} token for ${call.profile ? `profile "${call.profile}"` : 'the default profile'}`;
    case 'code':
      return `the current code for "${call.account}"`;
    case 'mfa-code':
      return call.account ? `an MFA code for "${call.account}"` : 'an MFA code';
    case 'profiles':
      return 'the list of profiles';
  }
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

function send(socket: Socket, reply: BridgeReply): void {
  if (!socket.destroyed && socket.writable) socket.write(JSON.stringify(reply) + '\n');
}
