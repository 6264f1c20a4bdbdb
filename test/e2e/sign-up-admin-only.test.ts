/**
 * Sign-up where only administrators create users, on a profile of the
 * user's own: nothing a signed-out person may call reveals the pool's
 * AllowAdminCreateUserOnly, so the profile says it (ticked in Settings), and
 * the sentence then stands in for the form. Unticked, the form is back, and
 * the pool's own refusal says the same in answer.
 */
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './a11y';
import { PASSWORD, heading, openSignIn, useEmulatorAndApp } from './sign-in-fixtures';

const SENTENCE =
  'In this pool, only administrators create accounts. Ask your administrator for one.';
const CHECKBOX = 'Only administrators create accounts (sign-up is not offered)';

describe('sign-up on a pool where only administrators create users', () => {
  const session = useEmulatorAndApp();

  it('shows the sentence instead of the form once the profile says so', async () => {
    const emu = await session.startEmulator({ port: 0 });
    await emu.admin.seed({
      pools: [
        {
          id: 'us-east-1_AdminOnl1',
          name: 'admin only',
          adminCreateUserOnly: true,
          clients: [
            {
              id: 'adminonlyclient00000000000',
              name: 'app',
              explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
            },
          ],
        },
      ],
    });
    const { page } = await session.openApp();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Settings' })
      .click();
    await heading(page, 'Settings');
    await page.getByRole('button', { name: 'Add profile…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a profile' });
    await dialog.getByLabel('Name').fill('Initech');
    await dialog.getByLabel('Region').fill(emu.region);
    await dialog.getByLabel('User pool id').fill('us-east-1_AdminOnl1');
    await dialog.getByLabel('App client id').fill('adminonlyclient00000000000');
    await dialog.getByText('Advanced').click();
    await dialog.getByLabel('Endpoint (optional)').fill(emu.url);
    await dialog.getByLabel(CHECKBOX).check();
    await dialog.getByRole('button', { name: 'Add profile' }).click();
    await dialog.waitFor({ state: 'detached' });

    await openSignIn(page);
    await page.getByRole('button', { name: /^Initech\b/ }).click();
    await page.getByRole('button', { name: 'Create an account' }).click();
    await heading(page, 'Create an account');
    await page.getByText(SENTENCE).waitFor();
    await expect(page.getByRole('textbox').count()).resolves.toBe(0);
    await expectAccessible(page, 'sign-up on an admin-only profile');

    // The setting is kept: editing shows it ticked; unticking brings the form back.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Settings' })
      .click();
    await page
      .getByRole('listitem', { name: 'Initech' })
      .getByRole('button', { name: /^Edit/ })
      .click();
    const edit = page.getByRole('dialog', { name: 'Edit Initech' });
    await edit.getByText('Advanced').click();
    await expect(edit.getByLabel(CHECKBOX).isChecked()).resolves.toBe(true);
    await edit.getByLabel(CHECKBOX).uncheck();
    await edit.getByRole('button', { name: 'Save profile' }).click();
    await edit.waitFor({ state: 'detached' });

    await openSignIn(page);
    await page.getByRole('button', { name: /^Initech\b/ }).click();
    await page.getByRole('button', { name: 'Create an account' }).click();
    await heading(page, 'Create an account');
    await page.getByLabel('Username', { exact: true }).fill('noor');
    await page.getByLabel('Email address').fill('noor@example.com');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Type the password again').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create the account' }).click();
    await page
      .getByText(
        'This pool does not let people create their own accounts. Ask your administrator for one.',
      )
      .waitFor();
  });
});
