/**
 * "Lock means locked", through the browser host with the real core,
 * keychain and CLI bridge: locked, the page holds no code or account name,
 * copying and the CLI are refused; the first unlock chooses the passphrase,
 * and later a wrong one keeps the app locked while the right one opens it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BEARER_TOKEN_ACCOUNT } from '../../src-main/core/cli-bridge/bearer-token';
import { bridgeEndpoint } from '../../src-main/node/endpoint';
import { KeytarKeychain } from '../../src-main/node/secrets';
import { assertCliBuilt, runCli } from '../cli/run-cli';
import { expectAccessible } from './a11y';
import { screenshot, useBrowserAndApp } from './helpers';
import { dispatchOk } from '../helpers/dispatch';

const SECRET = 'JBSWY3DPEHPK3PXP';
const PASSPHRASE = 'staple battery horse';

describe('the app lock', () => {
  const session = useBrowserAndApp();

  it('hides every code and name, refuses copy and the CLI, and unlocks only with the passphrase', async () => {
    assertCliBuilt();
    const base = await mkdtemp(join(tmpdir(), 'cda-lock-'));
    const keychainService = `cda-lock-${randomBytes(6).toString('hex')}`;
    const keychain = new KeytarKeychain(keychainService);
    session.cleanUpAfterTest(async () => {
      await keychain.delete(BEARER_TOKEN_ACCOUNT);
      await rm(base, { recursive: true, force: true });
    });
    const dataDir = join(base, 'data');
    const runtimeDir = join(base, 'run');
    const env = { dataDir, runtimeDir, keychainService };
    const app = await session.openApp({
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
    const { page, harness } = app;
    const dispatch = harness.services.dispatch;
    const account = await dispatchOk(harness.services, 'vault:addUri', {
      uri: `otpauth://totp/Umbrella:wesker?secret=${SECRET}&issuer=Umbrella`,
    });
    await page.getByText('wesker').first().waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Settings' }).click();
    await page
      .getByRole('region', { name: 'Lock' })
      .getByRole('button', { name: 'Lock now' })
      .click();

    await page.getByRole('heading', { level: 1, name: 'Authenticator is locked' }).waitFor();
    const html = await page.content();
    for (const hidden of ['wesker', 'Umbrella', account.code ?? 'no-code'])
      expect(html).not.toContain(hidden);
    await expect(nav.count()).resolves.toBe(0);
    await expect(dispatch('vault:copyCode', { id: account.id })).resolves.toMatchObject({
      ok: false,
      error: { code: 'LOCKED' },
    });
    await expect(dispatch('vault:list', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'LOCKED' },
    });
    await expect(dispatch('lock:set', { locked: false })).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNLOCK_NEEDS_PROOF' },
    });
    const cli = await runCli(['code', 'wesker'], env);
    expect(cli).toMatchObject({ code: 5, stdout: '' });
    expect(cli.stderr).toContain('locked');

    // The first lock: choosing the passphrase is what unlocks.
    await page.getByLabel('New unlock passphrase').fill(PASSPHRASE);
    await page.getByLabel('Repeat the passphrase').fill('something else');
    await page.keyboard.press('Enter');
    await page.getByText('The two passphrases are not the same.').waitFor();
    await screenshot(page, 'lock-choose-passphrase');
    await page.getByLabel('Repeat the passphrase').fill(PASSPHRASE);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();

    // From now on the passphrase is needed: wrong, then right.
    await page
      .getByRole('region', { name: 'Lock' })
      .getByRole('button', { name: 'Lock now' })
      .click();
    const field = page.getByLabel('Unlock passphrase');
    await field.waitFor();
    await expect(field.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await field.fill('not the passphrase');
    await page.keyboard.press('Enter');
    await page.getByText('That is not the unlock passphrase.').waitFor();
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    await screenshot(page, 'lock-screen');
    await expectAccessible(page, 'lock screen');
    await expect(dispatch('lock:get', {})).resolves.toMatchObject({
      ok: true,
      value: { locked: true },
    });
    await field.fill(PASSPHRASE);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await nav.getByRole('link', { name: 'Vault' }).click();
    await page.getByText('wesker').first().waitFor();
    // Unlocked, the CLI is asked about again (and allowed once here).
    const stop = harness.services.subscribe((event, payload) => {
      if (event !== 'cli:approvalRequested') return;
      const { requestId } = payload as { requestId: string };
      void dispatch('cli:answerApproval', { requestId, decision: 'once' });
    });
    try {
      const code = await runCli(['code', 'wesker'], env);
      expect(code.code, code.stderr).toBe(0);
      expect(code.stdout).toMatch(/^\d{6}\n$/);
    } finally {
      stop();
    }
  }, 60_000);
});
