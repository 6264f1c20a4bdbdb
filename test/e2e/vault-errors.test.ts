/**
 * Every bad input the vault can get says what is wrong next to the field it
 * concerns (aria-invalid + aria-describedby, with the error code in a details
 * line), and nothing is saved half-way.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { Locator } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountNames, description, screenshot, useAppPerTest } from './helpers';
import { dispatchOk } from '../helpers/dispatch';

const SECRET = 'JBSWY3DPEHPK3PXP';

async function expectFieldError(control: Locator, code: string, message: RegExp): Promise<void> {
  await control.and(control.page().locator('[aria-invalid="true"]')).waitFor();
  const text = await description(control);
  expect(text).toMatch(message);
  // The details line is for support: shown beside the field, not read out as its error.
  expect(text).not.toContain('Details:');
  await control.page().getByText(`Details: ${code}`).waitFor();
}

describe('bad input in the vault', () => {
  const app = useAppPerTest();
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vault-errors-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function expectNothingSaved(): Promise<void> {
    expect(await app().harness.services.services.secrets.keys()).toEqual([]);
    await app().page.getByRole('heading', { name: 'No accounts yet' }).waitFor();
  }

  async function submitLink(uri: string): Promise<Locator> {
    const { page } = app();
    if (!(await page.getByRole('dialog').count())) {
      await page.getByRole('button', { name: 'Paste a setup link' }).click();
    }
    const field = page.getByRole('dialog').getByRole('textbox', { name: 'Setup link' });
    await field.fill(uri);
    await field.press('Enter');
    return field;
  }

  it('explains a malformed link and an unsupported algorithm, next to the link field', async () => {
    const field = await submitLink('https://example.com/setup?secret=' + SECRET);
    await expectFieldError(field, 'URI_NOT_OTPAUTH', /otpauth/);

    await submitLink(`otpauth://totp/Example:alice?secret=${SECRET}&algorithm=MD5`);
    await expectFieldError(field, 'UNSUPPORTED_ALGORITHM', /MD5|algorithm/i);
    await screenshot(app().page, 'errors-link');
    await app().page.keyboard.press('Escape');
    await expectNothingSaved();
  });

  it('rejects a setup key that is not Base32, next to the key field', async () => {
    const { page } = app();
    await page.getByRole('button', { name: 'Enter a setup key' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Service (optional)' }).fill('Example');
    await dialog.getByRole('textbox', { name: 'Account name' }).fill('alice');
    const key = dialog.getByRole('textbox', { name: 'Setup key' });
    await key.fill('1234 not base32!');
    await key.press('Enter');
    await expectFieldError(key, 'SECRET_INVALID', /.+/);
    await expect(key.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await screenshot(page, 'errors');

    // Fixing the field clears its error on the next try.
    await key.fill(SECRET);
    await dialog.getByRole('textbox', { name: 'Account name' }).fill('');
    await key.press('Enter');
    await expectFieldError(
      dialog.getByRole('textbox', { name: 'Account name' }),
      'INVALID_REQUEST',
      /account name/i,
    );
    expect(await key.getAttribute('aria-invalid')).toBeNull();
    await page.keyboard.press('Escape');
    await expectNothingSaved();
  });

  it('refuses an account that is already in the vault', async () => {
    const uri = `otpauth://totp/Example:alice?secret=${SECRET}&issuer=Example`;
    await dispatchOk(app().harness.services, 'vault:addUri', { uri });
    await app().page.getByRole('button', { name: 'Add account' }).click();
    await app().page.getByRole('menuitem', { name: 'Paste a setup link' }).click();
    const field = await submitLink(uri);
    await expectFieldError(field, 'DUPLICATE_ACCOUNT', /already/i);
    await app().page.keyboard.press('Escape');
    expect(await accountNames(app().page)).toEqual(['Example: alice']);
    expect(await app().harness.services.services.secrets.keys()).toHaveLength(1);
  });

  it('reaches main only through contract channels, like the real preload', async () => {
    const { page } = app();
    const answer = await page.evaluate(() =>
      window.authenticator?.invoke('shell:exec', { cmd: 'id' }),
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    await expect(
      page.evaluate(() => window.authenticator?.on('app:secrets', () => undefined)),
    ).rejects.toThrow('There is no event named "app:secrets"');
    expect(await page.evaluate(() => Object.keys(window.authenticator ?? {}))).toEqual([
      'invoke',
      'on',
    ]);
  });

  it('explains an unreadable image and an image without a QR code', async () => {
    const { page } = app();
    const good = join(dir, 'good.png');
    await QRCode.toFile(good, `otpauth://totp/Example:alice?secret=${SECRET}`);
    const truncated = join(dir, 'truncated.png');
    await writeFile(truncated, (await readFile(good)).subarray(0, 64));
    const blank = join(dir, 'blank.png');
    const white = new PNG({ width: 200, height: 200 });
    white.data.fill(255);
    await writeFile(blank, PNG.sync.write(white));

    await page.getByRole('button', { name: 'Import a QR code image' }).click();
    const input = page.getByLabel('QR code image', { exact: true });
    await input.setInputFiles(truncated);
    await expectFieldError(input, 'IMAGE_UNREADABLE', /.+/);

    await input.setInputFiles(blank);
    await expectFieldError(input, 'QR_NOT_FOUND', /QR/);
    await screenshot(page, 'errors-image');
    await page.keyboard.press('Escape');
    await expectNothingSaved();
  });
});
