/**
 * Shared set-up of the sign-in, enrollment and devices end-to-end tests: an
 * in-process emulator with a pool made for the test, the harness app with a
 * profile pointing at it, and steps of the wizard driven by role and label.
 */
import { mkdir } from 'node:fs/promises';
import * as OTPAuth from 'otpauth';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { startEmulator } from '../../emulator/index';
import type { Emulator, EmulatorOptions } from '../../emulator/index';
import type { ProfileView } from '../../src-main/ipc/contract';
import { SCREENSHOT_DIR, useBrowserAndApp } from './helpers';
import type { AppPage, AppSession } from './helpers';
import { dispatchOk } from '../helpers/dispatch';

export const PASSWORD = 'Correct-Horse-1';
export const NEW_PASSWORD = 'Brand-New-Passw0rd';
/** The emulator's default password policy, as the profile tells the wizard. */
export const POLICY = {
  minimumLength: 8,
  requireUppercase: true,
  requireLowercase: true,
  requireNumbers: true,
  requireSymbols: true,
};

export interface EmulatorAppSession extends AppSession {
  /**
   * Starts an emulator that is closed after the test, after the app. A test
   * may close it earlier itself (e.g. to read its timing log).
   */
  startEmulator(options?: EmulatorOptions): Promise<Emulator>;
}

/** useBrowserAndApp for tests that also run an emulator. */
export function useEmulatorAndApp(): EmulatorAppSession {
  const session = useBrowserAndApp();
  return {
    ...session,
    async startEmulator(options) {
      const emu = await startEmulator(options);
      let closing: Promise<void> | undefined;
      const close = (): Promise<void> => (closing ??= emu.close());
      session.cleanUpAfterTest(close);
      return { ...emu, close };
    },
  };
}

export interface PoolOptions {
  name: string;
  mfa: 'OFF' | 'ON' | 'OPTIONAL';
  /** Devices tracked, remembered only when the user says yes. */
  devices?: 'opt-in' | 'always';
  requiredAttributes?: string[];
}

export interface TestPool {
  poolId: string;
  clientId: string;
}

export async function createPool(emu: Emulator, o: PoolOptions): Promise<TestPool> {
  const poolId = await emu.admin.createPool({
    PoolName: o.name,
    ...(o.devices
      ? {
          DeviceConfiguration: {
            ChallengeRequiredOnNewDevice: true,
            DeviceOnlyRememberedOnUserPrompt: o.devices === 'opt-in',
          },
        }
      : {}),
    Schema: (o.requiredAttributes ?? []).map((Name) => ({
      Name,
      AttributeDataType: 'String',
      Required: true,
      Mutable: true,
    })),
  });
  await emu.admin.call('SetUserPoolMfaConfig', {
    UserPoolId: poolId,
    MfaConfiguration: o.mfa,
    SoftwareTokenMfaConfiguration: { Enabled: true },
  });
  const { clientId } = await emu.admin.createClient(poolId, {
    ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  return { poolId, clientId };
}

/**
 * A pool (through the emulator's seed) with one user whose authenticator is
 * already set up; with `email`, email codes are on too and neither is
 * preferred, so Cognito asks which to use (SELECT_MFA_TYPE).
 */
export async function seedTotpPool(
  emu: Emulator,
  o: {
    id: string;
    clientId: string;
    name: string;
    username: string;
    secret: string;
    email?: string;
    /** Devices tracked, remembered only when the user says yes. */
    optInDevices?: boolean;
  },
): Promise<TestPool> {
  await emu.admin.seed({
    pools: [
      {
        id: o.id,
        name: o.name,
        mfaConfiguration: 'OPTIONAL',
        ...(o.optInDevices
          ? {
              deviceConfiguration: {
                ChallengeRequiredOnNewDevice: true,
                DeviceOnlyRememberedOnUserPrompt: true,
              },
            }
          : {}),
        totp: true,
        email: o.email !== undefined,
        clients: [
          {
            id: o.clientId,
            name: 'desktop',
            explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
          },
        ],
        users: [
          o.email === undefined
            ? {
                username: o.username,
                password: PASSWORD,
                totpSecret: o.secret,
                mfaEnabled: ['SOFTWARE_TOKEN_MFA'],
                mfaPreferred: 'SOFTWARE_TOKEN_MFA',
              }
            : {
                username: o.username,
                password: PASSWORD,
                attributes: { email: o.email, email_verified: 'true' },
                totpSecret: o.secret,
                mfaEnabled: ['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'],
              },
        ],
      },
    ],
  });
  return { poolId: o.id, clientId: o.clientId };
}

export async function addProfile(
  app: AppPage,
  emu: Emulator,
  pool: TestPool,
  displayName: string,
): Promise<ProfileView> {
  return dispatchOk(app.harness.services, 'profiles:add', {
    displayName,
    region: emu.region,
    userPoolId: pool.poolId,
    clientId: pool.clientId,
    endpoint: emu.url,
    passwordPolicy: POLICY,
  });
}

export async function openSignIn(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Sign in' })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Choose where to sign in' }).waitFor();
}

export async function enterPassword(
  page: Page,
  profileName: string,
  username: string,
  password: string,
): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^${profileName}\\b`) }).click();
  await page.getByRole('heading', { level: 1, name: `Sign in to ${profileName}` }).waitFor();
  await page.getByLabel('Username or email').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.keyboard.press('Enter');
}

export async function heading(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

export async function isFocused(page: Page, label: string): Promise<boolean> {
  return page.getByLabel(label, { exact: true }).evaluate((el) => el === document.activeElement);
}

/** The Base32 key as the enrollment screen shows it ("ABCD EFGH ..."), spaces removed. */
export async function shownSetupKey(page: Page): Promise<string> {
  const text = await page.locator('.setup-key').textContent();
  const key = (text ?? '').replace(/\s/g, '');
  expect(key).toMatch(/^[A-Z2-7]{16,}$/);
  return key;
}

/**
 * The phone in the test: a TOTP code for the shown key at `now` (the shared
 * test clock), taken from a fresh 30-second window so it cannot roll over
 * between typing and checking.
 */
export async function phoneCode(secret: string, now: () => number = Date.now): Promise<string> {
  const totp = new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(secret),
    digits: 6,
    period: 30,
  });
  const left = 30 - (Math.floor(now() / 1000) % 30);
  if (left < 3) await new Promise((r) => setTimeout(r, left * 1000 + 200));
  return totp.generate({ timestamp: now() });
}

/** The whole step, not just the window: tall steps (setup, new password) are seen in full. */
export async function screenshotStep(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  // A modal's backdrop covers the viewport only, so a full-page shot would show the page
  // below it undimmed.
  const modalOpen = (await page.locator('dialog[open]').count()) > 0;
  await page.screenshot({
    path: `${SCREENSHOT_DIR}${name}.png`,
    fullPage: !modalOpen,
    animations: 'disabled',
  });
}
