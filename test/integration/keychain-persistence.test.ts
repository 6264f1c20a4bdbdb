/**
 * A signed-in profile survives an app restart: tokens and the remembered
 * device go through the real keychain-backed SecretStore and the real state
 * file, and a second "launch" over the same folder picks them up.
 * Run under scripts/with-keyring.sh.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cognitoStateDocument } from '../../src-main/core/cognito/app-adapters';
import { secretKeys } from '../../src-main/core/cognito/keys';
import { CognitoService } from '../../src-main/core/cognito/service';
import {
  DATA_KEY_ACCOUNT,
  KeytarKeychain,
  SECRETS_FILE_NAME,
  createKeytarSecretStore,
} from '../../src-main/node/secrets';
import { sdkTransportFor } from '../../src-main/node/cognito-transport';
import { createAppStateFile } from '../../src-main/node/state-files';
import { MemoryVault, totpCode } from '../helpers/memory-vault';
import { PASSWORD, REGION, seedPool, startEmulator } from './helpers';
import type { Emulator } from './helpers';

const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

let em: Emulator;
let dir: string;
const keychainService = `cda-cognito-test-${randomBytes(6).toString('hex')}`;

beforeAll(async () => {
  em = await startEmulator();
  dir = await mkdtemp(join(tmpdir(), 'cda-cognito-'));
});
afterAll(async () => {
  await new KeytarKeychain(keychainService).delete(DATA_KEY_ACCOUNT);
  await rm(dir, { recursive: true, force: true });
  await em?.close();
});

/** One app launch: fresh store, state file and service over the same folder. */
function launch() {
  const clock = { now: () => em.clock.now() };
  const secrets = createKeytarSecretStore(dir, { service: keychainService });
  const state = createAppStateFile(dir);
  const service = new CognitoService({
    secrets,
    state: cognitoStateDocument(state),
    clock,
    vault: new MemoryVault(clock),
    deviceName: 'persist-host (Linux)',
    transportFor: sdkTransportFor,
  });
  return { service, secrets, state };
}

describe('restart with the keychain store', () => {
  it('keeps tokens and the remembered device; the refresh token is never in the files in clear', async () => {
    const pool = await seedPool(em, {
      pool: {
        mfaConfiguration: 'OPTIONAL',
        totp: true,
        deviceConfiguration: {
          ChallengeRequiredOnNewDevice: true,
          DeviceOnlyRememberedOnUserPrompt: true,
        },
      },
      client: { secret: 'persistsecret'.repeat(3) },
      users: [
        {
          username: 'ola',
          password: PASSWORD,
          totpSecret: TOTP_SECRET,
          mfaEnabled: ['SOFTWARE_TOKEN_MFA'],
        },
      ],
    });

    const first = launch();
    const profile = await first.service.addProfile({
      displayName: 'Persist',
      region: REGION,
      userPoolId: pool.poolId,
      clientId: pool.clientId,
      clientSecret: pool.clientSecret,
      endpoint: em.url,
    });
    const mfa = await first.service.startSignIn(profile.id, 'ola', PASSWORD);
    const ask = await first.service.respond(mfa.attemptId, {
      kind: 'SOFTWARE_TOKEN_MFA',
      code: totpCode(TOTP_SECRET, em.clock.now()),
    });
    await first.service.rememberDevice(ask.attemptId, true);
    const refreshToken = JSON.parse((await first.secrets.get(secretKeys.tokens(profile.id)))!)
      .refreshToken as string;
    await first.state.flush();
    first.service.stop();

    const onDisk =
      (await readFile(join(dir, SECRETS_FILE_NAME))).toString('latin1') +
      (await readFile(join(dir, 'state.json'), 'utf8'));
    expect(onDisk).not.toContain(refreshToken.slice(0, 60));
    expect(onDisk).not.toContain(pool.clientSecret!);

    const second = launch();
    expect((await second.service.profiles.list()).profiles.map((p) => p.id)).toContain(profile.id);
    expect(await second.service.session(profile.id)).toMatchObject({
      username: 'ola',
      deviceKnown: true,
    });
    await expect(second.service.refresh(profile.id)).resolves.toMatchObject({ username: 'ola' });
    const again = await second.service.startSignIn(profile.id, 'ola', PASSWORD);
    expect(again).toMatchObject({ kind: 'SIGNED_IN', device: { usedRememberedDevice: true } });
    second.service.stop();
  });
});
