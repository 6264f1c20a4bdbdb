/**
 * A sign-in that waits on a server which accepts the connection and never
 * answers: the person can give up at once, with Esc or the visible Cancel,
 * and focus stays in the form (a disabled button would drop it to the page
 * body, where Esc reaches nothing).
 */
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useBrowserAndApp } from './helpers';
import { heading, openSignIn, screenshotStep } from './sign-in-fixtures';
import { dispatchOk } from '../helpers/dispatch';

describe('cancelling a sign-in that waits on a silent server', () => {
  const session = useBrowserAndApp();

  it('Esc and Cancel both abandon "Checking your password…" and leave the form usable', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    session.cleanUpAfterTest(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((r) => silent.close(r));
    });
    const app = await session.openApp();
    const added = await dispatchOk(app.harness.services, 'profiles:add', {
      displayName: 'Silent pool',
      region: 'eu-west-1',
      userPoolId: 'eu-west-1_Silent123',
      clientId: 'silentclient123',
      endpoint: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
    });
    const { page } = app;
    await openSignIn(page);
    await page
      .getByRole('button', {
        name: new RegExp(`^${added.displayName}\\b`),
      })
      .click();
    await heading(page, 'Sign in to Silent pool');
    await page.getByLabel('Username or email').fill('alice');
    const password = page.getByLabel('Password', { exact: true });
    await password.fill('whatever-1');

    // Esc while waiting.
    await page.keyboard.press('Enter');
    const busy = page.getByRole('button', { name: 'Checking your password…' });
    await busy.waitFor();
    await expect(page.evaluate(() => document.activeElement !== document.body)).resolves.toBe(true);
    const cancel = page.getByRole('button', { name: 'Cancel' });
    await expect(cancel.isVisible()).resolves.toBe(true);
    await screenshotStep(page, 'signin-waiting-cancel');
    await page.keyboard.press('Escape');
    await page.getByText('Sign-in cancelled.').waitFor();
    await heading(page, 'Sign in to Silent pool');
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    await expect(cancel.isHidden()).resolves.toBe(true);
    await expect(password.evaluate((el) => el === document.activeElement)).resolves.toBe(true);

    // The visible Cancel, clicked.
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await busy.waitFor();
    await cancel.click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    await heading(page, 'Sign in to Silent pool');
    expect(sockets.length).toBeGreaterThanOrEqual(2);
  });
});
