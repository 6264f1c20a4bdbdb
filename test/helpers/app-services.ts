/**
 * The whole app (composition, router, zod schemas, keychain-backed secrets)
 * in a fresh data folder under a keychain service of its own, so tests cannot
 * see each other's data. Run under scripts/with-keyring.sh.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { createAppServices } from '../../src-main/composition';
import type { AppServices, AppServicesDeps } from '../../src-main/composition';
import {
  DATA_KEY_ACCOUNT,
  KeytarKeychain,
  createKeytarSecretStore,
} from '../../src-main/node/secrets';

export type TestAppDeps = Omit<AppServicesDeps, 'dataDir' | 'secretStore'>;

/**
 * Opens the app with `deps()` before each test and hands it to `use`; after
 * the test closes it and removes its keychain entry and data folder.
 */
export function useAppServices(
  name: string,
  deps: () => TestAppDeps,
  use: (app: AppServices) => void,
): void {
  let dir: string;
  let keychainService: string;
  let app: AppServices | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), `cda-${name}-`));
    keychainService = `cda-test-${randomBytes(6).toString('hex')}`;
    app = await createAppServices({
      dataDir: dir,
      secretStore: createKeytarSecretStore(dir, { service: keychainService }),
      ...deps(),
    });
    use(app);
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    await new KeytarKeychain(keychainService).delete(DATA_KEY_ACCOUNT);
    await rm(dir, { recursive: true, force: true });
  });
}
