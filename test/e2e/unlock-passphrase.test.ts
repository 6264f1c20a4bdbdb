/**
 * Settings → Lock: the unlock passphrase chosen before the first lock, then
 * changed (the current one asked for first), and the lock screen taking only
 * the new one afterwards. Browser host, real core and keychain.
 */
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './a11y';
import { screenshot, useBrowserAndApp } from './helpers';

const FIRST = 'staple battery horse';
const SECOND = 'correct horse again';

describe('the unlock passphrase in Settings', () => {
  const session = useBrowserAndApp();

  it('is chosen, changed with the current one, and only the new one unlocks', async () => {
    const { page } = await session.openApp();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Settings' })
      .click();
    const lock = page.getByRole('region', { name: 'Lock' });
    await lock.getByText('No unlock passphrase yet').waitFor();

    await lock.getByRole('button', { name: 'Choose the unlock passphrase…' }).click();
    const choose = page.getByRole('dialog', { name: 'Choose the unlock passphrase' });
    await expect(
      choose.getByLabel('New unlock passphrase').evaluate((el) => el === document.activeElement),
    ).resolves.toBe(true);
    await choose.getByLabel('New unlock passphrase').fill(FIRST);
    await choose.getByLabel('Repeat the passphrase').fill('something else');
    await page.keyboard.press('Enter');
    await choose.getByText('The two passphrases are not the same.').waitFor();
    await expect(
      choose.getByLabel('Repeat the passphrase').getAttribute('aria-invalid'),
    ).resolves.toBe('true');
    await choose.getByLabel('Repeat the passphrase').fill(FIRST);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Unlock passphrase chosen.' }).waitFor();
    await lock.getByText('Unlocking asks for your unlock passphrase.').waitFor();

    await lock.getByRole('button', { name: 'Change the unlock passphrase…' }).click();
    const change = page.getByRole('dialog', { name: 'Change the unlock passphrase' });
    await change.getByLabel('Current unlock passphrase').fill('not it at all');
    await change.getByLabel('New unlock passphrase').fill(SECOND);
    await change.getByLabel('Repeat the new passphrase').fill(SECOND);
    await page.keyboard.press('Enter');
    await change.getByText('The current passphrase is not right.').waitFor();
    await expect(
      change.getByLabel('Current unlock passphrase').getAttribute('aria-invalid'),
    ).resolves.toBe('true');
    await expectAccessible(page, 'change the unlock passphrase');
    await screenshot(page, 'settings-change-passphrase');
    await page.setViewportSize({ width: 320, height: 720 });
    await screenshot(page, 'settings-change-passphrase-320');
    await page.setViewportSize({ width: 960, height: 760 });
    await change.getByLabel('Current unlock passphrase').fill(FIRST);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Unlock passphrase changed.' }).waitFor();
    await change.waitFor({ state: 'detached' });

    await lock.getByRole('button', { name: 'Lock now' }).click();
    const field = page.getByLabel('Unlock passphrase');
    await field.fill(FIRST);
    await page.keyboard.press('Enter');
    await page.getByText('That is not the unlock passphrase.').waitFor();
    await field.fill(SECOND);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  });
});
