/**
 * The in-process API: `startEmulator({ port: 0 })` for tests and for the app's
 * embedded demo backend. See README.md.
 */
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { createClock } from './clock.js';
import type { EmulatorClock } from './clock.js';
import type { Context } from './context.js';
import type { CustomAuthHook } from './custom-auth.js';
import { CognitoError } from './errors.js';
import { Faults } from './faults.js';
import type { State } from './model.js';
import { OPERATIONS } from './ops/index.js';
import { Outbox } from './outbox.js';
import { applySeed } from './seed.js';
import type { SeedFile } from './seed.js';
import { createEmulatorServer } from './server.js';
import { Sessions } from './sessions.js';
import { DEFAULT_CREDENTIALS } from './sigv4.js';
import type { Credentials, RestrictedCredentials } from './sigv4.js';
import { fileStatePersistence, Store } from './store.js';
import type { StatePersistence } from './store.js';
import { TimingLog } from './timing.js';

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Persist state and the outbox here; omitted, everything stays in memory. */
  dataDir?: string;
  /** Keeps the state through this instead of <dataDir>/state.json (an app may keep it encrypted). */
  persistence?: StatePersistence;
  seed?: SeedFile;
  clock?: EmulatorClock;
  /** The SigV4 key pair admin calls must sign with; DEFAULT_CREDENTIALS otherwise. */
  credentials?: Credentials;
  /** A second key pair limited to the operations it lists, for AccessDeniedException. */
  restrictedCredentials?: RestrictedCredentials;
  region?: string;
  customAuth?: CustomAuthHook;
  /** Per-request timing lines; defaults to $EMULATOR_TIMING_LOG. */
  timingLog?: string;
}

export interface Emulator {
  url: string;
  port: number;
  region: string;
  credentials: Credentials;
  restrictedCredentials: RestrictedCredentials | null;
  clock: EmulatorClock;
  outbox: Outbox;
  faults: Faults;
  admin: AdminApi;
  /** The live state, for assertions; treat it as read-only. */
  state(): State;
  close(): Promise<void>;
}

/** Admin operations in-process, without HTTP or SigV4. */
export interface AdminApi {
  /** Any operation by name with its JSON request; returns its JSON result. */
  call<T = Record<string, unknown>>(
    operation: string,
    request: Record<string, unknown>,
  ): Promise<T>;
  createPool(request: Record<string, unknown>): Promise<string>;
  createClient(
    poolId: string,
    request?: Record<string, unknown>,
  ): Promise<{ clientId: string; clientSecret: string | null }>;
  /** A CONFIRMED user with a permanent password, unless `temporary` is set. */
  createUser(
    poolId: string,
    username: string,
    password: string,
    options?: { attributes?: Record<string, string>; temporary?: boolean },
  ): Promise<string>;
  seed(seed: SeedFile): Promise<void>;
}

function adminApi(ctx: Context): AdminApi {
  const call = async <T>(operation: string, request: Record<string, unknown>): Promise<T> => {
    const op = OPERATIONS[operation];
    if (!op) throw new CognitoError('UnknownOperationException', `Unknown operation ${operation}`);
    try {
      return (await op.handler(ctx, request)) as T;
    } finally {
      await ctx.store.flush();
    }
  };
  return {
    call,
    async createPool(request) {
      const { UserPool } = await call<{ UserPool: { Id: string } }>('CreateUserPool', request);
      return UserPool.Id;
    },
    async createClient(poolId, request = {}) {
      const { UserPoolClient: c } = await call<{
        UserPoolClient: { ClientId: string; ClientSecret?: string };
      }>('CreateUserPoolClient', {
        ClientName: 'test-client',
        ...request,
        UserPoolId: poolId,
      });
      return { clientId: c.ClientId, clientSecret: c.ClientSecret ?? null };
    },
    async createUser(poolId, username, password, options = {}) {
      const { User } = await call<{ User: { Username: string } }>('AdminCreateUser', {
        UserPoolId: poolId,
        Username: username,
        TemporaryPassword: password,
        MessageAction: 'SUPPRESS',
        UserAttributes: Object.entries(options.attributes ?? {}).map(([Name, Value]) => ({
          Name,
          Value,
        })),
      });
      if (!options.temporary)
        await call('AdminSetUserPassword', {
          UserPoolId: poolId,
          Username: User.Username,
          Password: password,
          Permanent: true,
        });
      return User.Username;
    },
    async seed(seed) {
      await applySeed(ctx, seed);
      await ctx.store.flush();
    },
  };
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const dataDir = options.dataDir ?? null;
  if (dataDir !== null) await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const clock = options.clock ?? createClock();
  const credentials = options.credentials ?? DEFAULT_CREDENTIALS;
  const ctx: Context = {
    store: await Store.open(
      options.persistence ?? (dataDir === null ? null : fileStatePersistence(dataDir)),
    ),
    clock,
    outbox: new Outbox(dataDir),
    sessions: new Sessions(() => clock.now()),
    region: options.region ?? 'us-east-1',
    customAuth: options.customAuth ?? null,
  };
  if (options.seed) {
    await applySeed(ctx, options.seed);
    await ctx.store.flush();
  }
  const faults = new Faults(new Set(Object.keys(OPERATIONS)));
  const timing = TimingLog.open(options.timingLog ?? process.env.EMULATOR_TIMING_LOG);
  const server = createEmulatorServer({
    ctx,
    faults,
    credentials,
    ...(options.restrictedCredentials
      ? { restrictedCredentials: options.restrictedCredentials }
      : {}),
    timing,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    region: ctx.region,
    credentials,
    restrictedCredentials: options.restrictedCredentials ?? null,
    clock,
    outbox: ctx.outbox,
    faults,
    admin: adminApi(ctx),
    state: () => ctx.store.state,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await ctx.store.flush();
      await timing.close();
    },
  };
}

export { createClock } from './clock.js';
export type { StatePersistence } from './store.js';
export type { EmulatorClock } from './clock.js';
export type { CustomAuthHook, CustomAuthInput, CustomAuthRound } from './custom-auth.js';
export type { Fault } from './faults.js';
export type { OutboxMessage, MessageKind } from './outbox.js';
export type { PasswordPolicy } from './model.js';
export { DEFAULT_CREDENTIALS } from './sigv4.js';
export type { Credentials, RestrictedCredentials } from './sigv4.js';
export {
  demoSeed,
  readSeedFile,
  DEMO_REGION,
  DEMO_POOL_ID,
  DEMO_PUBLIC_CLIENT_ID,
  DEMO_SECRET_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_USERNAME,
  DEMO_EMAIL,
  DEMO_PASSWORD,
  DEMO_MFA_POOL_ID,
  DEMO_MFA_CLIENT_ID,
  DEMO_NEW_HIRE,
  DEMO_NEW_HIRE_PASSWORD,
  DEMO_PASSWORDLESS_POOL_ID,
  DEMO_PASSWORDLESS_CLIENT_ID,
  DEMO_PASSWORDLESS,
  DEMO_PASSWORDLESS_EMAIL,
  DEMO_IDENTITY_POOL_ID,
} from './seed.js';
export type { SeedFile } from './seed.js';
