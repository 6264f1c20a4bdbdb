/**
 * The admin console end to end, with the test playing the colleague's phone:
 * admin mode on a profile, signed with an AWS profile from a real
 * ~/.aws-style config; a new colleague enrolled at the desk (temporary
 * password → new password → QR code → AdminGetUser's result); then the lost
 * phone reset and a second enrollment. Afterwards nothing of the colleague's
 * is left on this computer: the keychain, every secret in the store, the
 * state file and the vault are scanned. Also: AccessDeniedException naming
 * the IAM action, and an expired SSO session naming `aws sso login`.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import keytar from 'keytar';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/index';
import { keychainServiceFor } from '../../browser-host/server';
import { expectAccessible } from './a11y';
import { screenshot } from './helpers';
import type { AppPage } from './helpers';
import {
  NEW_PASSWORD,
  addProfile,
  createPool,
  heading,
  phoneCode,
  screenshotStep,
  shownSetupKey,
  useEmulatorAndApp,
} from './sign-in-fixtures';
import type { TestPool } from './sign-in-fixtures';

const RESTRICTED = {
  accessKeyId: 'AKIDRESTRICTED000000',
  secretAccessKey: 'restricted-local-secret',
  allowedActions: [
    'ListUsers',
    'AdminGetUser',
    'AdminListGroupsForUser',
    'AdminListDevices',
    'AdminListUserAuthEvents',
    'GetUserPoolMfaConfig',
    'DescribeUserPool',
  ],
};

let awsDir: string;
const savedEnv = {
  config: process.env.AWS_CONFIG_FILE,
  creds: process.env.AWS_SHARED_CREDENTIALS_FILE,
};

beforeAll(async () => {
  awsDir = await mkdtemp(join(tmpdir(), 'cda-aws-'));
  process.env.AWS_CONFIG_FILE = join(awsDir, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(awsDir, 'credentials');
});
afterAll(async () => {
  for (const [key, value] of [
    ['AWS_CONFIG_FILE', savedEnv.config],
    ['AWS_SHARED_CREDENTIALS_FILE', savedEnv.creds],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await rm(awsDir, { recursive: true, force: true });
});

/** The admin's AWS files: keys for the emulator, the restricted pair, and an SSO profile never logged in. */
async function writeAwsProfiles(emu: Emulator): Promise<void> {
  await writeFile(
    join(awsDir, 'credentials'),
    [
      '[initech-admin]',
      `aws_access_key_id = ${emu.credentials.accessKeyId}`,
      `aws_secret_access_key = ${emu.credentials.secretAccessKey}`,
      '[initech-readonly]',
      `aws_access_key_id = ${RESTRICTED.accessKeyId}`,
      `aws_secret_access_key = ${RESTRICTED.secretAccessKey}`,
      '',
    ].join('\n'),
  );
  await writeFile(
    join(awsDir, 'config'),
    [
      '[profile initech-sso]',
      'sso_session = corp',
      'sso_account_id = 111122223333',
      'sso_role_name = CognitoAdmin',
      'region = us-east-1',
      '[sso-session corp]',
      `sso_start_url = https://cda-test-${Date.now()}.awsapps.com/start`,
      'sso_region = us-east-1',
      '',
    ].join('\n'),
  );
}

/** A toast from a step before would only clutter the picture. */
async function noToast(page: Page): Promise<void> {
  await page.locator('.toast').waitFor({ state: 'detached' });
}

async function openAdmin(page: Page, profile: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
  await heading(page, 'Admin');
  await page.getByLabel('Profile', { exact: true }).selectOption({ label: profile });
}

async function turnOn(page: Page, awsProfile: string): Promise<void> {
  const mode = page.getByRole('region', { name: 'Admin mode' });
  await mode.getByRole('heading', { name: 'Admin mode is off' }).waitFor();
  await mode.getByLabel('AWS profile for admin calls (optional)').fill(awsProfile);
  await mode.getByRole('button', { name: 'Turn on admin mode' }).click();
}

/** Everything the app keeps: keychain entries, every decrypted secret, the state file, the vault. */
async function everythingKept(app: AppPage): Promise<string> {
  const { services } = app.harness.services;
  const keychain = await keytar.findCredentials(keychainServiceFor(app.harness.dataDir));
  const secrets: string[] = [];
  for (const key of await services.secrets.keys())
    secrets.push(`${key}=${await services.secrets.get(key)}`);
  const state = await readFile(join(app.harness.dataDir, 'state.json'), 'utf8').catch(() => '');
  const vault = JSON.stringify(await services.vault.list());
  return JSON.stringify({ keychain, secrets, state, vault });
}

async function enrollAtDesk(
  app: AppPage,
  emu: Emulator,
  pool: TestPool,
  username: string,
  temporary: string,
  shots: boolean,
): Promise<string> {
  const { page } = app;
  await page.getByRole('button', { name: 'Enroll at this desk…' }).click();
  await heading(page, `Hand the keyboard to ${username}`);
  if (shots) await screenshotStep(page, 'admin-desk-handover');
  // From here on the test is the colleague.
  await page.getByLabel('Password', { exact: true }).fill(temporary);
  await page.keyboard.press('Enter');
  const user = () => emu.state().pools[pool.poolId]!.users[username]!;
  if (user().status === 'FORCE_CHANGE_PASSWORD') {
    await heading(page, 'Choose a new password');
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Type the new password again').fill(NEW_PASSWORD);
    await page.keyboard.press('Enter');
  }
  await heading(page, 'Set up your authenticator app');
  // Only a phone can be the authenticator here, and the key is not offered for this computer's clipboard.
  await expect(page.getByLabel('Or use this computer as the authenticator').count()).resolves.toBe(
    0,
  );
  await expect(page.getByRole('button', { name: 'Copy key' }).count()).resolves.toBe(0);
  const key = await shownSetupKey(page);
  if (shots) {
    await expectAccessible(page, 'desk enrollment QR step');
    await screenshotStep(page, 'admin-desk-qr');
  }
  await page.getByLabel('Name for this authenticator (optional)').fill(`${username}’s phone`);
  await page
    .getByLabel('6-digit code from your authenticator app')
    .pressSequentially(await phoneCode(key));
  await heading(page, `${username} is enrolled`);
  const result = page.getByRole('definition').filter({ hasText: 'SOFTWARE_TOKEN_MFA' });
  await expect(result.textContent()).resolves.toBe('SOFTWARE_TOKEN_MFA enabled, preferred');
  if (shots) {
    await noToast(page);
    await screenshotStep(page, 'admin-desk-done');
  }
  expect(user().totp.secret).toBe(key);
  return key;
}

describe('admin console', () => {
  const session = useEmulatorAndApp();

  it('enrolls a colleague at the desk, resets the lost phone, enrolls again, and keeps nothing of theirs', async () => {
    const emu = await session.startEmulator({ port: 0, restrictedCredentials: RESTRICTED });
    await writeAwsProfiles(emu);
    const pool = await createPool(emu, { name: 'initech', mfa: 'ON', devices: 'opt-in' });
    const app = await session.openApp();
    const { page } = app;
    await addProfile(app, emu, pool, 'Initech');
    await openAdmin(page, 'Initech');
    await turnOn(page, 'initech-admin');
    await page.getByText('Acting as AWS profile “initech-admin” (key …R000)').waitFor();
    await page
      .getByRole('table', { name: 'Users' })
      .or(page.getByText('No users match.'))
      .waitFor();
    await expectAccessible(page, 'admin users');
    await screenshot(page, 'admin-users');
    const before = await everythingKept(app);

    // A new colleague, invitation not sent: the temporary password is shown once.
    await page.getByRole('button', { name: 'Create user…' }).click();
    const create = page.getByRole('dialog', { name: 'Create a user' });
    await create.getByLabel('Username').fill('milton');
    await create.getByLabel('Email (optional)').fill('milton@initech.example');
    await create.getByLabel('Send the invitation by').selectOption('SUPPRESS');
    await create.getByRole('button', { name: 'Create user' }).click();
    const once = create.getByLabel(/^Temporary password: /);
    const temporary = ((await once.getAttribute('aria-label')) ?? '').replace(
      'Temporary password: ',
      '',
    );
    expect(temporary).toHaveLength(16);
    await expectAccessible(page, 'temporary password shown once');
    await screenshot(page, 'admin-create-once');
    await create.getByRole('button', { name: 'I have handed it over' }).click();
    await page.getByRole('heading', { name: 'User milton' }).waitFor();
    await page
      .getByText(
        'They sign in with the temporary password and must then choose a new one. MFA is required and they have no factor, so Cognito makes them set up an authenticator app (QR code) right after the password.',
      )
      .waitFor();
    await expectAccessible(page, 'admin user page');
    await noToast(page);
    await screenshotStep(page, 'admin-user');

    const firstKey = await enrollAtDesk(app, emu, pool, 'milton', temporary, true);

    // Nothing of milton's stayed: not in the keychain, the secrets, the state file or the vault.
    const after = await everythingKept(app);
    expect(after).toBe(before);
    expect(after).not.toContain('milton');
    // Nor is this computer one of milton's devices.
    const milton = emu.state().pools[pool.poolId]!.users.milton!;
    expect(Object.values(milton.devices).filter((d) => d.verifier !== null)).toEqual([]);
    expect(
      Object.values(emu.state().grants).filter((g) => g.username === 'milton' && !g.revoked),
    ).toEqual([]);

    // The lost phone: remove the authenticator; the page says what the next sign-in asks.
    await page.getByRole('button', { name: 'Back to milton' }).click();
    // The desk's sign-in ended with the enrollment: Cognito lists no session of milton's.
    const factors = page.getByRole('region', { name: 'Sign-in factors and sessions' });
    await factors.getByText('No active sessions.').waitFor();
    // In words, not Cognito's names for them.
    await factors.getByText(/^Can sign in with: Password\b/).waitFor();
    await page.getByRole('button', { name: 'Remove authenticator app (lost phone)…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Remove milton’s authenticator app?' });
    await screenshot(page, 'admin-lost-phone-confirm');
    await confirm.getByRole('button', { name: 'Remove authenticator' }).click();
    await page.getByText('No second factor is set up.').waitFor();
    await page
      .getByText(
        'They sign in with their password. MFA is required and they have no factor, so Cognito makes them set up an authenticator app (QR code) right after the password.',
      )
      .waitFor();
    expect(emu.state().pools[pool.poolId]!.users.milton!.totp.secret).toBeNull();

    // Re-enrollment at the desk with the new phone (milton's own password now).
    const secondKey = await enrollAtDesk(app, emu, pool, 'milton', NEW_PASSWORD, false);
    expect(secondKey).not.toBe(firstKey);
    expect(await everythingKept(app)).toBe(before);

    // Destructive: the username typed back.
    await page.getByRole('button', { name: 'Back to milton' }).click();
    await page.getByRole('button', { name: 'Sign out everywhere…' }).click();
    const typed = page.getByRole('dialog', { name: 'Sign milton out everywhere?' });
    const go = typed.getByRole('button', { name: 'Sign out everywhere' });
    await expect(go.isDisabled()).resolves.toBe(true);
    await typed.getByLabel('Type the username “milton” to confirm').fill('milton');
    await expectAccessible(page, 'typed confirmation');
    await screenshot(page, 'admin-typed-confirm');
    await go.click();
    await page
      .getByRole('status')
      .filter({ hasText: 'milton is signed out everywhere.' })
      .waitFor();

    // The audit log has every action with who did it; the CSV download holds no secrets.
    await page.getByRole('button', { name: 'Audit log' }).click();
    await page.getByRole('cell', { name: 'remove authenticator app (lost phone)' }).waitFor();
    await expectAccessible(page, 'audit log');
    await noToast(page);
    await screenshotStep(page, 'admin-audit');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export as CSV' }).click();
    const csv = await readFile((await (await download).path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('time,identity,pool,user,action,result,error');
    expect(csv).toContain('milton,create user,ok');
    expect(csv).toContain('milton,sign out everywhere,ok');
    expect(csv).toContain('milton,enroll at the desk: authenticator app set up,ok');
    expect(csv).not.toContain(',failed,');
    for (const secret of [
      temporary,
      NEW_PASSWORD,
      firstKey,
      secondKey,
      emu.credentials.secretAccessKey,
    ])
      expect(csv).not.toContain(secret);

    await page.getByRole('button', { name: 'Pool' }).click();
    await page.getByRole('heading', { name: 'App clients' }).waitFor();
    await expectAccessible(page, 'pool overview');
    await noToast(page);
    await screenshotStep(page, 'admin-pool');
  });

  it('names the IAM action refused, and the command that renews an expired SSO session', async () => {
    const emu = await session.startEmulator({ port: 0, restrictedCredentials: RESTRICTED });
    await writeAwsProfiles(emu);
    const pool = await createPool(emu, { name: 'initech', mfa: 'OPTIONAL' });
    await emu.admin.createUser(pool.poolId, 'peter', 'Correct-Horse-1');
    const app = await session.openApp();
    const { page } = app;
    await addProfile(app, emu, pool, 'Initech');
    await openAdmin(page, 'Initech');

    await turnOn(page, 'initech-sso');
    const alert = page
      .getByRole('alert')
      .filter({ hasText: 'Your AWS credentials could not be used' });
    await alert
      .getByText(
        'Your AWS sign-in has expired: run “aws sso login --profile initech-sso” in a terminal, then try again.',
      )
      .waitFor();
    await expectAccessible(page, 'expired SSO');
    await screenshot(page, 'admin-sso-expired');
    await page.getByRole('button', { name: 'Turn admin mode off' }).click();

    await turnOn(page, 'initech-readonly');
    await page.getByRole('button', { name: 'peter' }).click();
    await page.getByRole('heading', { name: 'User peter' }).waitFor();
    await page.getByRole('button', { name: 'Disable account…' }).click();
    await page
      .getByRole('dialog', { name: 'Disable peter?' })
      .getByRole('button', { name: 'Disable' })
      .click();
    await page
      .getByRole('alert')
      .getByText(
        'Your AWS identity may not do this: IAM refused cognito-idp:AdminDisableUser. Ask your AWS administrator to allow that action on this user pool.',
      )
      .waitFor();
    await screenshot(page, 'admin-access-denied');
    expect(emu.state().pools[pool.poolId]!.users.peter!.enabled).toBe(true);
  });
});
