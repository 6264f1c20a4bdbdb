/**
 * The other challenge screens end to end: SELECT_MFA_TYPE (a choice by
 * keyboard), EMAIL_OTP and SMS_MFA with the masked destination and the code
 * the emulator's outbox received.
 */
import { describe, expect, it } from 'vitest';
import {
  PASSWORD,
  addProfile,
  enterPassword,
  heading,
  openSignIn,
  screenshotStep,
  seedTotpPool,
  useEmulatorAndApp,
} from './sign-in-fixtures';

describe('choosing a second factor, email and text-message codes', () => {
  const session = useEmulatorAndApp();

  it('lets the user pick email over the authenticator, then shows where the code went', async () => {
    const emu = await session.startEmulator({ port: 0 });
    const pool = await seedTotpPool(emu, {
      id: 'us-east-1_MailPool1',
      clientId: 'mailclient0000000000000000',
      name: 'mail',
      username: 'frank',
      secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
      email: 'frank@example.com',
    });
    const app = await session.openApp();
    await addProfile(app, emu, pool, 'Vandelay');
    const { page } = app;

    await openSignIn(page);
    // A wrong password first: the message sits on the password field, with the exception named.
    await enterPassword(page, 'Vandelay', 'frank', 'Not-the-passw0rd');
    const password = page.getByLabel('Password', { exact: true });
    await page.getByText('Incorrect username or password. Check both and try again.').waitFor();
    await expect(password.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(
      page.getByText('Details: WRONG_CREDENTIALS · NotAuthorizedException').isVisible(),
    ).resolves.toBe(true);
    await expect(password.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await screenshotStep(page, 'signin-wrong-password');
    await password.fill(PASSWORD);
    await page.keyboard.press('Enter');
    await heading(page, 'Choose how to verify it is you');
    const group = page.getByRole('group', { name: 'Verification method' });
    const first = group.getByRole('radio').first();
    await expect(first.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expect(
      group.getByRole('radio').evaluateAll((els) => els.map((e) => e.parentElement?.textContent)),
    ).resolves.toEqual(['Authenticator app', 'Email']);
    await screenshotStep(page, 'signin-select-mfa');

    // Keyboard only: ↓ picks Email, Enter answers.
    await page.keyboard.press('ArrowDown');
    await expect(group.getByRole('radio', { name: 'Email' }).isChecked()).resolves.toBe(true);
    await page.keyboard.press('Enter');

    await heading(page, 'Enter the code we emailed you');
    const sent = emu.outbox.last('frank', 'EMAIL_OTP');
    expect(sent?.destination).toBe('frank@example.com');
    // Cognito masks the address; the screen shows it as Cognito sent it.
    await expect(page.locator('.delivery').textContent()).resolves.toBe(
      'Sent by email to f***@e***. It can take a minute to arrive.',
    );
    await expect(
      page.getByLabel('Code from the email').evaluate((el) => el === document.activeElement),
    ).resolves.toBe(true);
    await screenshotStep(page, 'signin-email-otp');
    await page.getByLabel('Code from the email').pressSequentially(sent?.code ?? '');
    await heading(page, 'Signed in as frank');
  });

  it('asks for the texted code, naming the masked phone number', async () => {
    const emu = await session.startEmulator({ port: 0 });
    await emu.admin.seed({
      pools: [
        {
          id: 'us-east-1_SmsPool01',
          name: 'sms',
          mfaConfiguration: 'ON',
          sms: true,
          clients: [
            {
              id: 'smsclient00000000000000000',
              name: 'desktop',
              explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
            },
          ],
          users: [
            {
              username: 'hank',
              password: PASSWORD,
              attributes: { phone_number: '+15555550123', phone_number_verified: 'true' },
            },
          ],
        },
      ],
    });
    const app = await session.openApp();
    await addProfile(
      app,
      emu,
      { poolId: 'us-east-1_SmsPool01', clientId: 'smsclient00000000000000000' },
      'Kramerica',
    );
    const { page } = app;

    await openSignIn(page);
    await enterPassword(page, 'Kramerica', 'hank', PASSWORD);
    await heading(page, 'Enter the code we texted you');
    await expect(page.locator('.delivery').textContent()).resolves.toBe(
      'Sent by text message to +*******0123. It can take a minute to arrive.',
    );
    const code = page.getByLabel('Code from the text message');
    await expect(code.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await screenshotStep(page, 'signin-sms');
    await code.pressSequentially(emu.outbox.last('hank', 'SMS_MFA')?.code ?? '');
    await heading(page, 'Signed in as hank');
  });
});
