/**
 * What stopped or confused a first-time user, each checked the way they meet
 * it: words a person can act on, the screen reader's announcements and focus,
 * promises the screens keep, and the profile, device and sign-in screens
 * explaining themselves.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../helpers/memory-secret-store';
import { createEngine } from '../integration/helpers';
import { accessibleDescription } from './a11y';
import { accountRow, description, eventually } from './helpers';
import {
  PASSWORD,
  addProfile,
  createPool,
  enterPassword,
  heading,
  openSignIn,
  phoneCode,
  seedTotpPool,
  shownSetupKey,
  useEmulatorAndApp,
} from './sign-in-fixtures';
import { dispatchOk } from '../helpers/dispatch';

/** The polite region for what only screen readers need to hear. */
function announcer(page: Page): Locator {
  return page.locator('body > .visually-hidden[aria-live="polite"]');
}

function nav(page: Page, name: string): Promise<void> {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
}

function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return `${el?.tagName.toLowerCase()}: ${el?.textContent?.trim() ?? ''}`;
  });
}

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('a first-time user', () => {
  const session = useEmulatorAndApp();

  it('vault: plain words on a bad rename, search results and rows read out, every shortcut in the hints', async () => {
    const app = await session.openApp();
    const { page } = app;
    for (const name of ['GitHub', 'AWS', 'Mail']) {
      const uri = `otpauth://totp/${name}:alice?secret=JBSWY3DPEHPK3PXP&issuer=${name}`;
      await dispatchOk(app.harness.services, 'vault:addUri', { uri });
    }
    const row = accountRow(page, 'GitHub: alice');
    await row.waitFor();

    // A focused row is read with its code and the time left, not by name alone.
    const read = await accessibleDescription(row);
    expect(read).toMatch(/^\d{3} \d{3} \d+ seconds? left$/);

    const hint = page.getByText(/↑\/↓ move/);
    await expect(hint.textContent()).resolves.toContain('F2 renames');
    await expect(hint.textContent()).resolves.toContain('Delete deletes');

    const search = page.getByRole('searchbox', { name: 'Search accounts' });
    await search.fill('git');
    await expect.poll(() => announcer(page).textContent()).toBe('1 of 3 accounts match.');
    await search.fill('nothing');
    await expect.poll(() => announcer(page).textContent()).toBe('No accounts match “nothing”.');
    await search.fill('');

    await row.focus();
    await page.keyboard.press('F2');
    const dialog = page.getByRole('dialog', { name: 'Rename GitHub: alice' });
    const name = dialog.getByRole('textbox', { name: 'Account name' });
    await name.fill('');
    await page.keyboard.press('Enter');
    await name.and(page.locator('[aria-invalid="true"]')).waitFor();
    // People's words, about this field: no schema text, no field name in front.
    await expect(description(name)).resolves.toBe('Enter the account name.');
    await expect(dialog.textContent()).resolves.not.toMatch(/account:|Too small|expected string/);
    // The old error goes as soon as the name is corrected.
    await name.fill('alice');
    await expect(name.getAttribute('aria-invalid')).resolves.toBeNull();
    await expect(dialog.getByText('Enter the account name.').count()).resolves.toBe(0);
  });

  it('screens: a screen change is announced and takes focus to its heading; the nav link of the current screen starts it over', async () => {
    const emu = await session.startEmulator({ port: 0 });
    const pool = await createPool(emu, { name: 'plain', mfa: 'OFF' });
    await emu.admin.createUser(pool.poolId, 'olga', PASSWORD);
    const app = await session.openApp();
    await addProfile(app, emu, pool, 'Plain');
    const { page } = app;

    await nav(page, 'Devices');
    await heading(page, 'Devices');
    await expect.poll(() => focusedName(page)).toBe('h1: Devices');
    await expect(announcer(page).textContent()).resolves.toBe('Devices');

    await openSignIn(page);
    await page.getByRole('button', { name: /^Plain\b/ }).click();
    await heading(page, 'Sign in to Plain');
    await nav(page, 'Sign in');
    await heading(page, 'Choose where to sign in');
  });

  it('sign-in: a network failure does not blame the password', async () => {
    const app = await session.openApp();
    await dispatchOk(app.harness.services, 'profiles:add', {
      displayName: 'Offline',
      region: 'us-east-1',
      userPoolId: 'us-east-1_Offline12',
      clientId: 'offlineclient0000000000000',
      // Nothing listens on the discard port: the connection is refused.
      endpoint: 'http://127.0.0.1:9',
    });
    const { page } = app;
    await openSignIn(page);
    await enterPassword(page, 'Offline', 'nobody', PASSWORD);
    const alert = page.getByRole('alert').filter({ hasText: 'Could not reach' });
    await alert.waitFor();
    const password = page.getByLabel('Password', { exact: true });
    await expect(password.getAttribute('aria-invalid')).resolves.toBeNull();
    await expect(description(password)).resolves.not.toContain('Could not reach');
  });

  it('enrollment: the authenticator name shows at the next code step, no phone talk for this computer, no code-like placeholder', async () => {
    const emu = await session.startEmulator({ port: 0 });
    const pool = await createPool(emu, { name: 'setup', mfa: 'ON' });
    await emu.admin.createUser(pool.poolId, 'pia', PASSWORD);
    const app = await session.openApp();
    await addProfile(app, emu, pool, 'Setup');
    const { page } = app;
    await openSignIn(page);
    await enterPassword(page, 'Setup', 'pia', PASSWORD);
    await heading(page, 'Set up your authenticator app');

    const code = page.getByLabel('6-digit code from your authenticator app');
    // A placeholder of zeros reads as a code already typed.
    await expect(code.getAttribute('placeholder')).resolves.toBeNull();
    const deviceName = page.getByLabel('Name for this authenticator (optional)');
    await expect(description(deviceName)).resolves.toContain('when it asks you for a code');

    const thisComputer = page.getByLabel('Or use this computer as the authenticator');
    await thisComputer.check();
    const panel = page.getByRole('region', { name: 'Authenticator setup' });
    await expect(panel.textContent()).resolves.not.toMatch(/phone|Scan this QR code/);
    await expect(deviceName.getAttribute('placeholder')).resolves.not.toContain('phone');

    // With a phone after all: the name given here is shown when Cognito next asks for a code.
    await thisComputer.uncheck();
    await expect(panel.textContent()).resolves.toContain('Scan this QR code');
    await deviceName.fill('Pia’s phone');
    await code.pressSequentially(await phoneCode(await shownSetupKey(page)));
    await heading(page, 'Signed in as pia');
    await openSignIn(page);
    await page.getByRole('button', { name: 'Sign out of Setup' }).click();
    await page
      .getByRole('button', { name: /^Setup\b/ })
      .filter({ hasText: 'Not signed in' })
      .waitFor();
    await enterPassword(page, 'Setup', 'pia', PASSWORD);
    await heading(page, 'Enter the code from your authenticator');
    await expect(description(page.getByLabel('Authenticator code'))).resolves.toContain(
      'Pia’s phone',
    );
  });

  it('sign-in: the code step has no code-like placeholder; "Remember this computer?" speaks of skipping MFA only after an MFA step', async () => {
    const emu = await session.startEmulator({ port: 0 });
    const totpPool = await seedTotpPool(emu, {
      id: 'us-east-1_Remember1',
      clientId: 'rememberclient000000000000',
      name: 'remember',
      username: 'ivy',
      secret: SECRET,
      optInDevices: true,
    });
    const plainPool = await createPool(emu, { name: 'nomfa', mfa: 'OFF', devices: 'opt-in' });
    await emu.admin.createUser(plainPool.poolId, 'olga', PASSWORD);
    const app = await session.openApp();
    await addProfile(app, emu, totpPool, 'Totp');
    await addProfile(app, emu, plainPool, 'NoMfa');
    const { page } = app;

    await openSignIn(page);
    await enterPassword(page, 'NoMfa', 'olga', PASSWORD);
    await heading(page, 'Remember this computer?');
    await expect(page.locator('.step-description').textContent()).resolves.not.toContain(
      'skip the MFA step next time',
    );
    await page.getByRole('button', { name: 'Not now' }).click();
    await heading(page, 'Signed in as olga');

    await openSignIn(page);
    await enterPassword(page, 'Totp', 'ivy', PASSWORD);
    await heading(page, 'Enter the code from your authenticator');
    const code = page.getByLabel('Authenticator code');
    await expect(code.getAttribute('placeholder')).resolves.toBeNull();
    await code.pressSequentially(await phoneCode(SECRET));
    await heading(page, 'Remember this computer?');
    await expect(page.locator('.step-description').textContent()).resolves.toContain(
      'skip the MFA step next time',
    );
  });

  it('sign-in: the last username is offered after a restart (never the password), and signing out is on the first screen', async () => {
    const emu = await session.startEmulator({ port: 0 });
    const pool = await createPool(emu, { name: 'again', mfa: 'OFF' });
    await emu.admin.createUser(pool.poolId, 'quinn', PASSWORD);
    const dataDir = await mkdtemp(join(tmpdir(), 'first-time-user-'));
    session.cleanUpAfterTest(() => rm(dataDir, { recursive: true, force: true }));
    const secretStore = new MemorySecretStore();

    const first = await session.openApp({ dataDir, secretStore });
    await addProfile(first, emu, pool, 'Again');
    await openSignIn(first.page);
    await enterPassword(first.page, 'Again', 'quinn', PASSWORD);
    await heading(first.page, 'Signed in as quinn');

    // Sign out from the profile chooser, where people look for it.
    await openSignIn(first.page);
    await first.page.getByRole('button', { name: 'Sign out of Again' }).click();
    await first.page
      .getByRole('button', { name: /^Again\b/ })
      .filter({ hasText: 'Not signed in' })
      .waitFor();
    await first.harness.services.services.state.flush();
    await first.close();

    const second = await session.openApp({ dataDir, secretStore });
    await openSignIn(second.page);
    await second.page.getByRole('button', { name: /^Again\b/ }).click();
    await heading(second.page, 'Sign in to Again');
    await expect(second.page.getByLabel('Username or email').inputValue()).resolves.toBe('quinn');
    await expect(second.page.getByLabel('Password', { exact: true }).inputValue()).resolves.toBe(
      '',
    );
    // With the username known, the password is where typing starts.
    await eventually(
      () =>
        second.page
          .getByLabel('Password', { exact: true })
          .evaluate((el) => el === document.activeElement),
      true,
    );
  });

  it('settings: a new profile says it became the default, plain "Make default", the region filled in from the pool id', async () => {
    const emu = await session.startEmulator({ port: 0 });
    const pool = await createPool(emu, { name: 'first', mfa: 'OFF' });
    const app = await session.openApp();
    const { page } = app;
    await nav(page, 'Settings');
    await page.getByRole('button', { name: 'Add profile…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a profile' });

    // An error goes as soon as its field is corrected, not at the next submit.
    await dialog.getByRole('button', { name: 'Add profile' }).click();
    const name = dialog.getByLabel('Name', { exact: true });
    await name.and(page.locator('[aria-invalid="true"]')).waitFor();
    await name.fill('First');
    await expect(name.getAttribute('aria-invalid')).resolves.toBeNull();

    const region = dialog.getByLabel('Region');
    await dialog.getByLabel('User pool id').fill(pool.poolId);
    await expect(region.inputValue()).resolves.toBe(emu.region);
    await region.fill('eu-west-1');
    await expect(description(region)).resolves.toBe(
      `The pool id starts with ${emu.region}, so the region should be ${emu.region}.`,
    );
    await region.fill(emu.region);
    await dialog.getByLabel('App client id').fill(pool.clientId);
    await dialog.getByText('Advanced').click();
    await dialog.getByLabel('Endpoint (optional)').fill(emu.url);
    await dialog.getByRole('button', { name: 'Add profile' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Added First. It is now the default profile for sign-in.' })
      .waitFor();

    await addProfile(app, emu, pool, 'Second');
    const second = page.getByRole('listitem', { name: 'Second' });
    await second.getByRole('button', { name: 'Make Second the default' }).click();
    await second.getByText('Default', { exact: true }).waitFor();
    await expect(page.getByRole('button', { name: /^Use / }).count()).resolves.toBe(0);
    await expect(page.getByText('Chosen', { exact: true }).count()).resolves.toBe(0);
  });

  it('devices: the words explained, a refresh, and focus kept in the list after forgetting', async () => {
    const emu = await session.startEmulator({ port: 0 });
    const pool = await createPool(emu, { name: 'devices', mfa: 'OFF', devices: 'always' });
    await emu.admin.createUser(pool.poolId, 'rae', PASSWORD);
    const app = await session.openApp();
    await addProfile(app, emu, pool, 'Devs');
    const { page } = app;
    await openSignIn(page);
    await enterPassword(page, 'Devs', 'rae', PASSWORD);
    await heading(page, 'Signed in as rae');

    await nav(page, 'Devices');
    const rows = page.getByRole('table').getByRole('row');
    await rows.nth(1).waitFor();
    await expect(rows.count()).resolves.toBe(2);
    const legend = page.getByRole('definition');
    await expect(page.getByRole('term').allTextContents()).resolves.toEqual([
      'Remembered',
      'Not remembered',
      'Stop remembering',
      'Forget',
    ]);
    await expect(legend.first().textContent()).resolves.toContain('skip the MFA step');

    // Another computer signs in meanwhile: Refresh list shows it.
    const other = createEngine(emu, { deviceName: 'laptop-2' });
    const done = await other.service.startSignIn(await other.addProfile(pool), 'rae', PASSWORD);
    expect(done.kind).toBe('SIGNED_IN');
    await page.getByRole('button', { name: 'Refresh list' }).click();
    await rows.filter({ hasText: 'laptop-2' }).waitFor();

    await page.getByRole('button', { name: 'Forget laptop-2' }).click();
    await page
      .getByRole('dialog', { name: 'Forget laptop-2?' })
      .getByRole('button', { name: 'Forget device' })
      .click();
    await page.getByRole('status').filter({ hasText: 'Forgot laptop-2.' }).waitFor();
    // Focus is on the next device's first action, not lost to the page.
    await expect.poll(() => focusedName(page)).toMatch(/^button: (Stop remembering|Remember)$/);

    await page.getByRole('button', { name: /^Forget / }).click();
    await page
      .getByRole('dialog', { name: 'Forget this computer?' })
      .getByRole('button', { name: 'Forget device' })
      .click();
    const note = page.getByText('No devices are on this user’s list now.', { exact: false });
    await note.waitFor();
    await expect(page.getByText('The pool may not track devices.').count()).resolves.toBe(0);
    await expect.poll(() => focusedName(page)).toMatch(/^p: No devices are on this user’s list/);
  });
});
