/**
 * The vault flow in the real desktop app, through Playwright's `_electron`:
 * hardened page, preload bridge, sender-checked IPC, keychain and clipboard.
 * It needs an Electron binary and a build (`electron-vite build`, which
 * scripts/test.sh runs first); where no binary is installed it skips with one
 * line saying so.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron } from 'playwright-core';
import type { ElectronApplication, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronBinaryPath } from '../../scripts/electron-binary.mjs';
import { DATA_KEY_ACCOUNT, KeytarKeychain } from '../../src-main/node/secrets';
import { accountRow, expectLiveCode, totp } from '../e2e/helpers';

const ROOT = join(import.meta.dirname, '../..');
const SECRET = 'JBSWY3DPEHPK3PXP';
const binary = electronBinaryPath();

if (!binary) {
  console.log(
    'Skipping the Electron end-to-end spec: no Electron binary is installed here (node_modules/electron/dist is missing).',
  );
}

describe.skipIf(!binary)('the desktop app (Electron)', () => {
  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;
  const service = `cda-e2e-${randomBytes(6).toString('hex')}`;

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'out/main/index.js'))) {
      throw new Error('The app is not built; run `npx electron-vite build` first.');
    }
    dataDir = await mkdtemp(join(tmpdir(), 'cda-electron-'));
    app = await _electron.launch({
      executablePath: binary,
      args: [ROOT],
      env: {
        ...process.env,
        AUTHENTICATOR_USER_DATA_DIR: dataDir,
        AUTHENTICATOR_KEYCHAIN_SERVICE: service,
      },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  afterAll(async () => {
    await app?.close();
    await new KeytarKeychain(service).delete(DATA_KEY_ACCOUNT);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('shows the app page from app:// with no Node, one bridge and the CSP header', async () => {
    expect(page.url()).toBe('app://bundle/index.html');
    const seen = await page.evaluate(async () => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      bridge: Object.keys(window.authenticator ?? {}).sort(),
      csp: (await fetch(location.href)).headers.get('content-security-policy'),
    }));
    expect(seen).toMatchObject({
      require: 'undefined',
      process: 'undefined',
      bridge: ['invoke', 'on'],
    });
    expect(seen.csp).toMatch(/script-src 'self'/);
  });

  it('refuses channels outside the contract', async () => {
    const result = await page.evaluate(() => window.authenticator?.invoke('vault:secrets', {}));
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('adds by link, shows the live code, copies, renames and deletes', async () => {
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByRole('menuitem', { name: 'Paste a setup link' }).click();
    const addDialog = page.getByRole('dialog', { name: 'Add an account from a setup link' });
    await addDialog
      .getByRole('textbox', { name: 'Setup link' })
      .fill(`otpauth://totp/ACME:alice?secret=${SECRET}&issuer=ACME`);
    await addDialog.getByRole('button', { name: 'Add account' }).click();

    const row = accountRow(page, 'ACME: alice');
    await row.waitFor();
    const reference = totp(SECRET);
    await expectLiveCode(row, reference);

    const before = Date.now();
    await page.getByRole('button', { name: 'Copy code for ACME: alice' }).click();
    const copied = await app.evaluate(({ clipboard }) => clipboard.readText());
    expect([
      reference.generate({ timestamp: before }),
      reference.generate({ timestamp: Date.now() }),
    ]).toContain(copied);

    await page.getByRole('button', { name: 'Actions for ACME: alice' }).click();
    await page.getByRole('menuitem', { name: 'Rename…' }).click();
    const renameDialog = page.getByRole('dialog', { name: 'Rename ACME: alice' });
    await renameDialog.getByRole('textbox', { name: 'Account name' }).fill('alice.work');
    await renameDialog.getByRole('button', { name: 'Save' }).click();
    const renamed = accountRow(page, 'ACME: alice.work');
    await renamed.waitFor();

    await page.getByRole('button', { name: 'Actions for ACME: alice.work' }).click();
    await page.getByRole('menuitem', { name: 'Delete…' }).click();
    await page
      .getByRole('dialog', { name: 'Delete ACME: alice.work?' })
      .getByRole('button', { name: 'Delete account' })
      .click();
    await page.getByRole('heading', { name: 'No accounts yet' }).waitFor();
  });
});
