/**
 * The built-in demo, end to end in Chromium against the embedded emulator
 * over HTTP: from the empty vault's pointer to the demo banner, then each way
 * in it offers — the new hire whose pool requires MFA (temporary password,
 * a password of their own, an authenticator), the passwordless user (a code
 * by email, shown on the code step in demo mode), and sign-up on a pool where
 * only administrators create accounts (the sentence instead of the form).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  DEMO_NEW_HIRE,
  DEMO_NEW_HIRE_PASSWORD,
  DEMO_PASSWORDLESS,
  DEMO_USERNAME,
} from '../../emulator/index';
import { expectAccessible } from './a11y';
import { useBrowserAndApp } from './helpers';
import {
  NEW_PASSWORD,
  heading,
  phoneCode,
  screenshotStep,
  shownSetupKey,
} from './sign-in-fixtures';

const MAIN = 'Demo pool (built-in emulator)';
const NEW_HIRE = 'Demo: new hire (MFA required)';
const PASSWORDLESS = 'Demo: passwordless (code by email)';

/** Where a newcomer starts: the empty vault's pointer, then the main demo profile. */
async function toDemoBanner(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Sign in to a pool' }).click();
  await heading(page, 'Choose where to sign in');
  await page.getByRole('button', { name: /^Demo pool/ }).click();
  await heading(page, `Sign in to ${MAIN}`);
}

const banner = (page: Page) => page.getByRole('complementary', { name: 'Demo mode' });

/** From the empty vault, through the main demo banner, to another demo profile's sign-in. */
async function tryDemoProfile(page: Page, name: string): Promise<void> {
  await toDemoBanner(page);
  await banner(page)
    .getByRole('button', { name: `Try it: ${name}` })
    .click();
  await heading(page, `Sign in to ${name}`);
}

describe('the demo banner’s ways in', () => {
  const session = useBrowserAndApp();

  it('shows every demo user with the profile to sign in with, light, and dark at 320 px', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page } = await session.openApp({ demo: true, colorScheme });
      if (colorScheme === 'dark') await page.setViewportSize({ width: 320, height: 760 });
      await page.getByRole('link', { name: 'Sign in to a pool' }).click();
      await heading(page, 'Choose where to sign in');
      if (colorScheme === 'light') await screenshotStep(page, 'demo-profiles');
      await page.getByRole('button', { name: /^Demo pool/ }).click();
      await heading(page, `Sign in to ${MAIN}`);
      const text = (await banner(page).textContent()) ?? '';
      expect(text).toContain(`Username ${DEMO_USERNAME}, password`);
      expect(text).toContain(
        `${NEW_HIRE}: Username ${DEMO_NEW_HIRE}, password ${DEMO_NEW_HIRE_PASSWORD}`,
      );
      expect(text).toContain(`${PASSWORDLESS}: Username ${DEMO_PASSWORDLESS}, no password`);
      await expectAccessible(page, `demo banner (${colorScheme})`);
      await screenshotStep(page, colorScheme === 'light' ? 'demo-banner' : 'demo-banner-dark-320');
    }
  });

  it('takes the new hire from the temporary password to an authenticator of their own', async () => {
    const { page } = await session.openApp({ demo: true });
    await tryDemoProfile(page, NEW_HIRE);
    await expect(page.getByLabel('Username or email').inputValue()).resolves.toBe(DEMO_NEW_HIRE);
    await banner(page)
      .getByRole('button', { name: `Fill in ${DEMO_NEW_HIRE}` })
      .click();
    await page.keyboard.press('Enter');

    await heading(page, 'Choose a new password');
    await expectAccessible(page, 'new hire: choose a new password');
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Type the new password again').fill(NEW_PASSWORD);
    await page.keyboard.press('Enter');

    // The pool requires MFA: the first sign-in goes on to set up an authenticator.
    await heading(page, 'Set up your authenticator app');
    await expectAccessible(page, 'new hire: set up the authenticator');
    await screenshotStep(page, 'demo-new-hire-mfa-setup');
    const key = await shownSetupKey(page);
    await page
      .getByLabel('6-digit code from your authenticator app')
      .pressSequentially(await phoneCode(key));
    await heading(page, `Signed in as ${DEMO_NEW_HIRE}`);
  });

  it('signs the passwordless user in with the code demo mode shows', async () => {
    const { page } = await session.openApp({ demo: true, colorScheme: 'dark' });
    await tryDemoProfile(page, PASSWORDLESS);
    await expect(page.getByLabel('Password', { exact: true }).count()).resolves.toBe(0);
    await expect(page.getByLabel('Username or email').inputValue()).resolves.toBe(
      DEMO_PASSWORDLESS,
    );
    await page.keyboard.press('Enter');

    await heading(page, 'Choose how to sign in');
    const choices = page.getByRole('group', { name: 'Sign in with' });
    await choices.getByLabel('A code by email').check();
    await page.getByRole('button', { name: 'Send me a code' }).click();

    await heading(page, 'Enter the code we emailed you');
    const shown = page.getByText(/^Demo mode: the demo pool sent the code \d{6}\.$/);
    const code = /\d{6}/.exec((await shown.textContent()) ?? '')?.[0] ?? '';
    await expectAccessible(page, 'passwordless: the code demo mode shows');
    await screenshotStep(page, 'demo-passwordless-code-dark');
    await page.getByLabel('Code from the email').pressSequentially(code);
    await heading(page, `Signed in as ${DEMO_PASSWORDLESS}`);
  });

  it('says before any typing that only administrators create accounts in the new hire’s pool', async () => {
    const { page } = await session.openApp({ demo: true });
    await tryDemoProfile(page, NEW_HIRE);
    await page.getByRole('button', { name: 'Create an account' }).click();

    await heading(page, 'Create an account');
    await page
      .getByText(
        'In this pool, only administrators create accounts. Ask your administrator for one.',
      )
      .waitFor();
    await expect(page.getByRole('textbox').count()).resolves.toBe(0);
    await expect(
      page
        .getByRole('button', { name: 'Back to sign-in' })
        .evaluate((b) => b === document.activeElement),
    ).resolves.toBe(true);
    await expectAccessible(page, 'sign-up where only administrators create accounts');
    await page.setViewportSize({ width: 320, height: 760 });
    await screenshotStep(page, 'sign-up-admin-only-320');
    await page.keyboard.press('Escape');
    await heading(page, `Sign in to ${NEW_HIRE}`);

    // The main demo pool lets people sign up: its form is there.
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await heading(page, 'Choose where to sign in');
    await page.getByRole('button', { name: /^Demo pool/ }).click();
    await page.getByRole('button', { name: 'Create an account' }).click();
    await heading(page, 'Create an account');
    await page.getByLabel('Username', { exact: true }).waitFor();
  });
});
