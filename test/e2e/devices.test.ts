/**
 * The devices screen end to end: this computer and another one listed with
 * their names and remembered state, Forget behind a confirmation, and after
 * forgetting this computer the next sign-in asks for MFA again (no stale
 * device key), where the vault fills the code in with one action.
 */
import { describe, expect, it } from 'vitest';
import { createClock } from '../../emulator/index';
import { createEngine } from '../integration/helpers';
import {
  PASSWORD,
  addProfile,
  createPool,
  enterPassword,
  heading,
  openSignIn,
  phoneCode,
  screenshotStep,
  shownSetupKey,
  useEmulatorAndApp,
} from './sign-in-fixtures';

describe('the devices screen', () => {
  const session = useEmulatorAndApp();

  it('lists this computer and another, forgets each behind a confirmation, and heals the next sign-in', async () => {
    // One clock for the app and the emulator, moved between sign-ins so no TOTP code is used twice.
    const clock = createClock();
    const emu = await session.startEmulator({ port: 0, clock });
    const pool = await createPool(emu, { name: 'hooli', mfa: 'ON', devices: 'always' });
    await emu.admin.createUser(pool.poolId, 'erin', PASSWORD);
    const app = await session.openApp({ clock });
    await addProfile(app, emu, pool, 'Hooli');
    const { page } = app;
    const rows = page.getByRole('table').getByRole('row');

    // This computer becomes erin's authenticator and a remembered device.
    await openSignIn(page);
    await enterPassword(page, 'Hooli', 'erin', PASSWORD);
    await heading(page, 'Set up your authenticator app');
    const key = await shownSetupKey(page);
    await page.getByLabel('Use this computer as the authenticator').check();
    await page.keyboard.press('Enter');
    await heading(page, 'Signed in as erin');
    await page
      .getByRole('status')
      .filter({ hasText: 'This computer is now remembered.' })
      .waitFor();

    // Another computer signs in as erin through the engine alone.
    clock.advance(30_000);
    const other = createEngine(emu, { deviceName: 'build-server (Linux)' });
    const otherProfile = await other.addProfile(pool);
    const mfa = await other.service.startSignIn(otherProfile, 'erin', PASSWORD);
    expect(mfa.kind).toBe('SOFTWARE_TOKEN_MFA');
    const done = await other.service.respond(mfa.attemptId, {
      kind: 'SOFTWARE_TOKEN_MFA',
      code: await phoneCode(key, () => clock.now()),
    });
    expect(done.device?.status).toBe('remembered');

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Devices' })
      .click();
    await heading(page, 'Devices');
    const thisRow = rows.filter({ hasText: 'This device' });
    const otherRow = rows.filter({ hasText: 'build-server (Linux)' });
    await otherRow.waitFor();
    await expect(rows.count()).resolves.toBe(3);
    await expect(thisRow.getByRole('cell').allTextContents()).resolves.toEqual([
      'just now',
      'Remembered',
      expect.any(String),
    ]);
    await expect(otherRow.getByRole('cell').nth(1).textContent()).resolves.toBe('Remembered');
    await screenshotStep(page, 'devices');

    // Stop remembering the other computer: it stays listed, no longer remembered.
    await otherRow.getByRole('button', { name: 'Stop remembering build-server (Linux)' }).click();
    await page.getByRole('status').filter({ hasText: 'is no longer remembered' }).waitFor();
    await expect(otherRow.getByRole('cell').nth(1).textContent()).resolves.toBe('Not remembered');

    // Forget the other computer: a confirmation first, Cancel keeps it.
    await otherRow.getByRole('button', { name: 'Forget build-server (Linux)' }).click();
    const confirm = page.getByRole('dialog', { name: 'Forget build-server (Linux)?' });
    await confirm.waitFor();
    await screenshotStep(page, 'devices-forget');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(rows.count()).resolves.toBe(3);
    await otherRow.getByRole('button', { name: 'Forget build-server (Linux)' }).click();
    await confirm.getByRole('button', { name: 'Forget device' }).click();
    await page.getByRole('status').filter({ hasText: 'Forgot build-server (Linux).' }).waitFor();
    await expect(rows.count()).resolves.toBe(2);

    // Forget this computer: its local keys go too.
    await thisRow.getByRole('button', { name: /^Forget / }).click();
    await page
      .getByRole('dialog', { name: 'Forget this computer?' })
      .getByRole('button', { name: 'Forget device' })
      .click();
    await page.getByText('No devices are on this user’s list now.', { exact: false }).waitFor();

    // Next sign-in: MFA is asked again (no stale device key), and the vault fills the code in.
    await openSignIn(page);
    await page.getByRole('button', { name: /^Hooli\b.*Signed in as erin/ }).click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await heading(page, 'Sign in to Hooli');
    clock.advance(30_000);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.keyboard.press('Enter');
    await heading(page, 'Enter the code from your authenticator');
    const fill = page.getByRole('button', { name: 'Fill in the code from this computer' });
    await expect(fill.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await screenshotStep(page, 'signin-totp-autofill');
    await page.keyboard.press('Enter');
    await heading(page, 'Signed in as erin');
    await page
      .getByRole('status')
      .filter({ hasText: 'This computer is now remembered.' })
      .waitFor();
  });
});
