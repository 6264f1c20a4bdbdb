/**
 * A newcomer on the built-in demo pool: the empty vault points to signing
 * in, the demo banner offers the new hire, whose temporary password leads to
 * a password of their own.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_NEW_HIRE, DEMO_NEW_HIRE_PASSWORD } from '../../emulator/index';
import { expectAccessible } from './a11y';
import { useBrowserAndApp } from './helpers';
import { NEW_PASSWORD, heading } from './sign-in-fixtures';

describe('the demo pool for a newcomer', () => {
  const session = useBrowserAndApp();

  it('leads from the empty vault to the new hire’s first sign-in', async () => {
    const { page } = await session.openApp({ demo: true });
    await page.getByRole('link', { name: 'Sign in to a pool' }).click();
    await heading(page, 'Choose where to sign in');
    await page.getByRole('button', { name: /^Demo pool/ }).click();
    await heading(page, 'Sign in to Demo pool (built-in emulator)');
    const banner = page.getByRole('complementary', { name: 'Demo mode' });
    await expect(banner.textContent()).resolves.toContain(
      `Username ${DEMO_NEW_HIRE}, password ${DEMO_NEW_HIRE_PASSWORD}`,
    );
    await banner.getByRole('button', { name: `Fill in ${DEMO_NEW_HIRE}` }).click();
    await page.keyboard.press('Enter');
    await heading(page, 'Choose a new password');
    await expectAccessible(page, 'new hire: choose a new password');
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Type the new password again').fill(NEW_PASSWORD);
    await page.keyboard.press('Enter');
    await heading(page, 'Remember this computer?');
    await page.keyboard.press('Escape');
    await heading(page, `Signed in as ${DEMO_NEW_HIRE}`);
  });
});
