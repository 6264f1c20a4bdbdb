/**
 * The shared UI helpers other screens build on, in real Chromium: the code
 * field, form error placement, the confirmation dialog, the menu button and the
 * countdown ring. The helpers are bundled straight from src-renderer with Vite.
 */
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import type { Rollup } from 'vite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { UiFixture } from './fixtures/ui-entry';
import { launchChromium } from './helpers';

const ENTRY = fileURLToPath(new URL('./fixtures/ui-entry.ts', import.meta.url));

/** What the components logged; the cast runs in the page, where the fixture put `log`. */
function readLog(page: Page): Promise<unknown[]> {
  return page.evaluate(() => (window as typeof window & UiFixture).log);
}

async function bundle(): Promise<string> {
  const result = (await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry: ENTRY, formats: ['iife'], name: 'uiFixture', fileName: 'ui' },
    },
  })) as Rollup.RollupOutput[];
  const chunk = result[0]?.output.find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('The UI fixture did not bundle.');
  return chunk.code;
}

describe('shared UI helpers', () => {
  let browser: Browser;
  let page: Page;
  let code: string;

  beforeAll(async () => {
    [browser, code] = await Promise.all([launchChromium(), bundle()]);
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    await page.setContent(
      '<!doctype html><html lang="en"><body><main id="root"></main></body></html>',
    );
    await page.addScriptTag({ content: code });
  });

  it('code field keeps digits only and submits once, on the last digit, also from a paste', async () => {
    await page.evaluate(() => {
      const { ui, log } = window as typeof window & UiFixture;
      const f = ui.codeField({
        name: 'code',
        label: 'Code from your authenticator',
        onComplete: (c) => log.push(c),
      });
      document.getElementById('root')!.append(f.root);
    });
    const input = page.getByRole('textbox', { name: 'Code from your authenticator' });
    await input.pressSequentially('49a2 0');
    expect(await input.inputValue()).toBe('4920');
    await input.pressSequentially('39');
    expect(await readLog(page)).toEqual(['492039']);
    await input.pressSequentially('7');
    expect(await input.inputValue()).toBe('492039');

    await input.fill('');
    await input.evaluate((el: HTMLInputElement) => {
      el.value = '123 456';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(await input.inputValue()).toBe('123456');
    expect(await readLog(page)).toEqual(['492039', '123456']);
  });

  it('form puts an error on the field main names, or in an alert, and clears it on retry', async () => {
    await page.evaluate(() => {
      const { ui, log } = window as typeof window & UiFixture;
      const { textField, createForm } = ui;
      const user = textField({
        name: 'username',
        label: 'User name',
        hint: 'As your admin gave it.',
      });
      let attempt = 0;
      const form = createForm({
        fields: [user],
        submitLabel: 'Sign in',
        busyLabel: 'Signing in…',
        onSubmit: async () => {
          attempt += 1;
          if (attempt === 1) {
            form.showError({
              code: 'UserNotFoundException',
              message: 'No such user.',
              retryable: false,
              field: 'username',
            });
          } else if (attempt === 2) {
            throw new Error('boom');
          }
          log.push(`attempt ${attempt}`);
        },
      });
      document.getElementById('root')!.append(form.element);
    });
    const input = page.getByRole('textbox', { name: 'User name' });
    await input.press('Enter');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    const described = await input.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent)
        .join(' | '),
    );
    // The details line is shown for support but is not read out as part of the field's error.
    expect(described).toBe('As your admin gave it. | No such user.');
    await page.getByText('Details: UserNotFoundException').waitFor();

    await input.press('Enter');
    // Not an ApiError: a generic message in the form's alert, the field cleared.
    const alert = page.getByRole('alert');
    expect(await alert.textContent()).toContain('Details: UNEXPECTED · boom');
    expect(await input.getAttribute('aria-invalid')).toBeNull();
    expect(await input.getAttribute('aria-describedby')).not.toContain('err');
  });

  it('confirmation dialog starts on Cancel for destructive actions and returns focus', async () => {
    await page.evaluate(() => {
      const { ui, log } = window as typeof window & UiFixture;
      const opener = ui.h('button', { type: 'button' }, 'Forget device');
      opener.addEventListener('click', () => {
        void ui
          .confirmDialog({
            title: 'Forget this device?',
            message: 'You will need MFA again.',
            confirmLabel: 'Forget',
            danger: true,
          })
          .then((ok) => log.push(ok));
      });
      document.getElementById('root')!.append(opener);
    });
    const opener = page.getByRole('button', { name: 'Forget device' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Forget this device?' });
    expect(
      await dialog
        .getByRole('button', { name: 'Cancel' })
        .evaluate((el) => el === document.activeElement),
    ).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => opener.evaluate((el) => el === document.activeElement)).toBe(true);

    await opener.click();
    await dialog.getByRole('button', { name: 'Forget' }).click();
    // A closed <dialog> is hidden at once but answers on its close event, a task later.
    await expect.poll(() => readLog(page)).toEqual([false, true]);
  });

  it('menu button opens on ↓, moves with arrows, skips disabled items and closes on Esc', async () => {
    await page.evaluate(() => {
      const { ui, log } = window as typeof window & UiFixture;
      const menu = ui.menuButton({
        label: 'More',
        items: () => [
          { label: 'First', onSelect: () => log.push('first') },
          { label: 'Disabled', onSelect: () => log.push('disabled'), disabled: true },
          { label: 'Last', onSelect: () => log.push('last') },
        ],
      });
      document.getElementById('root')!.append(menu.element);
    });
    const button = page.getByRole('button', { name: 'More' });
    await button.focus();
    await page.keyboard.press('ArrowDown');
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    expect(
      await page
        .getByRole('menuitem', { name: 'First' })
        .evaluate((el) => el === document.activeElement),
    ).toBe(true);
    await page.keyboard.press('ArrowDown');
    expect(
      await page
        .getByRole('menuitem', { name: 'Last' })
        .evaluate((el) => el === document.activeElement),
    ).toBe(true);
    await page.keyboard.press('Escape');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    expect(await readLog(page)).toEqual(['last']);
    expect(await page.getByRole('menu').isHidden()).toBe(true);
  });

  it('countdown ring names the seconds left and turns in the last five', async () => {
    const states = await page.evaluate(() => {
      const { ui } = window as typeof window & UiFixture;
      const ring = ui.countdownRing();
      document.getElementById('root')!.append(ring.element);
      return [30, 6, 5, 1].map((s) => {
        ring.update(s, 30);
        return `${ring.element.getAttribute('aria-label')}:${ring.element.classList.contains('ending')}`;
      });
    });
    expect(states).toEqual([
      '30 seconds left:false',
      '6 seconds left:false',
      '5 seconds left:true',
      '1 second left:true',
    ]);
  });
});
