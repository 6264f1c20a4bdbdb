/**
 * Every screen, wizard step and dialog, in light and dark: axe-core finds
 * nothing at WCAG 2.1 AA, and each reflows into 320 × 640 CSS pixels without
 * sideways scrolling, cut-off text or controls drawn over one another.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, expectNoAxeViolations, expectReflow, REFLOW_VIEWPORT } from './a11y';
import { accountRow } from './helpers';
import type { AppPage } from './helpers';
import {
  PASSWORD,
  addProfile,
  createPool,
  enterPassword,
  heading,
  openSignIn,
  phoneCode,
  seedTotpPool,
  useEmulatorAndApp,
} from './sign-in-fixtures';
import { dispatchOk } from '../helpers/dispatch';

/** Long enough to be cut short or push the code out on a narrow window. */
const LONG_ACCOUNTS = [
  'otpauth://totp/Amazon%20Web%20Services%20Console:platform-operations-oncall%40very-long-company-name.example?secret=JBSWY3DPEHPK3PXP&issuer=Amazon%20Web%20Services%20Console',
  'otpauth://totp/GitHub:alice?secret=GEZDGNBVGY3TQOJQ&issuer=GitHub',
  'otpauth://totp/Eight:bob?secret=MFRGGZDFMZTWQ2LK&issuer=Eight&digits=8',
];

function nav(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
}

/** Each account's names and code are on screen in full at `width` px. */
async function expectAccountsVisibleAt(page: Page, width: number): Promise<void> {
  await page.setViewportSize({ width, height: REFLOW_VIEWPORT.height });
  try {
    const rows = page.getByRole('list', { name: 'Accounts' }).getByRole('listitem');
    for (const row of await rows.all()) {
      for (const part of [
        row.locator('.account-issuer'),
        row.locator('.account-name'),
        row.getByTestId('code'),
        row.getByRole('button', { name: /^Copy code for / }),
      ]) {
        await part.scrollIntoViewIfNeeded();
        const box = await part.boundingBox();
        expect(box, `${await row.getAttribute('aria-label')}`).not.toBeNull();
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width).toBeLessThanOrEqual(width);
        const clipped = await part.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
        expect(clipped, `${await part.textContent()} is cut off`).toBe(false);
      }
    }
  } finally {
    await page.setViewportSize({ width: 960, height: 760 });
  }
}

/** The dialog an action opened, checked, then closed with Esc (a nested one first). */
async function expectDialogAccessible(page: Page, opener: string): Promise<void> {
  const dialog = page.getByRole('dialog').last();
  await dialog.waitFor();
  await expectAccessible(page, `the dialog of “${opener}”`);
  while ((await page.getByRole('dialog').count()) > 0) {
    await page.keyboard.press('Escape');
    await page.waitForTimeout(50);
  }
}

for (const colorScheme of ['light', 'dark'] as const) {
  describe(`accessibility of every screen (${colorScheme})`, () => {
    const session = useEmulatorAndApp();
    const open = (): Promise<AppPage> => session.openApp({ colorScheme });

    it('vault: empty, each way to add, a long list, search, menu, rename and delete', async () => {
      const app = await open();
      const { page } = app;
      await page.getByRole('heading', { name: 'No accounts yet' }).waitFor();
      await expectAccessible(page, 'empty vault');

      for (const [way, title] of [
        [0, 'Add an account from a setup link'],
        [1, 'Add an account from a QR code image'],
        [2, 'Add an account by its setup key'],
      ] as const) {
        await page.locator('.empty-ways').getByRole('button').nth(way).click();
        await page.getByRole('dialog', { name: title }).waitFor();
        await expectAccessible(page, `${title} dialog`);
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').waitFor({ state: 'detached' });
      }

      for (const uri of LONG_ACCOUNTS) {
        await dispatchOk(app.harness.services, 'vault:addUri', { uri });
      }
      await accountRow(page, 'Eight: bob').waitFor();
      await expectAccessible(page, 'vault with accounts');
      await expectAccountsVisibleAt(page, 320);
      // Wider, but still narrower than the layout's single row: names were cut short here.
      await expectAccountsVisibleAt(page, 500);

      await page.getByRole('searchbox', { name: 'Search accounts' }).fill('nothing like it');
      await page.locator('.no-matches').getByText('No accounts match “nothing like it”.').waitFor();
      await expectAccessible(page, 'vault search without matches');
      await page.getByRole('searchbox', { name: 'Search accounts' }).fill('');

      const row = accountRow(page, 'GitHub: alice');
      await row.getByRole('button', { name: 'Actions for GitHub: alice' }).click();
      await page.getByRole('menuitem', { name: 'Rename…' }).waitFor();
      await expectNoAxeViolations(page, 'account actions menu');
      await page.getByRole('menuitem', { name: 'Rename…' }).click();
      await page.getByRole('dialog', { name: 'Rename GitHub: alice' }).waitFor();
      await page.getByRole('textbox', { name: 'Account name' }).fill('');
      await page.keyboard.press('Enter');
      await page.getByText('Enter the account name.').waitFor();
      await expectAccessible(page, 'rename dialog with an error');
      await page.keyboard.press('Escape');

      for (const item of ['Groups…', 'Re-enroll (new setup key)…']) {
        await row.getByRole('button', { name: 'Actions for GitHub: alice' }).click();
        await page.getByRole('menuitem', { name: item }).click();
        await expectDialogAccessible(page, item);
      }
      for (const item of [
        'Import from another app…',
        'Back up…',
        'Restore from a backup…',
        'Export (not encrypted)…',
        'Trash…',
      ]) {
        await page.getByRole('button', { name: 'Import & backup' }).click();
        await page.getByRole('menuitem', { name: item }).click();
        await expectDialogAccessible(page, item);
      }

      await row.focus();
      await page.keyboard.press('Delete');
      await page.getByRole('dialog', { name: 'Delete GitHub: alice?' }).waitFor();
      await expectAccessible(page, 'delete confirmation');
      await page.keyboard.press('Escape');
    });

    it('sign-in: profiles, password, an error, MFA setup, signed in; then devices and settings', async () => {
      const emu = await session.startEmulator({ port: 0 });
      const pool = await createPool(emu, { name: 'hooli', mfa: 'ON', devices: 'always' });
      await emu.admin.createUser(pool.poolId, 'erin', PASSWORD);
      const app = await open();
      await addProfile(app, emu, pool, 'Hooli');
      const { page } = app;

      await nav(page, 'Devices');
      await page.getByRole('heading', { name: 'Sign in to see your devices' }).waitFor();
      await expectAccessible(page, 'devices, signed out');
      await app.harness.services.services.cliAccess.allow({
        cli: { pid: 10, exe: '/usr/local/bin/cognito-auth' },
        program: { pid: 11, exe: '/opt/hashicorp/terraform/bin/terraform-provider-aws_v5.80.0_x5' },
        parent: { pid: 12, exe: '/usr/bin/bash' },
        key: 'a11y-test-caller',
      });
      await nav(page, 'Settings');
      await page.getByRole('listitem', { name: 'Hooli' }).waitFor();
      await page.getByRole('table', { name: 'Programs allowed without asking' }).waitFor();
      await expectAccessible(page, 'settings, signed out');
      await page.getByRole('button', { name: 'Add profile…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add a profile' });
      await dialog.getByRole('button', { name: 'Add profile' }).click();
      await dialog.getByText('Give the profile a name').waitFor();
      await dialog.getByText('Advanced').click();
      await expectAccessible(page, 'add-profile dialog with an error');
      await page.keyboard.press('Escape');

      await openSignIn(page);
      await expectAccessible(page, 'profile chooser');
      await page.getByRole('button', { name: /^Hooli/ }).click();
      await heading(page, 'Sign in to Hooli');
      await expectAccessible(page, 'password step');
      await page.getByLabel('Username or email').fill('erin');
      await page.getByLabel('Password', { exact: true }).fill('Not-the-passw0rd');
      await page.keyboard.press('Enter');
      await page.locator('.field-error-message', { hasText: 'Incorrect username' }).waitFor();
      await expectAccessible(page, 'password step with an error');

      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.keyboard.press('Enter');
      await heading(page, 'Set up your authenticator app');
      await expectAccessible(page, 'MFA setup');
      await page.getByLabel('Or use this computer as the authenticator').check();
      await expectAccessible(page, 'MFA setup with this computer');
      await page.keyboard.press('Enter');
      await heading(page, 'Signed in as erin');
      await expectAccessible(page, 'signed in');

      await nav(page, 'Devices');
      await page.getByRole('table').getByRole('row').nth(1).waitFor();
      await expectAccessible(page, 'devices');
      await page.getByRole('button', { name: /^Forget / }).click();
      await page.getByRole('dialog', { name: 'Forget this computer?' }).waitFor();
      await expectAccessible(page, 'forget confirmation');
      await page.keyboard.press('Escape');

      await nav(page, 'Settings');
      await page.getByRole('heading', { name: 'Multi-factor authentication' }).waitFor();
      await page.getByRole('table').first().waitFor();
      await expectAccessible(page, 'settings, signed in');
    });

    it('admin, as a first-time user meets it', async () => {
      const { page } = await open();
      await nav(page, 'Admin');
      await heading(page, 'Admin');
      await expectAccessible(page, 'admin');
    });

    it('sign-in: the authenticator code and "Remember this computer?"', async () => {
      const emu = await session.startEmulator({ port: 0 });
      const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
      const pool = await seedTotpPool(emu, {
        id: 'us-east-1_A11yPool1',
        clientId: 'a11yclient0000000000000000',
        name: 'a11y',
        username: 'ivy',
        secret,
        optInDevices: true,
      });
      const app = await open();
      await addProfile(app, emu, pool, 'Initech');
      const { page } = app;
      await openSignIn(page);
      await enterPassword(page, 'Initech', 'ivy', PASSWORD);
      await heading(page, 'Enter the code from your authenticator');
      await expectAccessible(page, 'authenticator code');
      await page.getByLabel('Authenticator code').pressSequentially(await phoneCode(secret));
      await heading(page, 'Remember this computer?');
      await expectAccessible(page, 'remember this computer');
    });
  });
}

describe('the reflow check itself', () => {
  const session = useEmulatorAndApp();

  it('fails a page that scrolls sideways', async () => {
    const { page } = await session.openApp();
    await page.evaluate(() => {
      document.querySelector('h1')!.textContent = 'W'.repeat(60);
    });
    await expect(expectReflow(page, 'a page with an unbreakable title')).rejects.toThrow(
      /scrolls sideways|sticks out/,
    );
  });
});
