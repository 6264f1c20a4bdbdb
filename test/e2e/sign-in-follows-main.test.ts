/**
 * The sign-in screen follows what changes behind it (the tray, the CLI or
 * another window): a session ended elsewhere goes back to the password with
 * the username kept, the profile picker shows profiles added elsewhere (even
 * while another step was showing), and a step being typed into is left as it is.
 */
import { describe, expect, it } from 'vitest';
import { dispatchOk } from '../helpers/dispatch';
import {
  PASSWORD,
  addProfile,
  createPool,
  enterPassword,
  heading,
  openSignIn,
  useEmulatorAndApp,
} from './sign-in-fixtures';

describe('the sign-in screen and changes made elsewhere', () => {
  const session = useEmulatorAndApp();

  it('goes back to the password when signed out elsewhere, and redraws only the overview steps', async () => {
    const emu = await session.startEmulator({ port: 0 });
    const pool = await createPool(emu, { name: 'wayne', mfa: 'OFF' });
    await emu.admin.createUser(pool.poolId, 'bruce', PASSWORD);
    const app = await session.openApp();
    const { page } = app;
    const services = app.harness.services;
    const wayne = await addProfile(app, emu, pool, 'Wayne');

    await openSignIn(page);
    await enterPassword(page, 'Wayne', 'bruce', PASSWORD);
    await heading(page, 'Signed in as bruce');

    await dispatchOk(services, 'auth:signOut', { profileId: wayne.id });
    await heading(page, 'Sign in to Wayne');
    // As after signing out in the window: the username stays for the next sign-in.
    await expect(page.getByLabel('Username or email').inputValue()).resolves.toBe('bruce');

    // A step in progress keeps what was typed: no redraw while the password is being entered.
    await page.getByLabel('Password', { exact: true }).fill('half-typed');
    await addProfile(app, emu, pool, 'Wayne West');
    await expect(page.getByLabel('Password', { exact: true }).inputValue()).resolves.toBe(
      'half-typed',
    );

    await page.keyboard.press('Escape');
    await heading(page, 'Choose where to sign in');
    // What was added meanwhile is there when the picker comes back.
    await page.getByRole('button', { name: /^Wayne West\b/ }).waitFor();
    await addProfile(app, emu, pool, 'Wayne East');
    await page.getByRole('button', { name: /^Wayne East\b/ }).waitFor();
  });
});
