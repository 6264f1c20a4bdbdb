/**
 * The tray's "Sign in…" in the real renderer: the harness runs main's tray
 * window controls over its own services, so the profile is selected and the
 * `ui:show` event travels to the page as it does in the app.
 */
import { describe, expect, it } from 'vitest';
import { trayWindowControls } from '../../src-main/core/tray/tray-window';
import type { AppPage } from './helpers';
import { useAppPerTest } from './helpers';
import { dispatchOk } from '../helpers/dispatch';

function addProfile(app: AppPage, displayName: string, poolSuffix: string) {
  return dispatchOk(app.harness.services, 'profiles:add', {
    displayName,
    region: 'eu-west-1',
    userPoolId: `eu-west-1_${poolSuffix}`,
    clientId: `client${poolSuffix}`.toLowerCase(),
    // Nothing listens here: these tests never reach a pool.
    endpoint: 'http://127.0.0.1:9',
  });
}

function trayOf(app: AppPage) {
  const { cognito, events, lock } = app.harness.services.services;
  return trayWindowControls({
    show: () => {},
    selectProfile: (id) => cognito.selectProfile(id),
    showScreen: (request) => events.emit('ui:show', request),
    lock: () => lock.set(true),
    quit: () => {},
  });
}

async function focusedProfile(app: AppPage): Promise<string | null> {
  return app.page.evaluate(
    () => document.activeElement?.querySelector('.profile-name')?.textContent ?? null,
  );
}

describe('tray "Sign in…"', () => {
  const current = useAppPerTest();

  it('switches the window from the vault to the sign-in screen with that profile selected', async () => {
    const app = current();
    await addProfile(app, 'Acme', 'Acme11111');
    const beta = await addProfile(app, 'Beta', 'Beta22222');
    // Another profile is selected, so the selection must move for Beta to come up chosen.
    const corp = await addProfile(app, 'Corp', 'Corp33333');
    await app.harness.services.dispatch('profiles:select', { profileId: corp.id });

    trayOf(app).open(beta.id);

    await app.page.getByRole('heading', { level: 1, name: 'Choose where to sign in' }).waitFor();
    await expect.poll(() => focusedProfile(app)).toBe('Beta');
    expect(app.page.url()).toContain('#/sign-in');
  });

  it('starts the sign-in screen over when it is already showing another profile', async () => {
    const app = current();
    const acme = await addProfile(app, 'Acme', 'Acme11111');
    const beta = await addProfile(app, 'Beta', 'Beta22222');
    await app.harness.services.dispatch('profiles:select', { profileId: acme.id });
    const { page } = app;
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Sign in' })
      .click();
    await page.getByRole('button', { name: /^Acme\b/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in to Acme' }).waitFor();

    trayOf(app).open(beta.id);

    await page.getByRole('heading', { level: 1, name: 'Choose where to sign in' }).waitFor();
    await expect.poll(() => focusedProfile(app)).toBe('Beta');
  });
});
