/**
 * The paths that need no administrator, end to end in Chromium against the
 * emulator: forgot password (the code read from the emulator's outbox),
 * choice-based sign-in with an emailed code, and signing out another session.
 */
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/index';
import type { ProfileView } from '../../src-main/ipc/contract';
import { expectAccessible } from './a11y';
import type { AppPage } from './helpers';
import {
  NEW_PASSWORD,
  PASSWORD,
  POLICY,
  enterPassword,
  heading,
  openSignIn,
  screenshotStep,
  useEmulatorAndApp,
} from './sign-in-fixtures';
import { dispatchOk } from '../helpers/dispatch';

async function profile(
  app: AppPage,
  emu: Emulator,
  poolId: string,
  clientId: string,
  displayName: string,
  authFlow: ProfileView['authFlow'] = 'USER_SRP_AUTH',
): Promise<void> {
  await dispatchOk(app.harness.services, 'profiles:add', {
    displayName,
    region: emu.region,
    userPoolId: poolId,
    clientId,
    endpoint: emu.url,
    authFlow,
    passwordPolicy: POLICY,
  });
}

async function seed(emu: Emulator, id: string, clientId: string, flows: string[], extra = {}) {
  await emu.admin.seed({
    pools: [
      {
        id,
        name: id,
        ...extra,
        clients: [
          {
            id: clientId,
            name: 'desktop',
            explicitAuthFlows: flows,
            preventUserExistenceErrors: 'ENABLED',
          },
        ],
        users: [
          {
            username: 'mia',
            password: PASSWORD,
            attributes: { email: 'mia@example.com', email_verified: 'true' },
          },
        ],
      },
    ],
  });
}

describe('self-service', () => {
  const session = useEmulatorAndApp();

  it('resets a forgotten password with the emailed code, then signs in with the new one', async () => {
    const emu = await session.startEmulator({ port: 0 });
    await seed(emu, 'us-east-1_ForgotPw1', 'forgotclient00000000000000', [
      'ALLOW_USER_SRP_AUTH',
      'ALLOW_REFRESH_TOKEN_AUTH',
    ]);
    const app = await session.openApp();
    await profile(app, emu, 'us-east-1_ForgotPw1', 'forgotclient00000000000000', 'Umbrella');
    const { page } = app;
    await openSignIn(page);
    await page.getByRole('button', { name: /^Umbrella\b/ }).click();
    await heading(page, 'Sign in to Umbrella');
    await page.getByLabel('Username or email').fill('mia');
    await page.getByRole('button', { name: 'Forgot password?' }).click();
    await heading(page, 'Reset your password');
    await expect(page.getByLabel('Username or email').inputValue()).resolves.toBe('mia');
    await expectAccessible(page, 'reset your password');
    await screenshotStep(page, 'forgot-password');
    const sent = emu.outbox.waitFor({ username: 'mia', kind: 'FORGOT_PASSWORD' });
    await page.keyboard.press('Enter');
    await heading(page, 'Enter the code and a new password');
    await page.getByText('We sent a code by email to m***@e***.').waitFor();
    const mail = await sent;

    // A wrong code lands on the code field; the right one with a password that fits the policy works.
    await page
      .getByLabel('Code', { exact: true })
      .fill(mail.code === '000000' ? '111111' : '000000');
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Type the new password again').fill(NEW_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByText('That code is not right.').waitFor();
    await expect(
      page.getByLabel('Code', { exact: true }).getAttribute('aria-invalid'),
    ).resolves.toBe('true');
    await page.getByLabel('Code', { exact: true }).fill(mail.code);
    await expectAccessible(page, 'reset code and new password');
    await screenshotStep(page, 'forgot-password-code');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await heading(page, 'Sign in to Umbrella');
    await page.getByRole('status').filter({ hasText: 'Password changed.' }).waitFor();
    await page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
    await page.keyboard.press('Enter');
    await heading(page, 'Signed in as mia');
  });

  it('signs in by USER_AUTH: chooses an emailed code at SELECT_CHALLENGE and enters it', async () => {
    const emu = await session.startEmulator({ port: 0 });
    await seed(
      emu,
      'us-east-1_ChoicePl1',
      'choiceclient00000000000000',
      ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      { allowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] },
    );
    const app = await session.openApp();
    await profile(
      app,
      emu,
      'us-east-1_ChoicePl1',
      'choiceclient00000000000000',
      'Soylent',
      'USER_AUTH',
    );
    const { page } = app;
    await openSignIn(page);
    await page.getByRole('button', { name: /^Soylent\b/ }).click();
    await heading(page, 'Sign in to Soylent');
    await expect(page.getByLabel('Password', { exact: true }).count()).resolves.toBe(0);
    await page.getByLabel('Username or email').fill('mia');
    await page.keyboard.press('Enter');
    await heading(page, 'Choose how to sign in');
    const choices = page.getByRole('group', { name: 'Sign in with' });
    await expect(choices.getByRole('radio').count()).resolves.toBe(2);
    await expect(page.getByLabel('Your password').isVisible()).resolves.toBe(true);
    await expectAccessible(page, 'choose how to sign in');
    await screenshotStep(page, 'signin-choose-factor');
    await choices.getByLabel('A code by email').check();
    await expect(page.getByLabel('Your password').isVisible()).resolves.toBe(false);
    const sent = emu.outbox.waitFor({ username: 'mia', kind: 'EMAIL_OTP' });
    await page.getByRole('button', { name: 'Send me a code' }).click();
    await heading(page, 'Enter the code we emailed you');
    const mail = await sent;
    // Only the built-in demo shows the code on screen: here it arrives by email alone.
    await expect(page.getByText('Demo mode').count()).resolves.toBe(0);
    await expectAccessible(page, 'emailed first-factor code');
    await screenshotStep(page, 'signin-email-otp-first');
    await page.getByLabel('Code from the email').pressSequentially(mail.code);
    await heading(page, 'Signed in as mia');
  });

  it('lists where I am signed in and signs another session out', async () => {
    const emu = await session.startEmulator({ port: 0 });
    await seed(emu, 'us-east-1_Sessions1', 'sessionclient0000000000000', [
      'ALLOW_USER_PASSWORD_AUTH',
      'ALLOW_USER_SRP_AUTH',
      'ALLOW_REFRESH_TOKEN_AUTH',
    ]);
    // Another sign-in of the same user, elsewhere.
    const elsewhere = await fetch(emu.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth',
        'User-Agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Safari/537.36',
      },
      body: JSON.stringify({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: 'sessionclient0000000000000',
        AuthParameters: { USERNAME: 'mia', PASSWORD },
      }),
    });
    expect(elsewhere.status).toBe(200);
    const app = await session.openApp();
    await profile(app, emu, 'us-east-1_Sessions1', 'sessionclient0000000000000', 'Hooli');
    const { page } = app;
    await openSignIn(page);
    await enterPassword(page, 'Hooli', 'mia', PASSWORD);
    await heading(page, 'Signed in as mia');
    await page.getByRole('link', { name: 'Where you are signed in' }).click();
    await heading(page, 'Where you are signed in');
    await page.getByText('Your account has 2 active sign-ins.').waitFor();
    const other = page.getByRole('listitem', { name: 'Session 2' });
    await other.getByText('Windows, Chrome').waitFor();
    await expect(
      page.getByRole('listitem', { name: 'This app, here' }).getByRole('button').count(),
    ).resolves.toBe(0);
    await expectAccessible(page, 'where you are signed in');
    await screenshotStep(page, 'my-sessions');
    await other.getByRole('button', { name: 'Sign this session out…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Sign it out' }).click();
    await page.getByText('This is your only active sign-in.').waitFor();
    await page.getByRole('status').filter({ hasText: 'That session is signed out.' }).waitFor();
    const live = Object.values(emu.state().grants).filter((g) => !g.revoked);
    expect(live).toHaveLength(1);
  });

  it('creates an account, confirms it with the emailed code, and signs in with it', async () => {
    const emu = await session.startEmulator({ port: 0 });
    await seed(
      emu,
      'us-east-1_SignUpPl1',
      'signupclient00000000000000',
      ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      { autoVerifiedAttributes: ['email'] },
    );
    const app = await session.openApp();
    await profile(app, emu, 'us-east-1_SignUpPl1', 'signupclient00000000000000', 'Initrode');
    const { page } = app;
    await openSignIn(page);
    await page.getByRole('button', { name: /^Initrode\b/ }).click();
    await heading(page, 'Sign in to Initrode');
    await page.getByRole('button', { name: 'Create an account' }).click();
    await heading(page, 'Create an account');
    await page.getByLabel('Username', { exact: true }).fill('mia');
    await page.getByLabel('Email address').fill('mia2@example.com');
    await page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Type the password again').fill(NEW_PASSWORD);
    await page.keyboard.press('Enter');
    // The name is taken: the error sits on the username.
    await page.getByText('An account with that username already exists.').waitFor();
    await expect(
      page.getByLabel('Username', { exact: true }).getAttribute('aria-invalid'),
    ).resolves.toBe('true');
    await expectAccessible(page, 'create an account');
    await screenshotStep(page, 'sign-up');
    await page.getByLabel('Username', { exact: true }).fill('noor');
    const sent = emu.outbox.waitFor({ username: 'noor', kind: 'SIGN_UP' });
    await page.getByRole('button', { name: 'Create the account' }).click();
    await heading(page, 'Confirm your account');
    await page.getByText('We sent a code by email to m***@e***.').waitFor();
    const mail = await sent;
    await expectAccessible(page, 'confirm your account');
    await screenshotStep(page, 'sign-up-confirm');
    await page.getByLabel('Code', { exact: true }).fill(mail.code);
    await page.keyboard.press('Enter');
    await heading(page, 'Sign in to Initrode');
    await page.getByRole('status').filter({ hasText: 'Account confirmed.' }).waitFor();
    await expect(page.getByLabel('Username or email').inputValue()).resolves.toBe('noor');
    await page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
    await page.keyboard.press('Enter');
    await heading(page, 'Signed in as noor');
  });

  it('shows my account, verifies my email with the code sent to it, and changes my password', async () => {
    const emu = await session.startEmulator({ port: 0 });
    await emu.admin.seed({
      pools: [
        {
          id: 'us-east-1_AccountP1',
          name: 'account',
          clients: [
            {
              id: 'accountclient0000000000000',
              name: 'desktop',
              explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
            },
          ],
          users: [
            {
              username: 'mia',
              password: PASSWORD,
              attributes: { email: 'mia@example.com', email_verified: 'false' },
            },
          ],
        },
      ],
    });
    const app = await session.openApp();
    await profile(app, emu, 'us-east-1_AccountP1', 'accountclient0000000000000', 'Vandelay');
    const { page } = app;
    await openSignIn(page);
    await enterPassword(page, 'Vandelay', 'mia', PASSWORD);
    await heading(page, 'Signed in as mia');
    await page.getByRole('link', { name: 'Your account' }).click();
    await heading(page, 'Your account');
    const methods = page.getByRole('region', { name: 'Ways you can sign in' });
    await methods.getByText('Password').waitFor();
    const details = page.getByRole('region', { name: 'Your details' });
    await details.getByText('(not verified)').waitFor();
    await expectAccessible(page, 'your account');
    await screenshotStep(page, 'my-account');
    const sent = emu.outbox.waitFor({ username: 'mia', kind: 'VERIFY_ATTRIBUTE' });
    await details.getByRole('button', { name: 'Verify email address…' }).click();
    const mail = await sent;
    await details.getByLabel('Verification code').fill(mail.code);
    await details.getByRole('button', { name: 'Verify' }).click();
    await details.getByText('(verified)').waitFor();

    const change = page.getByRole('region', { name: 'Change your password' });
    await change.getByLabel('Current password').fill('Wrong-Passw0rd!');
    await change.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await change.getByRole('button', { name: 'Change password' }).click();
    await change.getByText('Incorrect username or password. Check both and try again.').waitFor();
    await change.getByLabel('Current password').fill(PASSWORD);
    await change.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('status').filter({ hasText: 'Password changed.' }).waitFor();
  });
});
