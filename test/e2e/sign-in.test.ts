/**
 * The sign-in wizard end to end: the real renderer in Chromium, the real
 * engine in the harness, the emulator over HTTP. (a) A first sign-in with a
 * temporary password, a new password with a required attribute, MFA setup
 * with this computer as the authenticator, and remembering the device; then
 * signing out and in again without an MFA prompt. (c) A wrong code, then the
 * right one, in the same Session.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  DEMO_POOL_ID,
  DEMO_PUBLIC_CLIENT_ID,
  DEMO_REGION,
  DEMO_USERNAME,
  demoSeed,
} from '../../emulator/index';
import { description } from './helpers';
import {
  NEW_PASSWORD,
  PASSWORD,
  addProfile,
  createPool,
  enterPassword,
  heading,
  isFocused,
  openSignIn,
  phoneCode,
  screenshotStep,
  seedTotpPool,
  useEmulatorAndApp,
} from './sign-in-fixtures';

describe('the sign-in wizard', () => {
  const session = useEmulatorAndApp();

  it('takes a first-time user from a temporary password to a remembered device, and skips MFA on the next sign-in', async () => {
    const emu = await session.startEmulator({ port: 0 });
    await emu.admin.seed(demoSeed);
    const pool = await createPool(emu, {
      name: 'acme',
      mfa: 'ON',
      devices: 'opt-in',
      requiredAttributes: ['name'],
    });
    await emu.admin.createUser(pool.poolId, 'alice', PASSWORD, {
      temporary: true,
      attributes: { email: 'alice@example.com' },
    });
    const app = await session.openApp();
    app.harness.services.services.cognito.profiles.setDemoPool({
      endpoint: emu.url,
      region: DEMO_REGION,
      userPoolId: DEMO_POOL_ID,
      clientId: DEMO_PUBLIC_CLIENT_ID,
      credentials: [
        { username: DEMO_USERNAME, password: DEMO_PASSWORD, note: 'MFA is optional for this user' },
      ],
    });
    await addProfile(app, emu, pool, 'Acme Corp');
    const { page } = app;

    // Step 1: the profile picker names each pool and whether it is signed in.
    await openSignIn(page);
    await expect(
      page.getByRole('button', { name: /^Acme Corp\b.*Not signed in$/ }).isVisible(),
    ).resolves.toBe(true);
    await screenshotStep(page, 'signin-profile');

    // The demo profile shows its credentials; Esc goes back to the picker.
    await page.getByRole('button', { name: /^Demo pool/ }).click();
    await heading(page, 'Sign in to Demo pool (built-in emulator)');
    const banner = page.getByRole('complementary', { name: 'Demo mode' });
    await expect(banner.textContent()).resolves.toContain(
      `Username ${DEMO_USERNAME}, password ${DEMO_PASSWORD}`,
    );
    await expect(isFocused(page, 'Username or email')).resolves.toBe(true);
    await screenshotStep(page, 'signin-password');
    await page.keyboard.press('Escape');
    await heading(page, 'Choose where to sign in');

    // Step 2: the temporary password leads to NEW_PASSWORD_REQUIRED with the pool's required attribute.
    await enterPassword(page, 'Acme Corp', 'alice', PASSWORD);
    await heading(page, 'Choose a new password');
    await expect(page.getByRole('complementary', { name: 'Demo mode' }).count()).resolves.toBe(0);
    await expect(isFocused(page, 'New password')).resolves.toBe(true);
    await expect(page.getByLabel('Full name').isVisible()).resolves.toBe(true);

    // A password against the policy: the error sits on the field and names the rules.
    await page.getByLabel('New password', { exact: true }).fill('weakpassword');
    await page.getByLabel('Type the new password again').fill('weakpassword');
    await page.getByLabel('Full name').fill('Alice Example');
    await screenshotStep(page, 'signin-new-password');
    await page.keyboard.press('Enter');
    const newPassword = page.getByLabel('New password', { exact: true });
    await page.getByText('does not meet the pool').waitFor();
    await expect(newPassword.getAttribute('aria-invalid')).resolves.toBe('true');
    const errorText = await description(newPassword);
    expect(errorText).toContain('Passwords need at least 8 characters');
    expect(errorText).not.toContain('InvalidPasswordException');
    await page.getByText(/Details: .*InvalidPasswordException/).waitFor();
    // The rules checklist stays tied to the field, error or not.
    expect(errorText).toContain('An uppercase letter');
    await screenshotStep(page, 'signin-error');

    await newPassword.fill(NEW_PASSWORD);
    await page.getByLabel('Type the new password again').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Continue' }).click();

    // Step 3: MFA setup, with the session's time left and this computer as the authenticator.
    await heading(page, 'Set up your authenticator app');
    await expect(isFocused(page, '6-digit code from your authenticator app')).resolves.toBe(true);
    await expect(
      page.getByRole('timer', { name: 'Time left to finish the setup' }).textContent(),
    ).resolves.toMatch(/Time left to finish the setup: [23]:\d\d/);
    await expect(
      page.getByRole('img', { name: /QR code to add Acme Corp: alice/ }).isVisible(),
    ).resolves.toBe(true);
    await screenshotStep(page, 'enroll-qr');
    // The QR code keeps its light background in the dark theme, so phones can still read it.
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshotStep(page, 'enroll-qr-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByLabel('Use this computer as the authenticator').check();
    await expect(
      page.getByLabel('Name for this authenticator (optional)').inputValue(),
    ).resolves.not.toBe('');
    await page.getByRole('button', { name: 'Verify and continue' }).click();

    // Step 4: the pool asks before remembering this computer.
    await heading(page, 'Remember this computer?');
    await expect(
      page
        .getByRole('button', { name: 'Remember this computer' })
        .evaluate((el) => el === document.activeElement),
    ).resolves.toBe(true);
    await screenshotStep(page, 'signin-remember-device');
    await page.keyboard.press('Enter');

    await heading(page, 'Signed in as alice');
    await expect(
      page.getByRole('status').filter({ hasText: 'This computer' }).textContent(),
    ).resolves.toContain('This computer is now remembered.');
    await expect(page.getByText('A registered device of this user').isVisible()).resolves.toBe(
      true,
    );
    await screenshotStep(page, 'signed-in');
    // The secret went into the vault, where the app makes its codes.
    const accounts = await app.harness.services.services.vault.list();
    expect(accounts.map((a) => `${a.issuer}: ${a.account}`)).toEqual(['Acme Corp: alice']);

    // Sign out, then in again: the remembered device skips the MFA step.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await heading(page, 'Sign in to Acme Corp');
    await expect(page.getByLabel('Username or email').inputValue()).resolves.toBe('alice');
    await expect(isFocused(page, 'Password')).resolves.toBe(true);
    await page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
    await page.keyboard.press('Enter');
    await heading(page, 'Signed in as alice');
    await expect(
      page.getByRole('status').filter({ hasText: 'This computer' }).textContent(),
    ).resolves.toContain('This computer is remembered, so MFA was skipped.');
  });

  it('keeps the Session after a wrong code, so the right code signs in without starting over', async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'signin-e2e-'));
    session.cleanUpAfterTest(() => rm(tmp, { recursive: true, force: true }));
    const timingLog = join(tmp, 'timing.jsonl');
    const emu = await session.startEmulator({ port: 0, timingLog });
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const pool = await seedTotpPool(emu, {
      id: 'us-east-1_TotpPool1',
      clientId: 'totpclient0000000000000000',
      name: 'totp',
      username: 'carol',
      secret,
    });
    const app = await session.openApp();
    await addProfile(app, emu, pool, 'Globex');
    const { page } = app;

    await openSignIn(page);
    await enterPassword(page, 'Globex', 'carol', PASSWORD);
    await heading(page, 'Enter the code from your authenticator');
    const code = page.getByLabel('Authenticator code');
    await expect(isFocused(page, 'Authenticator code')).resolves.toBe(true);
    await screenshotStep(page, 'signin-totp');

    // A code that is certainly wrong now: the right one with its last digit changed.
    const right = await phoneCode(secret);
    const wrong = right.slice(0, 5) + String((Number(right[5]) + 1) % 10);
    await code.pressSequentially(wrong);
    await page.getByText('That code is not right.').waitFor();
    await expect(code.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(code.inputValue()).resolves.toBe('');
    await expect(isFocused(page, 'Authenticator code')).resolves.toBe(true);
    await heading(page, 'Enter the code from your authenticator');
    await screenshotStep(page, 'signin-code-error');

    // Pasting works too: "123 456" becomes six digits and submits itself.
    const next = await phoneCode(secret);
    await code.fill(`${next.slice(0, 3)} ${next.slice(3)}`);
    await heading(page, 'Signed in as carol');

    await emu.close();
    const ops = (await readFile(timingLog, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { op: string }).op);
    expect(ops.filter((op) => op === 'InitiateAuth')).toHaveLength(1);
    // PASSWORD_VERIFIER, the wrong code and the right code: one chain of Sessions.
    expect(ops.filter((op) => op === 'RespondToAuthChallenge')).toHaveLength(3);
  });

  it('remembers nothing when the user declines, asks for MFA again next time, resumes a step and starts over on Esc', async () => {
    const emu = await session.startEmulator({ port: 0 });
    const secret = 'KRUGS4ZANFZSAYJAONSWG4TFOQQGWZLZ';
    const pool = await seedTotpPool(emu, {
      id: 'us-east-1_OptInPool',
      clientId: 'optinclient000000000000000',
      name: 'opt-in',
      username: 'ivan',
      secret,
      optInDevices: true,
    });
    const app = await session.openApp();
    await addProfile(app, emu, pool, 'Pied Piper');
    const { page } = app;

    await openSignIn(page);
    await enterPassword(page, 'Pied Piper', 'ivan', PASSWORD);
    await heading(page, 'Enter the code from your authenticator');
    await page.getByLabel('Authenticator code').pressSequentially(await phoneCode(secret));
    await heading(page, 'Remember this computer?');
    // Esc is "Not now".
    await page.keyboard.press('Escape');
    await heading(page, 'Signed in as ivan');
    const outcome = page.getByRole('status').filter({ hasText: 'Not remembered' });
    await expect(outcome.textContent()).resolves.toContain('You will be asked for MFA next time.');
    const devices = Object.values(emu.state().pools[pool.poolId]?.users.ivan?.devices ?? {});
    expect(devices.map((d) => d.remembered)).toEqual([false]);

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.keyboard.press('Enter');
    await heading(page, 'Enter the code from your authenticator');

    // Leaving the screen keeps the step: coming back resumes it.
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Vault' }).click();
    await heading(page, 'Vault');
    await nav.getByRole('link', { name: 'Sign in' }).click();
    await heading(page, 'Enter the code from your authenticator');
    // Esc starts over, keeping the username.
    await page.keyboard.press('Escape');
    await heading(page, 'Sign in to Pied Piper');
    await expect(page.getByLabel('Username or email').inputValue()).resolves.toBe('ivan');
  });
});
