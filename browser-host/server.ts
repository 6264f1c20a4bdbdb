/**
 * The browser harness: the app's real services (createAppServices with the
 * keychain-backed secret store) in Node, the BUILT renderer served on
 * 127.0.0.1, and a WebSocket that stands in for the Electron preload.
 *
 * Who may talk to the services: only a WebSocket that presents this run's
 * random secret, comes from this server's own origin and names this server's
 * host. The secret travels in the page address the harness prints, never in
 * anything it serves, so another local process that fetches the page learns
 * nothing.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { createAppServices } from '../src-main/composition';
import type { AppServices, CliBridgeDeps } from '../src-main/composition';
import { BEARER_TOKEN_ACCOUNT } from '../src-main/core/cli-bridge/bearer-token';
import type { Clipboard, Clock, SecretStore } from '../src-main/core/ports';
import { startDemoEmulator } from '../src-main/demo-emulator';
import {
  createKeytarSecretStore,
  DATA_KEY_ACCOUNT,
  DEFAULT_KEYCHAIN_SERVICE,
  KeytarKeychain,
} from '../src-main/node/secrets';
import { channelNameList, eventNameList } from '../src-main/ipc/names';
import { readEnvironment } from '../src-main/node/environment';
import type { Environment } from '../src-main/node/environment';
import { MemoryClipboard } from './memory-clipboard';
import { folderFileSaver } from './folder-file-saver';

export const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../out/renderer/', import.meta.url));
const BRIDGE_FILE = fileURLToPath(new URL('./bridge.js', import.meta.url));
const BRIDGE_PATH = '/__harness/bridge.js';
/** A browser has no save dialog main can drive: backups and exports land in this folder of the data folder. */
export const SAVED_FOLDER = 'saved';
const SOCKET_PATH = '/__harness/ws';
/** Room for the largest QR image the contract accepts (14 MB of base64) plus framing. */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface HarnessOptions {
  /** The app's data folder; a fresh temporary one (removed on close) by default. */
  dataDir?: string;
  /** Defaults to the real keychain-backed store, under `keychainService`. */
  secretStore?: SecretStore;
  /** Where the data key and the CLI's access key live; by default a service named for dataDir. */
  keychainService?: string;
  /** Where `cli` serves `cognito-auth` from; by default the process's own environment. */
  environment?: Environment;
  clock?: Clock;
  clipboard?: MemoryClipboard;
  /** The built renderer; defaults to out/renderer. */
  rendererDir?: string;
  /** 0 (any free port) by default. */
  port?: number;
  logError?: (channel: string, error: unknown) => void;
  /** Serve the `cognito-auth` CLI too, on this socket (off by default). */
  cliBridge?: CliBridgeDeps;
  /**
   * Serve the CLI where `cognito-auth` looks for this data folder, its access
   * key under the host's keychain service (what `npm run dev:browser` does).
   */
  cli?: boolean;
  /** The clipboard the app writes to instead of the in-memory one (the system's, in dev:browser). */
  systemClipboard?: Clipboard;
  /** Run the demo pool's emulator, kept in the data folder, as the app's entry does (off by default). */
  demo?: boolean;
}

export interface Harness {
  /** The page address, secret included: what a browser must open. */
  url: string;
  origin: string;
  dataDir: string;
  /** Where the app keeps this data folder's keys; AUTHENTICATOR_KEYCHAIN_SERVICE for the CLI. */
  keychainService: string;
  clipboard: MemoryClipboard;
  services: AppServices;
  close(): Promise<void>;
}

/**
 * The CSP the page declares in its meta tag, sent again as a header with
 * frame-ancestors added (browsers ignore that directive in a meta tag). 'self'
 * already admits the same-origin WebSocket (CSP3), so nothing is loosened for
 * the harness.
 */
function pagePolicy(html: string, file: string): string {
  const match = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
  if (!match?.[1]) throw new Error(`${file} has no Content-Security-Policy meta tag.`);
  return `${match[1]}; frame-ancestors 'none'`;
}

async function loadIndex(rendererDir: string): Promise<{ html: string; csp: string }> {
  const file = join(rendererDir, 'index.html');
  if (!existsSync(file)) {
    throw new Error(
      `The built renderer is missing: ${file} does not exist. Build it first with "npx electron-vite build" (npm test and npm run dev:browser do this for you).`,
    );
  }
  const built = await readFile(file, 'utf8');
  if (!built.includes('</head>'))
    throw new Error(`${file} has no </head> to put the harness bridge before.`);
  // A classic script runs while the page parses, before the deferred module
  // script of the app, so window.authenticator exists when the app starts.
  const html = built.replace('</head>', `  <script src="${BRIDGE_PATH}"></script>\n  </head>`);
  return { html, csp: pagePolicy(built, file) };
}

const CONTRACT_PLACEHOLDER = '/* CONTRACT */ { channels: [], events: [] }';

/**
 * The preload stand-in, with the contract's channel and event names written
 * in (test/browser-host/bridge-matches-preload.test.ts holds it to the real preload).
 */
export async function loadBridge(): Promise<string> {
  const source = await readFile(BRIDGE_FILE, 'utf8');
  if (!source.includes(CONTRACT_PLACEHOLDER)) {
    throw new Error(`${BRIDGE_FILE} lost its contract placeholder.`);
  }
  const names = JSON.stringify({ channels: channelNameList, events: eventNameList });
  return source.replace(CONTRACT_PLACEHOLDER, names);
}

function secretMatches(expected: Buffer, given: string | null): boolean {
  if (!given) return false;
  const candidate = Buffer.from(given, 'utf8');
  return candidate.length === expected.length && timingSafeEqual(candidate, expected);
}

/** One keychain service per data folder, so harness runs never share or clobber data keys. */
export function keychainServiceFor(dataDir: string): string {
  const digest = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16);
  return `${DEFAULT_KEYCHAIN_SERVICE}-harness-${digest}`;
}

interface InvokeMessage {
  type: 'invoke';
  id: number;
  channel: string;
  payload?: unknown;
}

function parseInvoke(raw: string): InvokeMessage | undefined {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const m = data as Record<string, unknown>;
  if (m.type !== 'invoke' || !Number.isSafeInteger(m.id) || typeof m.channel !== 'string') {
    return undefined;
  }
  return m as unknown as InvokeMessage;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const rendererDir = resolve(options.rendererDir ?? DEFAULT_RENDERER_DIR);
  const index = await loadIndex(rendererDir);
  const bridgeScript = await loadBridge();

  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'authenticator-harness-')));
  const keychainService = options.keychainService ?? keychainServiceFor(dataDir);
  const clipboard = options.clipboard ?? new MemoryClipboard();
  const demo = options.demo
    ? await startDemoEmulator(dataDir, new KeytarKeychain(keychainService))
    : undefined;
  const services = await createAppServices({
    dataDir,
    secretStore:
      options.secretStore ??
      ((storage) => createKeytarSecretStore(dataDir, { service: keychainService, ...storage })),
    clipboard: options.systemClipboard ?? clipboard,
    clock: options.clock,
    logError: options.logError,
    cliBridge:
      options.cliBridge ??
      (options.cli
        ? {
            endpoint: (options.environment ?? readEnvironment()).endpointFor(dataDir),
            keychain: new KeytarKeychain(keychainService),
          }
        : undefined),
    demoPool: demo?.pool,
    demoAdminCredentials: demo?.adminCredentials,
    fileSaver: folderFileSaver(join(dataDir, SAVED_FOLDER)),
  });

  const secret = randomBytes(32).toString('base64url');
  const secretBytes = Buffer.from(secret, 'utf8');
  let origin = '';
  let host = '';

  const send = (
    res: ServerResponse,
    status: number,
    type: string,
    body: string | Buffer,
    csp?: string,
  ) => {
    res.writeHead(status, {
      'Content-Type': type,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      ...(csp ? { 'Content-Security-Policy': csp } : {}),
    });
    res.end(body);
  };

  const serveFile = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.headers.host !== host) return send(res, 421, 'text/plain', 'Wrong host.');
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'text/plain', 'GET only.');
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', origin).pathname);
    } catch {
      return send(res, 400, 'text/plain', 'Bad path.');
    }
    if (pathname === '/' || pathname === '/index.html') {
      return send(res, 200, CONTENT_TYPES['.html']!, index.html, index.csp);
    }
    if (pathname === BRIDGE_PATH) return send(res, 200, CONTENT_TYPES['.js']!, bridgeScript);
    const file = resolve(rendererDir, `.${pathname}`);
    const type = CONTENT_TYPES[extname(file)];
    if (!file.startsWith(rendererDir + sep) || !type)
      return send(res, 404, 'text/plain', 'Not found.');
    try {
      send(res, 200, type, await readFile(file));
    } catch {
      send(res, 404, 'text/plain', 'Not found.');
    }
  };

  const server = createServer((req, res) => void serveFile(req, res));
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  server.on('upgrade', (req, socket, head) => {
    const refuse = (status: string): void => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname !== SOCKET_PATH) return refuse('404 Not Found');
    if (req.headers.host !== host || req.headers.origin !== origin) return refuse('403 Forbidden');
    if (!secretMatches(secretBytes, url.searchParams.get('secret')))
      return refuse('401 Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    ws.on('message', (data, isBinary) => {
      const message = isBinary ? undefined : parseInvoke(data.toString());
      if (!message) {
        ws.close(1008, 'Malformed message');
        return;
      }
      void services
        .dispatch(message.channel, message.payload, { transport: 'harness', senderUrl: origin })
        .then((result) => {
          if (ws.readyState === ws.OPEN)
            ws.send(JSON.stringify({ type: 'result', id: message.id, result }));
        });
    });
  });

  const unsubscribe = services.subscribe((event, payload) => {
    const frame = JSON.stringify({ type: 'event', event, payload });
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(frame);
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  host = `127.0.0.1:${port}`;
  origin = `http://${host}`;

  return {
    url: `${origin}/?harness=${secret}`,
    origin,
    dataDir,
    keychainService,
    clipboard,
    services,
    async close() {
      unsubscribe();
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await services.close();
      await demo?.close();
      if (ownsDataDir) {
        await rm(dataDir, { recursive: true, force: true });
        if (!options.secretStore)
          await new KeytarKeychain(keychainService).delete(DATA_KEY_ACCOUNT);
        if (options.cli) await new KeytarKeychain(keychainService).delete(BEARER_TOKEN_ACCOUNT);
      }
    },
  };
}
