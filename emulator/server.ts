/** The HTTP front: routing, SigV4, faults, timing, then the operation. */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Context } from './context.js';
import { CognitoError } from './errors.js';
import type { Faults } from './faults.js';
import { jwks } from './jwt.js';
import { OPERATIONS } from './ops/index.js';
import { operationName, parseJsonBody, readBody, sendError, sendResult } from './protocol.js';
import type { Credentials, RestrictedCredentials } from './sigv4.js';
import { accessDenied, verifySigV4 } from './sigv4.js';
import type { TimingLog } from './timing.js';

export interface ServerDeps {
  ctx: Context;
  faults: Faults;
  credentials: Credentials;
  restrictedCredentials?: RestrictedCredentials;
  timing: TimingLog;
}

const JWKS_PATH = /^\/([\w-]+_[0-9a-zA-Z]+)\/\.well-known\/jwks\.json$/;

function serveJwks(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): boolean {
  const m =
    req.method === 'GET'
      ? JWKS_PATH.exec(new URL(req.url ?? '/', 'http://emulator').pathname)
      : null;
  if (!m) return false;
  const pool = deps.ctx.store.state.pools[m[1]!];
  res.writeHead(pool ? 200 : 404, { 'Content-Type': 'application/json' });
  res.end(
    JSON.stringify(pool ? jwks([pool.key]) : { message: `User pool ${m[1]} does not exist.` }),
  );
  return true;
}

async function handle(
  deps: ServerDeps,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<string> {
  if (serveJwks(deps, req, res)) return 'jwks';
  const body = await readBody(req);
  const name = operationName(req);
  const op = name === null ? undefined : OPERATIONS[name];
  if (req.method !== 'POST' || !op)
    throw new CognitoError(
      'UnknownOperationException',
      name ? `Unknown operation ${name}` : 'Missing or unknown X-Amz-Target',
    );
  const fault = deps.faults.take(name!);
  if (fault?.latencyMs) await new Promise((r) => setTimeout(r, fault.latencyMs));
  if (fault?.drop) {
    req.socket.destroy();
    return name!;
  }
  if (fault?.error === 'TooManyRequestsException')
    throw new CognitoError('TooManyRequestsException', 'Rate exceeded');
  if (fault?.error === 'InternalErrorException')
    throw new CognitoError('InternalErrorException', 'Internal server error', 500);
  // SigV4 is checked against real time: clients sign with their own wall
  // clock, whatever the emulator's test clock says.
  const keyPairs: (Credentials & { allowedActions?: string[] })[] = [deps.credentials];
  if (deps.restrictedCredentials) keyPairs.push(deps.restrictedCredentials);
  const signer = op.signed
    ? verifySigV4(req, body, keyPairs, deps.ctx.region, Date.now())
    : undefined;
  const payload = parseJsonBody(body);
  if (signer?.allowedActions && !signer.allowedActions.includes(name!))
    throw accessDenied(signer.accessKeyId, name!, deps.ctx.region, payload.UserPoolId);
  const request = {
    userAgent: req.headers['user-agent'] ?? null,
    ip: req.socket.remoteAddress ?? null,
  };
  const result = await op.handler({ ...deps.ctx, request }, payload);
  await deps.ctx.store.flush();
  sendResult(res, result);
  return name!;
}

/**
 * Idle keep-alive sockets stay open a minute. With Node's default of five
 * seconds, a client that pauses about that long between calls (a slow SRP
 * step, say) can send on a socket the server is closing and get ECONNRESET.
 * Clients honour the Keep-Alive hint and close their side first.
 */
const KEEP_ALIVE_MS = 60_000;

export function createEmulatorServer(deps: ServerDeps): Server {
  const server = createServer((req, res) => {
    const started = performance.now();
    handle(deps, req, res)
      .catch(async (err: unknown) => {
        // A failed call may still have changed state (a lockout counter, say).
        await deps.ctx.store.flush();
        if (!(err instanceof CognitoError)) {
          console.error('emulator: internal error', err);
          err = new CognitoError('InternalErrorException', 'Internal server error', 500);
        }
        if (!res.headersSent && !res.destroyed) sendError(res, err as CognitoError);
        return operationName(req) ?? 'unknown';
      })
      .then((op) =>
        deps.timing.record({
          at: Date.now(),
          op,
          ms: performance.now() - started,
          status: res.statusCode,
        }),
      )
      .catch((err: unknown) => console.error('emulator: could not finish a request', err));
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  return server;
}
