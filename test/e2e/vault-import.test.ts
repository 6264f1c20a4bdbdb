/**
 * Import with preview, and backup + restore, through the real renderer, the
 * real core and the real keychain: files go in through the file picker and
 * pasted text, the preview shows labels only, and nothing is saved before
 * the user says so.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './a11y';
import { SAVED_FOLDER } from '../../browser-host/server';
import { aegisEncrypted, googleMigrationLinks, SAMPLE } from '../helpers/import-samples';
import {
  accountRow,
  description,
  expectLiveCode,
  screenshot,
  totp,
  useAppPerTest,
} from './helpers';

describe('importing from another authenticator', () => {
  const app = useAppPerTest();

  it('reads an encrypted Aegis export, asks for its password, previews it and imports all of it', async () => {
    const { page, harness } = app();
    const dir = await mkdtemp(join(tmpdir(), 'cda-import-'));
    const file = join(dir, 'aegis-export.json');
    await writeFile(file, aegisEncrypted(SAMPLE, 'correct horse'));
    try {
      await page.getByRole('button', { name: 'Import from another app' }).click();
      const dialog = page.getByRole('dialog', { name: 'Import accounts' });
      await dialog.getByLabel('Export file or QR code image').setInputFiles(file);
      await screenshot(page, 'import-source');
      await expectAccessible(page, 'import-source');
      await dialog.getByRole('button', { name: 'Read' }).click();
      const password = dialog.getByLabel('Password of the export');
      await expect.poll(() => description(password)).toContain('This Aegis export is encrypted');

      await password.fill('wrong password');
      await dialog.getByRole('button', { name: 'Read' }).click();
      await expect.poll(() => description(password)).toContain('The password does not open');
      await expect(harness.services.services.secrets.keys('vault/')).resolves.toEqual([]);

      await password.fill('correct horse');
      await dialog.getByRole('button', { name: 'Read' }).click();
      const preview = page.getByRole('dialog', { name: 'Found 3 accounts in an Aegis export' });
      await preview.getByRole('heading', { name: 'New (3)' }).waitFor();
      const text = (await preview.textContent()) ?? '';
      for (const a of SAMPLE) {
        expect(text).toContain(a.issuer);
        expect(text).not.toContain(a.secret);
      }
      await screenshot(page, 'import-preview');
      await expectAccessible(page, 'import-preview');
      await preview.getByRole('button', { name: 'Import 3 accounts' }).click();
      await expectLiveCode(accountRow(page, 'GitHub: ada@example.com'), totp(SAMPLE[0]!.secret));
      await expect(
        accountRow(page, 'Steam: ada_games').getByTestId('code').textContent(),
      ).resolves.toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{3} [23456789BCDFGHJKMNPQRTVWXY]{2}$/);
      await expect(
        page.getByRole('status').filter({ hasText: 'Imported' }).textContent(),
      ).resolves.toBe('Imported 3 accounts');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('pasted Google Authenticator links: duplicates get a choice, unusable lines say why, skipped ones stay out', async () => {
    const { page, harness } = app();
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByRole('menuitem', { name: 'Paste a setup link' }).click();
    const add = page.getByRole('dialog', { name: 'Add an account from a setup link' });
    await add
      .getByRole('textbox', { name: 'Setup link' })
      .fill(`otpauth://totp/GitHub:ada%40example.com?secret=${SAMPLE[0]!.secret}&issuer=GitHub`);
    await add.getByRole('button', { name: 'Add account' }).click();
    await accountRow(page, 'GitHub: ada@example.com').waitFor();

    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByRole('menuitem', { name: 'Import from another app…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import accounts' });
    const links = googleMigrationLinks(
      SAMPLE.filter((a) => a.type !== 'steam'),
      1,
    );
    await dialog
      .getByLabel('Or paste the exported text')
      .fill([...links, 'otpauth://totp/Old:bob?secret=JBSWY3DPEHPK3PXP&algorithm=MD5'].join('\n'));
    await dialog.getByRole('button', { name: 'Read' }).click();
    const preview = page.getByRole('dialog', { name: /Found 2 accounts/ });
    await preview.getByRole('heading', { name: 'Already in the vault (1)' }).waitFor();
    await expect(
      preview.getByRole('heading', { name: 'Cannot be imported (1)' }).isVisible(),
    ).resolves.toBe(true);
    await expect(preview.getByText(/MD5.*not supported/).isVisible()).resolves.toBe(true);
    const choice = preview.getByRole('combobox', {
      name: 'What to do with GitHub: ada@example.com',
    });
    await expect(choice.inputValue()).resolves.toBe('skip');
    await screenshot(page, 'import-duplicates');
    await expectAccessible(page, 'import-duplicates');
    await preview.getByRole('button', { name: 'Import 1 account' }).click();
    await accountRow(page, 'Example Bank: ada').waitFor();
    await expect(page.getByRole('listitem').filter({ hasText: 'GitHub' }).count()).resolves.toBe(1);
    expect(await harness.services.services.secrets.keys('vault/')).toHaveLength(2);
  });
});

describe('backing up and restoring', () => {
  const app = useAppPerTest();

  it('saves an encrypted backup, and restores it with the same preview after everything is gone', async () => {
    const { page, harness } = app();
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByRole('menuitem', { name: 'Paste a setup link' }).click();
    const add = page.getByRole('dialog', { name: 'Add an account from a setup link' });
    await add
      .getByRole('textbox', { name: 'Setup link' })
      .fill(`otpauth://totp/ACME:alice?secret=${SAMPLE[1]!.secret}&issuer=ACME`);
    await add.getByRole('button', { name: 'Add account' }).click();
    const row = accountRow(page, 'ACME: alice');
    const code = await expectLiveCode(row, totp(SAMPLE[1]!.secret));

    await page.getByRole('button', { name: 'Import & backup' }).click();
    await page.getByRole('menuitem', { name: 'Back up…' }).click();
    const backup = page.getByRole('dialog', { name: 'Back up the vault' });
    await backup.getByLabel('Passphrase', { exact: true }).fill('a long backup passphrase');
    await backup.getByLabel('Passphrase again').fill('a long backup passphrase!');
    await backup.getByRole('button', { name: 'Save backup…' }).click();
    await expect
      .poll(() => description(backup.getByLabel('Passphrase again')))
      .toContain('not the same');
    await backup.getByLabel('Passphrase again').fill('a long backup passphrase');
    await screenshot(page, 'backup');
    await expectAccessible(page, 'backup');
    await backup.getByRole('button', { name: 'Save backup…' }).click();
    await backup.waitFor({ state: 'detached', timeout: 20_000 });
    const folder = join(harness.dataDir, SAVED_FOLDER);
    const [name] = await readdir(folder);
    const file = join(folder, name!);
    expect((await readFile(file)).toString('latin1')).not.toContain(SAMPLE[1]!.secret);

    await harness.services.services.vault.deleteNow(
      (await harness.services.services.vault.list())[0]!.id,
    );
    await page.getByRole('heading', { name: 'No accounts yet' }).waitFor();

    await page.getByRole('button', { name: 'Import & backup' }).click();
    await page.getByRole('menuitem', { name: 'Restore from a backup…' }).click();
    const restore = page.getByRole('dialog', { name: 'Restore from a backup' });
    await restore.getByLabel('Backup file').setInputFiles(file);
    await restore.getByLabel('Backup passphrase').fill('not it at all');
    await restore.getByRole('button', { name: 'Read' }).click();
    await expect
      .poll(() => description(restore.getByLabel('Backup passphrase')), { timeout: 20_000 })
      .toContain('The password does not open this backup');
    await restore.getByLabel('Backup passphrase').fill('a long backup passphrase');
    await restore.getByRole('button', { name: 'Read' }).click();
    const preview = page.getByRole('dialog', {
      name: 'Found 1 account in a backup made by this app',
    });
    await preview.waitFor({ timeout: 20_000 });
    await screenshot(page, 'restore-preview');
    await expectAccessible(page, 'restore-preview');
    await preview.getByRole('button', { name: 'Import 1 account' }).click();
    const back = await expectLiveCode(row, totp(SAMPLE[1]!.secret));
    expect(back.length).toBe(code.length);
  });
});

describe('guarding what a sign-in depends on', () => {
  const app = useAppPerTest();

  it('names the profile before deleting its authenticator account, offers a backup, and warns before an export', async () => {
    const { page, harness } = app();
    const services = harness.services.services;
    const added = await services.vault.addUri(
      `otpauth://totp/Corp:alice?secret=${SAMPLE[0]!.secret}&issuer=Corp`,
    );
    await services.state.update((draft) => {
      draft.cognito = {
        version: 1,
        profiles: [
          {
            id: 'p1',
            displayName: 'Corp SSO',
            region: 'eu-west-1',
            userPoolId: 'eu-west-1_abc',
            clientId: 'client',
            hasClientSecret: false,
            authFlow: 'USER_SRP_AUTH',
            authSessionValidityMinutes: 3,
          },
        ],
        aliases: { p1: { alice: 'user-1' } },
        vaultLinks: { p1: { 'user-1': added.id } },
      };
    });
    const row = accountRow(page, 'Corp: alice');
    await row.waitFor();
    await page.getByRole('button', { name: 'Actions for Corp: alice' }).click();
    await page.getByRole('menuitem', { name: 'Delete…' }).click();
    const warning = page.getByRole('dialog', {
      name: 'Delete Corp: alice? Corp SSO signs in with it',
    });
    await expect(warning.textContent()).resolves.toContain('The sign-in of alice at Corp SSO uses');
    await screenshot(page, 'delete-dependency');
    await expectAccessible(page, 'delete-dependency');
    await warning.getByRole('button', { name: 'Back up first…' }).click();
    await page
      .getByRole('dialog', { name: 'Back up the vault' })
      .getByRole('button', { name: 'Cancel' })
      .click();
    await row.waitFor();
    expect((await services.vault.list()).map((a) => a.id)).toEqual([added.id]);

    await page.getByRole('button', { name: 'Import & backup' }).click();
    await page.getByRole('menuitem', { name: 'Export (not encrypted)…' }).click();
    const exportDialog = page.getByRole('dialog', { name: 'Export accounts (not encrypted)' });
    const qr = exportDialog.getByRole('button', { name: 'Show transfer QR codes' });
    await expect(qr.isDisabled()).resolves.toBe(true);
    await exportDialog.getByLabel('I understand the export is not encrypted').check();
    await screenshot(page, 'export-warning');
    await expectAccessible(page, 'export-warning');
    await qr.click();
    const codes = page.getByRole('dialog', { name: 'Scan with Google Authenticator' });
    await codes.getByRole('img', { name: 'Transfer QR code 1 of 1' }).waitFor();
  });
});
