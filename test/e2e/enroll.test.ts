/**
 * Authenticator enrollment end to end, with the test playing the phone: it
 * reads the setup key off the screen and computes the codes with otpauth.
 * (b) MFA_SETUP during sign-in, then the next sign-in with a code; replacing
 * the authenticator from Settings. And the setup Session's countdown: the
 * restart is offered before the Session dies and starts a clean new setup.
 */
import { describe, expect, it } from 'vitest';
import { createClock } from '../../emulator/index';
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

describe('authenticator enrollment', () => {
  const session = useEmulatorAndApp();

  it('enrolls a phone during sign-in, asks it for the code next time, and replaces it from Settings', async () => {
    const emu = await session.startEmulator({ port: 0 });
    const pool = await createPool(emu, { name: 'initech', mfa: 'ON' });
    await emu.admin.createUser(pool.poolId, 'bob', PASSWORD, {
      attributes: { email: 'bob@example.com' },
    });
    const app = await session.openApp();
    await addProfile(app, emu, pool, 'Initech');
    const { page } = app;
    const user = () => emu.state().pools[pool.poolId]?.users.bob;

    await openSignIn(page);
    await enterPassword(page, 'Initech', 'bob', PASSWORD);
    await heading(page, 'Set up your authenticator app');

    // The key is shown grouped in fours, and the setup link carries the same key.
    const grouped = (await page.locator('.setup-key').textContent()) ?? '';
    expect(grouped).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    const key = await shownSetupKey(page);
    // Copy key has main put the key, without the reading spaces, on the clipboard:
    // concealed from clipboard history and cleared after the policy's delay.
    const { clipboard } = app.harness;
    await page.getByRole('button', { name: 'Copy key' }).click();
    await page.getByRole('status').filter({ hasText: 'Copied — clears in 30 s' }).waitFor();
    expect(clipboard.readText()).toBe(key);
    expect(clipboard.lastConcealed).toBe(true);
    await page.getByText('Setup link (otpauth://)').click();
    const uri = await page.getByLabel('For apps that accept a pasted link').inputValue();
    expect(uri).toBe(`otpauth://totp/Initech:bob?secret=${key}&issuer=Initech`);

    // The phone: its name first, then its code, which submits itself on the sixth digit.
    await page.getByLabel('Name for this authenticator (optional)').fill('Bob’s phone');
    await page
      .getByLabel('6-digit code from your authenticator app')
      .pressSequentially(await phoneCode(key));
    await heading(page, 'Signed in as bob');
    await expect(
      page.getByRole('status').filter({ hasText: 'not remembered in this pool' }).isVisible(),
    ).resolves.toBe(true);
    expect(user()?.totp.secret).toBe(key);
    expect(user()?.mfaEnabled).toContain('SOFTWARE_TOKEN_MFA');
    // The phone holds the key, not this computer: the vault stays empty.
    await expect(app.harness.services.services.vault.list()).resolves.toEqual([]);

    // Next sign-in: the pool asks for the phone's code, and nothing offers to fill it in.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await heading(page, 'Sign in to Initech');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.keyboard.press('Enter');
    await heading(page, 'Enter the code from your authenticator');
    await expect(
      page.getByRole('button', { name: 'Fill in the code from this computer' }).count(),
    ).resolves.toBe(0);
    // Cognito takes each code once, so the phone's next code, 30 s on.
    emu.clock.advance(30_000);
    await page
      .getByLabel('Authenticator code')
      .pressSequentially(await phoneCode(key, () => emu.clock.now()));
    await heading(page, 'Signed in as bob');

    // Settings: MFA is on with the authenticator app; replace it with a new phone.
    await page.getByRole('link', { name: 'MFA settings' }).click();
    await heading(page, 'Settings');
    const mfa = page.getByRole('region', { name: 'Multi-factor authentication · bob' });
    await mfa.getByText('On: Authenticator app').waitFor();
    // The "Signed out." toast from before would only clutter the picture.
    await page.locator('.toast').waitFor({ state: 'detached' });
    await screenshotStep(page, 'profiles-settings');
    await mfa.getByRole('button', { name: 'Replace the authenticator app…' }).click();
    const setup = page.getByRole('region', { name: 'Replace your authenticator app' });
    await setup.waitFor();
    await expect(
      setup
        .getByLabel('6-digit code from your authenticator app')
        .evaluate((el) => el === document.activeElement),
    ).resolves.toBe(true);
    const newKey = await shownSetupKey(page);
    expect(newKey).not.toBe(key);
    await screenshotStep(page, 'enroll-settings');
    // The signed-in setup's key is copied through main too.
    await setup.getByRole('button', { name: 'Copy key' }).click();
    await page.getByRole('status').filter({ hasText: 'Copied — clears in 30 s' }).waitFor();
    expect(clipboard.readText()).toBe(newKey);

    // A wrong code keeps the setup open with the error on the field.
    const right = await phoneCode(newKey);
    const wrong = right.slice(0, 5) + String((Number(right[5]) + 1) % 10);
    const codeField = setup.getByLabel('6-digit code from your authenticator app');
    await codeField.pressSequentially(wrong);
    await setup.getByText('was not accepted').waitFor();
    await expect(codeField.getAttribute('aria-invalid')).resolves.toBe('true');
    await codeField.fill('');
    await codeField.pressSequentially(await phoneCode(newKey));
    await setup.waitFor({ state: 'detached' });
    await mfa.getByText('On: Authenticator app').waitFor();
    await expect(
      page.getByRole('status').filter({ hasText: 'Authenticator app is on.' }).isVisible(),
    ).resolves.toBe(true);
    expect(user()?.totp.secret).toBe(newKey);
  });

  it('offers a fresh setup session before the old one dies, and the fresh one works', async () => {
    const clock = createClock();
    const emu = await session.startEmulator({ port: 0, clock });
    const pool = await createPool(emu, { name: 'umbrella', mfa: 'ON' });
    await emu.admin.createUser(pool.poolId, 'dana', PASSWORD);
    const app = await session.openApp({ clock });
    await addProfile(app, emu, pool, 'Umbrella');
    const { page } = app;
    await page.clock.install();

    await openSignIn(page);
    await enterPassword(page, 'Umbrella', 'dana', PASSWORD);
    await heading(page, 'Set up your authenticator app');
    const firstKey = await shownSetupKey(page);
    const timer = page.getByRole('timer', { name: 'Time left to finish the setup' });
    await expect(
      page.getByRole('button', { name: 'Start a fresh session' }).isVisible(),
    ).resolves.toBe(false);

    // 2 min 5 s pass for the app, the emulator and the page alike.
    clock.advance(125_000);
    await page.clock.fastForward(125_000);
    await expect(timer.textContent()).resolves.toMatch(/: 0:5\d$/);
    const restart = page.getByRole('button', { name: 'Start a fresh session' });
    await restart.waitFor();
    await page.getByText('Less than a minute left. If you need more time').waitFor();
    // Screen readers hear the warning once, through a polite live region.
    await expect(
      page
        .locator('[aria-live="polite"]')
        .filter({ hasText: 'Less than a minute left to finish the setup' })
        .count(),
    ).resolves.toBe(1);
    await screenshotStep(page, 'enroll-countdown');

    await restart.click();
    await page.getByRole('status').filter({ hasText: 'A fresh session started' }).waitFor();
    await heading(page, 'Set up your authenticator app');
    const secondKey = await shownSetupKey(page);
    expect(secondKey).not.toBe(firstKey);
    await expect(timer.textContent()).resolves.toMatch(/: (3:0\d|2:5\d)$/);
    await expect(
      page.getByRole('button', { name: 'Start a fresh session' }).isVisible(),
    ).resolves.toBe(false);

    await page
      .getByLabel('6-digit code from your authenticator app')
      .pressSequentially(await phoneCode(secondKey, () => clock.now()));
    await heading(page, 'Signed in as dana');
  });
});
