/**
 * An account whose secret key has gone from the encrypted store (a restored
 * backup, an outside edit): the vault still opens, the row says what is wrong
 * in place of its code, and it can be deleted.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STATE_FILE_NAME } from '../../src-main/core/state/app-state';
import { secretKey } from '../../src-main/core/vault';
import type { VaultAccountView } from '../../src-main/ipc/contract';
import {
  accountNames,
  accountRow,
  eventually,
  expectLiveCode,
  totp,
  useAppPerTest,
} from './helpers';
import type { AppPage } from './helpers';
import { dispatchOk } from '../helpers/dispatch';

const GITHUB_SECRET = 'JBSWY3DPEHPK3PXP';
const MESSAGE =
  'The secret key of "bob" at Corp is missing from the encrypted store. Delete the account and add it again.';

function add(app: AppPage, uri: string): Promise<VaultAccountView> {
  return dispatchOk(app.harness.services, 'vault:addUri', { uri });
}

describe('an account whose secret is missing', () => {
  const app = useAppPerTest();

  it('shows the problem in place of the code, tied to the row, and can be deleted', async () => {
    const { page, harness } = app();
    const github = await add(app(), `otpauth://totp/GitHub:alice?secret=${GITHUB_SECRET}`);
    const lost = await add(app(), 'otpauth://totp/Corp:bob?secret=GEZDGNBVGY3TQOJQ');
    const { secrets } = harness.services.services;
    await secrets.delete(secretKey(lost.id));
    // As after starting the app on a restored secrets file.
    await page.reload();
    await eventually(() => accountNames(page), ['GitHub: alice', 'Corp: bob']);

    const healthy = accountRow(page, 'GitHub: alice');
    await expectLiveCode(healthy, totp(GITHUB_SECRET));
    const broken = accountRow(page, 'Corp: bob');
    await broken.getByText(MESSAGE).waitFor();
    expect(
      await broken.evaluate(
        (el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent,
      ),
    ).toBe(MESSAGE);
    expect(await broken.getByTestId('code').count()).toBe(0);
    expect(await broken.getByRole('button', { name: /^Copy/ }).count()).toBe(0);
    expect(await broken.locator('.ring').isHidden()).toBe(true);
    expect(await page.getByRole('alert').count()).toBe(0);

    // Enter, which copies on a healthy row, explains instead of copying nothing.
    await broken.focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('.toast.error').textContent()).toContain(MESSAGE);
    expect(await harness.clipboard.readText()).toBe('');

    await page.getByRole('button', { name: 'Actions for Corp: bob' }).click();
    const items = page.getByRole('menu').getByRole('menuitem');
    expect(await items.allTextContents()).toEqual([
      'Rename…',
      'Groups…',
      'Re-enroll (new setup key)…',
      'Move up',
      'Move down',
      'Delete…',
    ]);
    await page.getByRole('menuitem', { name: 'Delete…' }).click();
    await page
      .getByRole('dialog', { name: 'Delete Corp: bob?' })
      .getByRole('button', { name: 'Move to Trash' })
      .click();
    await eventually(() => accountNames(page), ['GitHub: alice']);
    const listed = await harness.services.dispatch('vault:list', {});
    expect(listed).toMatchObject({ ok: true, value: { accounts: [{ id: github.id }] } });
    expect(await secrets.keys('vault/')).toEqual([secretKey(github.id)]);
  });

  it('says why the list could not load, and "Try again" loads it once the cause is gone', async () => {
    const { page, harness } = app();
    await add(app(), `otpauth://totp/GitHub:alice?secret=${GITHUB_SECRET}`);
    const stateFile = join(harness.dataDir, STATE_FILE_NAME);
    const good = await readFile(stateFile, 'utf8');
    await writeFile(stateFile, '{ not json');
    await page.reload();

    const panel = page.getByRole('alert').filter({ hasText: 'Your accounts could not be loaded' });
    await panel.waitFor();
    expect(await panel.textContent()).toContain("The app's settings file is damaged");
    expect(await panel.textContent()).toContain('STATE_FILE_CORRUPT');
    expect(await page.getByRole('heading', { name: 'No accounts yet' }).count()).toBe(0);

    await writeFile(stateFile, good);
    await panel.getByRole('button', { name: 'Try again' }).click();
    await eventually(() => accountNames(page), ['GitHub: alice']);
    await expectLiveCode(accountRow(page, 'GitHub: alice'), totp(GITHUB_SECRET));
    expect(await page.getByRole('alert').count()).toBe(0);
  });
});
