/**
 * The engine against a real emulator over HTTP, through the real AWS SDK.
 * Each test gets its own pool (via a seed) so flows cannot disturb each other.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import {
  DEMO_POOL_ID,
  DEMO_PUBLIC_CLIENT_ID,
  DEMO_REGION,
  startEmulator,
} from '../../emulator/index';
import type { Emulator, EmulatorOptions, SeedFile } from '../../emulator/index';
import type { DemoPool, ProfileInput } from '../../src-main/core/cognito/profiles';
import { CognitoService } from '../../src-main/core/cognito/service';
import type { CognitoServiceDeps } from '../../src-main/core/cognito/service';
import type { SecretStore } from '../../src-main/core/ports';
import { sdkTransportFor } from '../../src-main/node/cognito-transport';
import { memoryDocument } from '../helpers/memory-document';
import { MemorySecretStore } from '../helpers/memory-secret-store';
import { MemoryVault } from '../helpers/memory-vault';

export type SeedPool = SeedFile['pools'][number];
export type SeedUser = NonNullable<SeedPool['users']>[number];

export const REGION = 'us-east-1';
export const PASSWORD = 'Correct-Horse-9!';

/** A pool id the seed accepts: region, underscore, nine alphanumerics. */
export function newPoolId(): string {
  return `${REGION}_${randomBytes(8).toString('hex').slice(0, 9)}`;
}

export function newClientId(): string {
  return randomBytes(13).toString('hex');
}

/**
 * Starts one emulator before the file's tests and hands it to `use`; closes
 * it after them.
 */
export function useEmulator(use: (em: Emulator) => void, options?: EmulatorOptions): void {
  let em: Emulator | undefined;
  beforeAll(async () => {
    em = await startEmulator(options);
    use(em);
  });
  afterAll(async () => {
    await em?.close();
  });
}

/** The emulator's seeded demo pool as the app is given it at start-up. */
export function demoPoolOn(em: Emulator, credentials: DemoPool['credentials'] = []): DemoPool {
  return {
    endpoint: em.url,
    region: DEMO_REGION,
    userPoolId: DEMO_POOL_ID,
    clientId: DEMO_PUBLIC_CLIENT_ID,
    credentials,
  };
}

export interface TestPool {
  poolId: string;
  clientId: string;
  clientSecret?: string;
}

/** Seeds one pool with one client; `client` and `pool` override the defaults. */
export async function seedPool(
  em: Emulator,
  options: {
    pool?: Partial<SeedPool>;
    client?: Partial<NonNullable<SeedPool['clients']>[number]>;
    users?: SeedUser[];
  } = {},
): Promise<TestPool> {
  const poolId = newPoolId();
  const clientId = newClientId();
  const secret = options.client?.secret;
  await em.admin.seed({
    pools: [
      {
        id: poolId,
        name: `pool-${poolId}`,
        ...options.pool,
        clients: [
          {
            id: clientId,
            name: 'desktop',
            explicitAuthFlows: [
              'ALLOW_USER_SRP_AUTH',
              'ALLOW_USER_PASSWORD_AUTH',
              'ALLOW_REFRESH_TOKEN_AUTH',
              'ALLOW_CUSTOM_AUTH',
            ],
            ...options.client,
          },
        ],
        users: options.users ?? [],
      },
    ],
  });
  return { poolId, clientId, ...(typeof secret === 'string' ? { clientSecret: secret } : {}) };
}

export interface Engine {
  service: CognitoService;
  vault: MemoryVault;
  secrets: SecretStore;
  state: ReturnType<typeof memoryDocument<unknown>>;
  events: { profileId: string; reason: string }[];
  addProfile(pool: TestPool, extra?: Partial<ProfileInput>): Promise<string>;
}

export function createEngine(em: Emulator, deps: Partial<CognitoServiceDeps> = {}): Engine {
  const clock = { now: () => em.clock.now() };
  const secrets = deps.secrets ?? new MemorySecretStore();
  const state = memoryDocument<unknown>();
  const vault = new MemoryVault(clock);
  const events: Engine['events'] = [];
  const service = new CognitoService({
    secrets,
    state,
    clock,
    vault,
    deviceName: 'test-host (Linux)',
    transportFor: sdkTransportFor,
    onAuthChanged: (profileId, reason) => events.push({ profileId, reason }),
    ...deps,
  });
  return {
    service,
    vault,
    secrets,
    state,
    events,
    async addProfile(pool, extra = {}) {
      const view = await service.addProfile({
        displayName: 'Acme Test',
        region: REGION,
        userPoolId: pool.poolId,
        clientId: pool.clientId,
        ...(pool.clientSecret ? { clientSecret: pool.clientSecret } : {}),
        endpoint: em.url,
        ...extra,
      });
      return view.id;
    },
  };
}

export { startEmulator };
export type { Emulator };
