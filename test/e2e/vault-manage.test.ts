/**
 * Living with accounts: copy (mouse and keyboard), search, rename, reorder and
 * delete, through the real renderer against the real core and keychain.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  accountNames,
  accountRow,
  eventually,
  expectLiveCode,
  shownCode,
  totp,
  useAppPerTest,
} from './helpers';
import type { AppPage } from './helpers';
import { dispatchOk } from '../helpers/dispatch';

const SECRETS = {
  github: 'JBSWY3DPEHPK3PXP',
  aws: 'GEZDGNBVGY3TQOJQ',
  mail: 'MFRGGZDFMZTWQ2LK',
};

async function add(app: AppPage, uri: string): Promise<void> {
  await dispatchOk(app.harness.services, 'vault:addUri', { uri });
}

async function addThree(app: AppPage): Promise<void> {
  await add(app, `otpauth://totp/GitHub:alice?secret=${SECRETS.github}`);
  await add(app, `otpauth://totp/AWS:alice?secret=${SECRETS.aws}`);
  await add(app, `otpauth://totp/Mail:alice?secret=${SECRETS.mail}`);
  await eventually(() => accountNames(app.page), ['GitHub: alice', 'AWS: alice', 'Mail: alice']);
}

function visibleAccounts(page: Page) {
  return page
    .getByRole('list', { name: 'Accounts' })
    .getByRole('listitem')
    .filter({ visible: true });
}

async function toastText(page: Page): Promise<string> {
  const toast = page.locator('.toast');
  await toast.waitFor();
  return (await toast.textContent()) ?? '';
}

describe('managing accounts in the vault', () => {
  const app = useAppPerTest();

  it('copies the current code through the clipboard port and says when it clears', async () => {
    const { page, harness } = app();
    await add(app(), `otpauth://totp/GitHub:alice?secret=${SECRETS.github}`);
    const row = accountRow(page, 'GitHub: alice');
    await expectLiveCode(row, totp(SECRETS.github));

    const reference = totp(SECRETS.github);
    const before = Date.now();
    await row.getByRole('button', { name: 'Copy code for GitHub: alice' }).click();
    expect(await toastText(page)).toBe('Copied — clears in 30 s');
    const after = Date.now();
    expect([
      reference.generate({ timestamp: before }),
      reference.generate({ timestamp: after }),
    ]).toContain(harness.clipboard.readText());
    expect(harness.clipboard.lastConcealed).toBe(true);
  });

  it('works from the keyboard: / searches, arrows move, Enter copies, Esc clears', async () => {
    const { page, harness } = app();
    await addThree(app());

    await page.keyboard.press('/');
    const search = page.getByRole('searchbox', { name: 'Search accounts' });
    await expect(search.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.type('a');
    // "GitHub: alice" and the others all contain an "a"; narrow it down.
    await page.keyboard.type('ws');
    await eventually(async () => await visibleAccounts(page).count(), 1);

    await page.keyboard.press('Escape');
    await eventually(() => search.inputValue(), '');
    await eventually(async () => await visibleAccounts(page).count(), 3);

    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const aws = accountRow(page, 'AWS: alice');
    await expect(aws.evaluate((el) => el === document.activeElement)).resolves.toBe(true);

    const reference = totp(SECRETS.aws);
    const before = Date.now();
    await page.keyboard.press('Enter');
    expect(await toastText(page)).toBe('Copied — clears in 30 s');
    expect([
      reference.generate({ timestamp: before }),
      reference.generate({ timestamp: Date.now() }),
    ]).toContain(harness.clipboard.readText());

    await page.getByRole('searchbox', { name: 'Search accounts' }).fill('nothing like this');
    await page.locator('.no-matches').getByText('No accounts match “nothing like this”.').waitFor();
  });

  it('renames an account, and the new name survives a reload', async () => {
    const { page } = app();
    await add(app(), `otpauth://totp/GitHub:alice?secret=${SECRETS.github}`);
    await page.getByRole('button', { name: 'Actions for GitHub: alice' }).click();
    await page.getByRole('menuitem', { name: 'Rename…' }).click();

    const dialog = page.getByRole('dialog', { name: 'Rename GitHub: alice' });
    const service = dialog.getByRole('textbox', { name: 'Service (optional)' });
    expect(await service.inputValue()).toBe('GitHub');
    await service.fill('GitHub Enterprise');
    await dialog.getByRole('textbox', { name: 'Account name' }).fill('alice.work');
    await dialog.getByRole('button', { name: 'Save' }).click();

    const renamed = accountRow(page, 'GitHub Enterprise: alice.work');
    await renamed.waitFor();
    await expectLiveCode(renamed, totp(SECRETS.github));
    await page.reload();
    await renamed.waitFor();
    expect(await accountNames(page)).toEqual(['GitHub Enterprise: alice.work']);
  });

  it('reorders with the actions menu and with Alt+arrows, and keeps the order', async () => {
    const { page } = app();
    await addThree(app());

    await page.getByRole('button', { name: 'Actions for GitHub: alice' }).click();
    await expect(page.getByRole('menuitem', { name: 'Move up' }).isDisabled()).resolves.toBe(true);
    await page.getByRole('menuitem', { name: 'Move down' }).click();
    await eventually(() => accountNames(page), ['AWS: alice', 'GitHub: alice', 'Mail: alice']);

    const mail = accountRow(page, 'Mail: alice');
    await mail.focus();
    await page.keyboard.press('Alt+ArrowUp');
    await page.keyboard.press('Alt+ArrowUp');
    await eventually(() => accountNames(page), ['Mail: alice', 'AWS: alice', 'GitHub: alice']);
    await expect(mail.evaluate((el) => el === document.activeElement)).resolves.toBe(true);

    await page.reload();
    await eventually(() => accountNames(page), ['Mail: alice', 'AWS: alice', 'GitHub: alice']);
  });

  it('deletes only after confirmation, to the Trash; emptying the Trash leaves no secret behind', async () => {
    const { page, harness } = app();
    await add(app(), `otpauth://totp/GitHub:alice?secret=${SECRETS.github}`);
    const row = accountRow(page, 'GitHub: alice');
    await row.waitFor();

    await page.getByRole('button', { name: 'Actions for GitHub: alice' }).click();
    await page.getByRole('menuitem', { name: 'Delete…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete GitHub: alice?' });
    await dialog.waitFor();
    // Focus starts on the safe choice.
    await expect(
      dialog
        .getByRole('button', { name: 'Cancel' })
        .evaluate((el) => el === document.activeElement),
    ).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await shownCode(row)).toMatch(/^\d{6}$/);

    await row.focus();
    await page.keyboard.press('Delete');
    await dialog.getByRole('button', { name: 'Move to Trash' }).click();
    await page.getByRole('heading', { name: 'No accounts yet' }).waitFor();
    expect(await toastText(page)).toBe('Moved GitHub: alice to the Trash');
    expect(await harness.services.services.secrets.keys()).toHaveLength(1);

    await page.getByRole('button', { name: 'Import & backup' }).click();
    await page.getByRole('menuitem', { name: 'Trash…' }).click();
    const trash = page.getByRole('dialog', { name: 'Trash' });
    await trash.getByRole('listitem').filter({ hasText: 'GitHub: alice' }).waitFor();
    await trash.getByRole('button', { name: 'Empty Trash…' }).click();
    await page
      .getByRole('dialog', { name: 'Empty the Trash?' })
      .getByRole('button', { name: 'Empty Trash' })
      .click();
    await trash.getByText('The Trash is empty.').waitFor();
    expect(await harness.services.services.secrets.keys()).toEqual([]);
  });
});
