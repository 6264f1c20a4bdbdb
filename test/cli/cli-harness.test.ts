/**
 * The end-to-end path: sign in through the real renderer in Chromium
 * (browser harness, real engine, emulator over HTTP), then run the built
 * `cognito-auth` binary: its token is the signed-in user's and verifies
 * against the pool's JWKS, and its code is the one on screen.
 * Run under scripts/with-keyring.sh.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../emulator/index';
import type { Emulator } from '../../emulator/index';
import { BEARER_TOKEN_ACCOUNT } from '../../src-main/core/cli-bridge/bearer-token';
import { bridgeEndpoint } from '../../src-main/node/endpoint';
import { KeytarKeychain } from '../../src-main/node/secrets';
import { expectAccessible } from '../e2e/a11y';
import { launchChromium, openApp, SCREENSHOT_DIR } from '../e2e/helpers';
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
        runtimeDir: runtimeDir,
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
    expect(await question.getByRole('definition').allTextContents()).toEqual([
      'an ID token for profile "Acme Corp"',
      `${process.execPath} (process ${process.pid})`,
      expect.any(String),
      process.cwd(),
      expect.stringMatching(/^(\/dev\/\S+|session \d+)$/),
    ]);
    await question.getByRole('button', { name: 'Always allow node' }).click();
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
      name: 'Allow node to get the current code for vault account "GitHub"?',
    });
    await question.waitFor();
    await question.getByRole('button', { name: 'Deny' }).click();
    const result = await running;
    expect(result).toMatchObject({ code: 5, stdout: '' });
    await question.waitFor({ state: 'detached' });
    expect(app.problems).toEqual([]);
  });

  it('allows this terminal session for the minutes chosen, without asking again', async () => {
    const { page } = app;
    const running = runCli(['code', 'GitHub'], env);
    const question = page.getByRole('dialog', {
      name: 'Allow node to get the current code for vault account "GitHub"?',
    });
    await question.waitFor();
    await expectAccessible(page, 'CLI approval with "Allow this terminal"');
    await question.getByLabel('For how long').selectOption({ label: '15 minutes' });
    await question.getByRole('button', { name: 'Allow this terminal' }).click();
    const first = await running;
    expect(first.code, first.stderr).toBe(0);
    const second = await runCli(['code', 'GitHub'], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toBe('');
    expect(app.problems).toEqual([]);
  });

  it('lists every hand-out and refusal under Settings, filters them, and exports them without secrets', async () => {
    const { page } = app;
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Settings' })
      .click();
    const activity = page.getByRole('list', { name: 'Command-line activity' });
    const entries = activity.getByRole('listitem');
    await expect.poll(() => entries.count()).toBeGreaterThanOrEqual(5);
    const newest = await entries.first().textContent();
    expect(newest).toContain('Handed out');
    expect(newest).toContain('allowed for this terminal');
    expect(await activity.getByText('you denied it').count()).toBe(1);
    await expectAccessible(page, 'settings with command-line activity');
    await page
      .getByRole('region', { name: 'Command-line access' })
      .screenshot({ path: `${SCREENSHOT_DIR}cli-audit.png`, animations: 'disabled' });

    await page.getByLabel('Decision').selectOption({ label: 'Refused' });
    await expect.poll(() => entries.count()).toBe(1);
    expect(await entries.first().textContent()).toContain(
      'node: the current code for vault account "GitHub"',
    );

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export…' }).click();
    const file = await (await download).path();
    const exported = JSON.parse(await readFile(file, 'utf8')) as {
      entries: { decision: string; rule: string; program: string }[];
    };
    expect(exported.entries).toEqual([
      expect.objectContaining({ decision: 'refused', rule: 'denied', program: process.execPath }),
    ]);
    // The log on disk names no token or code: nothing JWT-like, no six-digit run.
    const onDisk = await readFile(join(env.dataDir, 'cli-audit.jsonl'), 'utf8');
    expect(onDisk.split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(5);
    expect(onDisk).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
    expect(onDisk).not.toMatch(/\b\d{6}\b/);
    expect(app.problems).toEqual([]);
  });
});
