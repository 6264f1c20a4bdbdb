/**
 * Adding accounts through the real renderer and the real core: by setup link,
 * by setup key and by QR image; the codes shown are the ones otpauth computes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import {
  accountRow,
  expectLiveCode,
  hotpCode,
  screenshot,
  shownCode,
  totp,
  useAppPerTest,
} from './helpers';

const SECRET = 'JBSWY3DPEHPK3PXP';

describe('adding accounts in the vault', () => {
  const app = useAppPerTest();

  it('starts empty, explaining the three ways to add an account', async () => {
    const { page } = app();
    await expect(page.getByRole('heading', { name: 'No accounts yet' }).isVisible()).resolves.toBe(
      true,
    );
    for (const way of ['Paste a setup link', 'Import a QR code image', 'Enter a setup key']) {
      await expect(page.getByRole('button', { name: way }).isVisible()).resolves.toBe(true);
    }
  });

  it('adds a TOTP account from a pasted otpauth:// link and shows its live code', async () => {
    const { page } = app();
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByRole('menuitem', { name: 'Paste a setup link' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an account from a setup link' });
    await dialog
      .getByRole('textbox', { name: 'Setup link' })
      .fill(`otpauth://totp/ACME%20Corp:alice%40example.com?secret=${SECRET}&issuer=ACME%20Corp`);
    await dialog.getByRole('button', { name: 'Add account' }).click();

    const row = accountRow(page, 'ACME Corp: alice@example.com');
    await row.waitFor();
    await expect(dialog.count()).resolves.toBe(0);
    await expectLiveCode(row, totp(SECRET));
    await expect(page.getByRole('status').filter({ hasText: 'Added' }).textContent()).resolves.toBe(
      'Added ACME Corp: alice@example.com',
    );
    // The new row has focus, so Enter copies straight away.
    await expect(row.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
  });

  it('adds an account by its setup key, with advanced options', async () => {
    const { page } = app();
    await page.getByRole('button', { name: 'Enter a setup key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an account by its setup key' });
    await expect(
      dialog
        .getByRole('textbox', { name: 'Service (optional)' })
        .evaluate((el) => el === document.activeElement),
    ).resolves.toBe(true);
    await dialog.getByRole('textbox', { name: 'Service (optional)' }).fill('Example');
    await dialog.getByRole('textbox', { name: 'Account name' }).fill('bob');
    await dialog.getByRole('textbox', { name: 'Setup key' }).fill('gezd gnbv gy3t qojq');
    await dialog.getByText('Advanced options').click();
    await dialog.getByRole('combobox', { name: 'Algorithm' }).selectOption('SHA256');
    await dialog.getByRole('combobox', { name: 'Digits' }).selectOption('8');
    await dialog.getByRole('spinbutton', { name: 'Period (seconds)' }).fill('60');
    await screenshot(page, 'add-manual');
    await dialog.getByRole('textbox', { name: 'Setup key' }).press('Enter');

    const row = accountRow(page, 'Example: bob');
    await row.waitFor();
    const code = await expectLiveCode(
      row,
      totp('GEZDGNBVGY3TQOJQ', { algorithm: 'SHA256', digits: 8, period: 60 }),
    );
    expect(code).toHaveLength(8);
  });

  it('adds a counter-based (HOTP) account and steps to the next code', async () => {
    const { page } = app();
    await page.getByRole('button', { name: 'Paste a setup link' }).click();
    await page
      .getByRole('textbox', { name: 'Setup link' })
      .fill(`otpauth://hotp/Legacy:carol?secret=${SECRET}&counter=5`);
    await page.getByRole('textbox', { name: 'Setup link' }).press('Enter');

    const row = accountRow(page, 'Legacy: carol');
    await row.waitFor();
    const counterOf = async (): Promise<number> =>
      Number((await row.getByText(/^Counter \d+$/).textContent())?.replace('Counter ', ''));
    const first = await counterOf();
    expect(await shownCode(row)).toBe(hotpCode(SECRET, first));
    await expect(row.getByRole('timer').count()).resolves.toBe(0);

    await row.getByRole('button', { name: 'Next code for Legacy: carol' }).click();
    await row.getByText(`Counter ${first + 1}`).waitFor();
    expect(await shownCode(row)).toBe(hotpCode(SECRET, first + 1));
  });

  it('imports an account from an image of its QR code', async () => {
    const { page } = app();
    const dir = await mkdtemp(join(tmpdir(), 'qr-'));
    try {
      const image = join(dir, 'setup.png');
      await QRCode.toFile(
        image,
        `otpauth://totp/Cloud:dave@example.com?secret=${SECRET}&issuer=Cloud&digits=7`,
      );
      await page.getByRole('button', { name: 'Import a QR code image' }).click();
      await page.getByLabel('QR code image', { exact: true }).setInputFiles(image);

      const row = accountRow(page, 'Cloud: dave@example.com');
      await row.waitFor();
      await expectLiveCode(row, totp(SECRET, { digits: 7 }));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
