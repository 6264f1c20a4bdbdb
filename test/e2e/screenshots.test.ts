/**
 * The README's screenshots (docs/screenshots with UPDATE_SCREENSHOTS=1), taken at a
 * fixed moment: main runs on a frozen clock and the page's own clock is paused,
 * so codes and rings come out the same on every run. While at it, the codes on
 * screen must equal otpauth's for that exact moment, this and the next.
 */
import { describe, expect, it } from 'vitest';
import { accountRow, screenshot, shownCode, totp, useBrowserAndApp } from './helpers';
import type { AppPage } from './helpers';
import { dispatchOk } from '../helpers/dispatch';

/** 12 s into a 30 s period: 18 s left. */
const CALM = Date.UTC(2026, 0, 15, 9, 30, 12);
/** 27 s into the period: 3 s left, so the ring has turned and the next code shows. */
const ENDING = Date.UTC(2026, 0, 15, 9, 30, 27);

const ACCOUNTS = [
  {
    label: 'GitHub: alice@example.com',
    secret: 'JBSWY3DPEHPK3PXP',
    uri: 'otpauth://totp/GitHub:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=GitHub',
  },
  {
    label: 'AWS Console: ops@acme.example',
    secret: 'GEZDGNBVGY3TQOJQ',
    uri: 'otpauth://totp/AWS%20Console:ops%40acme.example?secret=GEZDGNBVGY3TQOJQ&issuer=AWS%20Console',
  },
  {
    label: 'ACME SSO: carol',
    secret: 'MFRGGZDFMZTWQ2LK',
    uri: 'otpauth://totp/ACME%20SSO:carol?secret=MFRGGZDFMZTWQ2LK&issuer=ACME%20SSO',
  },
];

describe('vault screenshots at a fixed moment', () => {
  const session = useBrowserAndApp();

  function openAt(moment: number, colorScheme: 'light' | 'dark' = 'light'): Promise<AppPage> {
    return session.openApp({
      clock: { now: () => moment },
      colorScheme,
      pausePageClock: true,
    });
  }

  async function addAll(a: AppPage): Promise<void> {
    for (const account of ACCOUNTS) {
      await dispatchOk(a.harness.services, 'vault:addUri', { uri: account.uri });
    }
    await accountRow(a.page, ACCOUNTS[ACCOUNTS.length - 1]!.label).waitFor();
  }

  it('empty vault, and the add-by-link dialog', async () => {
    const { page } = await openAt(CALM);
    await page.getByRole('heading', { name: 'No accounts yet' }).waitFor();
    await screenshot(page, 'vault-empty');

    await page.getByRole('button', { name: 'Paste a setup link' }).click();
    await page.getByRole('textbox', { name: 'Setup link' }).fill(ACCOUNTS[0]!.uri);
    await screenshot(page, 'add-uri');
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`list of accounts (${scheme}) shows otpauth's codes for the moment`, async () => {
      const a = await openAt(CALM, scheme);
      await addAll(a);
      for (const account of ACCOUNTS) {
        const row = accountRow(a.page, account.label);
        expect(await shownCode(row)).toBe(totp(account.secret).generate({ timestamp: CALM }));
        expect(await row.getByRole('timer').getAttribute('aria-label')).toBe('18 seconds left');
        expect(await row.getByTestId('next-code').count()).toBe(0);
      }
      await screenshot(a.page, scheme === 'light' ? 'vault-list' : 'vault-list-dark');
    });
  }

  it('keyboard focus is plain to see', async () => {
    const a = await openAt(CALM);
    await addAll(a);
    await a.page.keyboard.press('/');
    await a.page.keyboard.press('ArrowDown');
    await a.page.keyboard.press('ArrowDown');
    const focused = accountRow(a.page, ACCOUNTS[1]!.label);
    expect(
      await focused.evaluate((el) => el === document.activeElement && el.matches(':focus-visible')),
    ).toBe(true);
    await screenshot(a.page, 'vault-keyboard');
  });

  it('deleting asks first', async () => {
    const a = await openAt(CALM);
    await addAll(a);
    await a.page.getByRole('button', { name: `Actions for ${ACCOUNTS[0]!.label}` }).click();
    await a.page.getByRole('menuitem', { name: 'Delete…' }).click();
    await a.page.getByRole('dialog', { name: `Delete ${ACCOUNTS[0]!.label}?` }).waitFor();
    await screenshot(a.page, 'delete-confirm');
  });

  it('in the last seconds, the ring turns and the next code shows', async () => {
    const a = await openAt(ENDING);
    await addAll(a);
    for (const account of ACCOUNTS) {
      const row = accountRow(a.page, account.label);
      const reference = totp(account.secret);
      expect(await shownCode(row)).toBe(reference.generate({ timestamp: ENDING }));
      expect(await shownCode(row, 'next-code')).toBe(
        reference.generate({ timestamp: ENDING + 30_000 }),
      );
      expect(await row.getByRole('timer').getAttribute('aria-label')).toBe('3 seconds left');
    }
    await screenshot(a.page, 'vault-ending');
  });
});
