/**
 * Profiles through Settings end to end: adding one with a wrong value shows
 * the error on that field, the corrected profile signs in, and editing and
 * removing (behind a confirmation) work.
 */
import { describe, expect, it } from 'vitest';
import { useBrowserAndApp } from './helpers';
import {
  PASSWORD,
  createPool,
  enterPassword,
  heading,
  openSignIn,
  screenshotStep,
  useEmulatorAndApp,
} from './sign-in-fixtures';

describe('profiles in Settings', () => {
  const session = useEmulatorAndApp();

  it('adds a profile (a wrong pool id is named on its field), signs in with it, signs out everywhere, renames and removes it', async () => {
    const emu = await session.startEmulator({ port: 0 });
    const pool = await createPool(emu, { name: 'stark', mfa: 'OFF' });
    await emu.admin.createUser(pool.poolId, 'gina', PASSWORD);
    const app = await session.openApp();
    const { page } = app;

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Settings' })
      .click();
    await heading(page, 'Settings');
    await page.getByText('No profiles yet.').waitFor();
    await page.getByRole('button', { name: 'Add profile…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a profile' });
    await expect(
      dialog.getByLabel('Name').evaluate((el) => el === document.activeElement),
    ).resolves.toBe(true);
    await dialog.getByLabel('Name').fill('Stark staging');
    await dialog.getByLabel('Region').fill(emu.region);
    await dialog.getByLabel('User pool id').fill('eu-west-1_Stark1234');
    await dialog.getByLabel('App client id').fill(pool.clientId);
    await dialog.getByText('Advanced').click();
    await dialog.getByLabel('Endpoint (optional)').fill(emu.url);
    await dialog.getByRole('button', { name: 'Add profile' }).click();

    const poolField = dialog.getByLabel('User pool id');
    await dialog.getByText("The pool id's region").waitFor();
    await expect(poolField.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(poolField.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await screenshotStep(page, 'profiles-add-error');

    await poolField.fill(pool.poolId);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    const card = page.getByRole('listitem', { name: 'Stark staging' });
    await card.waitFor();
    await expect(card.getByText('Default', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(card.getByText('Not signed in').isVisible()).resolves.toBe(true);

    await openSignIn(page);
    await enterPassword(page, 'Stark staging', 'gina', PASSWORD);
    await heading(page, 'Signed in as gina');

    // Sign out everywhere asks first; Cancel keeps the session, confirming ends it.
    await page.getByRole('button', { name: 'Sign out everywhere…' }).click();
    const everywhere = page.getByRole('dialog', { name: 'Sign out everywhere?' });
    await expect(
      everywhere
        .getByRole('button', { name: 'Cancel' })
        .evaluate((el) => el === document.activeElement),
    ).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await heading(page, 'Signed in as gina');
    await page.getByRole('button', { name: 'Sign out everywhere…' }).click();
    await everywhere.getByRole('button', { name: 'Sign out everywhere' }).click();
    await heading(page, 'Sign in to Stark staging');
    await page.getByRole('status').filter({ hasText: 'Signed out on every device.' }).waitFor();
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.keyboard.press('Enter');
    await heading(page, 'Signed in as gina');

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Settings' })
      .click();
    await card.getByText('Signed in as gina').waitFor();
    await card.getByRole('button', { name: 'Edit Stark staging' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Stark staging' });
    await edit.getByLabel('Name').fill('Stark production');
    await edit.getByRole('button', { name: 'Save profile' }).click();
    const renamed = page.getByRole('listitem', { name: 'Stark production' });
    await renamed.waitFor();

    await renamed.getByRole('button', { name: 'Remove Stark production' }).click();
    const confirm = page.getByRole('dialog', { name: 'Remove Stark production?' });
    await confirm.getByRole('button', { name: 'Remove profile' }).click();
    await renamed.waitFor({ state: 'detached' });
    await page.getByText('No profiles yet.').waitFor();
    // Its tokens went with it: nothing is signed in any more.
    const state = await app.harness.services.dispatch('auth:state', {});
    expect(state).toEqual({ ok: true, value: { sessions: [] } });
  });
});

describe('app settings', () => {
  const session = useBrowserAndApp();

  it('changes the clipboard delay, locks and unlocks, and explains the empty CLI access list', async () => {
    const app = await session.openApp();
    const { page } = app;
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Settings' })
      .click();
    const delay = page.getByLabel('Clear a copied code after (seconds)');
    await expect.poll(() => delay.inputValue()).toBe('30');
    await page.getByText('No program may use the command line without asking.').waitFor();
    await screenshotStep(page, 'profiles-app-settings');

    await delay.fill('-5');
    await delay.press('Enter');
    // Words for people, about this field: no "seconds:" prefix from the schema.
    await page
      .getByText(
        'Enter a whole number of seconds from 0 to 3600 (an hour). 0 keeps copied codes on the clipboard.',
        { exact: true },
      )
      .waitFor();
    await expect(delay.getAttribute('aria-invalid')).resolves.toBe('true');
    await delay.fill('45');
    await delay.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: 'Copied codes now clear after 45 s.' })
      .waitFor();
    expect(app.harness.services.services.clipboard.clearDelaySeconds).toBe(45);

    const lock = page.getByRole('region', { name: 'Lock' });
    await lock.getByRole('button', { name: 'Lock now' }).click();
    await lock.getByText('The app is locked').waitFor();
    await lock.getByRole('button', { name: 'Unlock' }).click();
    await lock.getByText('The app is unlocked').waitFor();
  });
});
