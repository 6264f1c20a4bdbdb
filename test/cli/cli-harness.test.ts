/**
 * The end-to-end path: sign in through the real renderer in Chromium
 * (browser harness, real engine, emulator over HTTP), then run the built
 * `cognito-auth` binary: its token is the signed-in user's and verifies
 * against the pool's JWKS, and its code is the one on screen.
 * Run under scripts/with-keyring.sh.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../emulator/index';
import type { Emulator } from '../../emulator/index';
import { BEARER_TOKEN_ACCOUNT } from '../../src-main/core/cli-bridge/bearer-token';
import { bridgeEndpoint } from '../../src-main/node/endpoint';
import { KeytarKeychain } from '../../src-main/node/secrets';
import { launchChromium, openApp } from '../e2e/helpers';
import type { AppPage } from '../e2e/helpers';
import {
  PASSWORD,
  addProfile,
  screenshotStep,
  createPool,
  enterPassword,
  heading,
  openSignIn,
} from '../e2e/sign-in-fixtures';
import type { TestPool } from '../e2e/sign-in-fixtures';
import { claimsOf, verifiesAgainstJwks } from './jwt';
import { assertCliBuilt, runCli } from './run-cli';
import type { CliEnv } from './run-cli';

const EMAIL = 'alice@example.com';

let browser: Browser;
let emu: Emulator;
let pool: TestPool;
let app: AppPage;
let base: string;
let env: CliEnv;
const keychainService = `cda-cli-harness-${randomBytes(6).toString('hex')}`;
const keychain = new KeytarKeychain(keychainService);

beforeAll(async () => {
  assertCliBuilt();
  browser = await launchChromium();
  emu = await startEmulator();
  pool = await createPool(emu, { name: 'Acme Corp', mfa: 'OFF' });
  await emu.admin.createUser(pool.poolId, 'alice', PASSWORD, {
    attributes: { email: EMAIL, email_verified: 'true' },
  });
  base = await mkdtemp(join(tmpdir(), 'cli-harness-'));
  const dataDir = join(base, 'data');
  const runtimeDir = join(base, 'run');
  env = { dataDir, runtimeDir, keychainService };
  app = await openApp(browser, {
    dataDir,
    cliBridge: {
      endpoint: bridgeEndpoint({
        platform: 'linux',
        env: { XDG_RUNTIME_DIR: runtimeDir },
        dataDir,
      }),
      keychain,
    },
  });
});

afterAll(async () => {
  await app?.close();
  await browser?.close();
  await emu?.close();
  await keychain.delete(BEARER_TOKEN_ACCOUNT);
  await rm(base, { recursive: true, force: true });
});

describe('cognito-auth after signing in through the window', () => {
  it("prints the signed-in user's token, verified against the pool's JWKS", async () => {
    const { page } = app;
    await addProfile(app, emu, pool, 'Acme Corp');
    await openSignIn(page);
    await enterPassword(page, 'Acme Corp', 'alice', PASSWORD);
    await heading(page, 'Signed in as alice');

    // The first call from this program is asked about in the window.
    const running = runCli(['token', '--profile', 'Acme Corp'], env);
    const question = page.getByRole('dialog', {
      name: 'Allow node to get an ID token for profile "Acme Corp"?',
    });
    await question.waitFor();
    await screenshotStep(page, 'cli-approval');
    await question.getByRole('button', { name: 'Always allow this program' }).click();
    const result = await running;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('waiting for you to allow this request');
    const token = result.stdout.trim();
    expect(claimsOf(token)).toMatchObject({
      token_use: 'id',
      'cognito:username': 'alice',
      email: EMAIL,
      aud: pool.clientId,
      iss: expect.stringContaining(pool.poolId),
    });
    expect(await verifiesAgainstJwks(token, emu.url, pool.poolId)).toBe(true);
    expect(app.problems).toEqual([]);
  });

  it('prints the code shown in the vault', async () => {
    const { page } = app;
    const added = await app.harness.services.dispatch('vault:addUri', {
      uri: 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub',
    });
    expect(added.ok).toBe(true);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Vault' })
      .click();
    const shown = page.getByRole('listitem').filter({ hasText: 'GitHub' }).getByTestId('code');
    // Compared within one 30 s period: read the screen before and after the CLI.
    for (let attempt = 0; attempt < 3; attempt++) {
      const before = (await shown.textContent())?.replace(/\s/g, '');
      const result = await runCli(['code', 'GitHub'], env);
      const after = (await shown.textContent())?.replace(/\s/g, '');
      expect(result.code, result.stderr).toBe(0);
      if (before !== after) continue;
      expect(before).toMatch(/^\d{6}$/);
      expect(result.stdout).toBe(`${before}\n`);
      expect(app.problems).toEqual([]);
      return;
    }
    throw new Error('The code on screen changed during every attempt.');
  });

  it('hands out nothing when the user denies, and asks again after a revoke', async () => {
    const { page, harness } = app;
    const listed = await harness.services.dispatch('cli:listAllowed', {});
    const [allowed] = (listed as { ok: true; value: { programs: { id: string }[] } }).value
      .programs;
    expect(allowed).toBeDefined();
    await harness.services.dispatch('cli:revokeAllowed', { id: allowed?.id });

    const running = runCli(['code', 'GitHub'], env);
    const question = page.getByRole('dialog', {
      name: 'Allow node to get the current code for "GitHub"?',
    });
    await question.waitFor();
    await question.getByRole('button', { name: 'Deny' }).click();
    const result = await running;
    expect(result).toMatchObject({ code: 5, stdout: '' });
    await question.waitFor({ state: 'detached' });
    expect(app.problems).toEqual([]);
  });
});
