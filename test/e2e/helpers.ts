/**
 * Shared set-up for the end-to-end suite: Debian's Chromium (or CHROMIUM_PATH)
 * against the browser harness, a page that fails the test on any console error
 * (CSP violations land there), and TOTP/HOTP reference codes from otpauth.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as OTPAuth from 'otpauth';
import { PNG } from 'pngjs';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { startHarness } from '../../browser-host/server';
import type { Harness, HarnessOptions } from '../../browser-host/server';

/**
 * Where screenshots go: the ignored test-results/screenshots, so a test run
 * changes no tracked file; the README's images in docs/screenshots only with
 * UPDATE_SCREENSHOTS=1.
 */
export const SCREENSHOT_DIR = fileURLToPath(
  new URL(
    process.env.UPDATE_SCREENSHOTS === '1'
      ? '../../docs/screenshots/'
      : '../../test-results/screenshots/',
    import.meta.url,
  ),
);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface AppPage {
  page: Page;
  harness: Harness;
  /** Console errors and uncaught exceptions seen so far; tests expect none. */
  problems: string[];
  close(): Promise<void>;
}

export interface OpenAppOptions extends HarnessOptions {
  colorScheme?: 'light' | 'dark';
  /**
   * Stops the page's clock (Date, performance.now, timers) once it is loaded,
   * so countdowns hold still for screenshots.
   */
  pausePageClock?: boolean;
}

/**
 * A page in a fresh browser context that records console errors and uncaught
 * exceptions (CSP violations among them), so a test can fail on any.
 */
export async function newWatchedPage(
  browser: Browser,
  colorScheme: 'light' | 'dark' = 'light',
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 960, height: 760 },
    colorScheme,
    reducedMotion: 'reduce',
  });
  // Fail a missing element well inside vitest's own 30 s limit, with Playwright's message.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return { context, page, problems };
}

export async function openApp(browser: Browser, options: OpenAppOptions = {}): Promise<AppPage> {
  const { colorScheme, pausePageClock, ...harnessOptions } = options;
  const harness = await startHarness(harnessOptions);
  const { context, page, problems } = await newWatchedPage(browser, colorScheme);
  try {
    const start = Date.UTC(2026, 0, 1);
    if (pausePageClock) await page.clock.install({ time: start });
    await page.goto(harness.url);
    await page.getByRole('heading', { name: 'Vault', level: 1 }).waitFor();
    // Far enough ahead that a slow load cannot have passed it already (that is an error).
    if (pausePageClock) await page.clock.pauseAt(start + 120_000);
  } catch (e) {
    await context.close();
    await harness.close();
    throw e;
  }
  return {
    page,
    harness,
    problems,
    async close() {
      await context.close();
      await harness.close();
    },
  };
}

export interface AppSession {
  /** Opens the app in a fresh browser context; it is closed after the test. */
  openApp(options?: OpenAppOptions): Promise<AppPage>;
  /**
   * Runs `cleanUp` after the test. The last registered runs first, so an
   * app goes before the emulator it talks to.
   */
  cleanUpAfterTest(cleanUp: () => Promise<void>): void;
}

/**
 * Registers the hooks of an end-to-end file: one Chromium for its tests, and
 * after each test, closing what the test opened, then failing it on any
 * console error or uncaught exception its pages had.
 */
export function useBrowserAndApp(): AppSession {
  let browser: Browser | undefined;
  let pages: AppPage[] = [];
  const cleanUps: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    const opened = pages;
    pages = [];
    for (let next = cleanUps.pop(); next; next = cleanUps.pop()) await next();
    expect(opened.flatMap((p) => p.problems)).toEqual([]);
  });

  return {
    async openApp(options) {
      if (!browser) throw new Error('Chromium is not running: open apps inside a test');
      const app = await openApp(browser, options);
      pages.push(app);
      cleanUps.push(() => app.close());
      return app;
    },
    cleanUpAfterTest(cleanUp) {
      cleanUps.push(cleanUp);
    },
  };
}

/** useBrowserAndApp with a fresh app opened before each test; returns that app. */
export function useAppPerTest(): () => AppPage {
  const session = useBrowserAndApp();
  let app: AppPage | undefined;
  beforeEach(async () => {
    app = undefined;
    app = await session.openApp();
  });
  return () => {
    if (!app) throw new Error('The app opens before each test: use it inside one');
    return app;
  };
}

/**
 * Chromium's software rasteriser shades a few edge pixels of a screen a little
 * differently from run to run. Such noise stays under these limits; a changed
 * glyph, colour or layout does not.
 */
const NOISE_CHANNEL_DELTA = 16;
const NOISE_PIXELS = 24;

function differingPixels(a: PNG, b: PNG): number {
  if (a.width !== b.width || a.height !== b.height) return Number.POSITIVE_INFINITY;
  let n = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    const delta = Math.max(
      Math.abs(a.data[i]! - b.data[i]!),
      Math.abs(a.data[i + 1]! - b.data[i + 1]!),
      Math.abs(a.data[i + 2]! - b.data[i + 2]!),
    );
    if (delta > NOISE_CHANNEL_DELTA) n += 1;
  }
  return n;
}

/**
 * Saves SCREENSHOT_DIR/<name>.png, unless the file there already shows the
 * same screen: rewriting it for a few noisy pixels would dirty the tree on
 * every run.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  // No hover effects from wherever the last click left the pointer.
  await page.mouse.move(0, 0);
  const file = `${SCREENSHOT_DIR}${name}.png`;
  const fresh = await page.screenshot({ animations: 'disabled' });
  const old = await readFile(file).catch(() => undefined);
  if (old && differingPixels(PNG.sync.read(old), PNG.sync.read(fresh)) <= NOISE_PIXELS) return;
  await writeFile(file, fresh);
}

/** The text of everything the control's aria-describedby points at. */
export function description(control: Locator): Promise<string> {
  return control.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

/** A row of the vault list, by its accessible name ("GitHub: alice@example.com"). */
export function accountRow(page: Page, label: string): Locator {
  return page.getByRole('listitem', { name: label, exact: true });
}

export async function shownCode(
  row: Locator,
  which: 'code' | 'next-code' = 'code',
): Promise<string> {
  return ((await row.getByTestId(which).textContent()) ?? '').replace(/\s/g, '');
}

export async function accountNames(page: Page): Promise<string[]> {
  const rows = page.getByRole('list', { name: 'Accounts' }).getByRole('listitem');
  return rows.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
}

export function totp(
  secret: string,
  o: { algorithm?: string; digits?: number; period?: number } = {},
): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(secret),
    algorithm: o.algorithm ?? 'SHA1',
    digits: o.digits ?? 6,
    period: o.period ?? 30,
  });
}

export function hotpCode(secret: string, counter: number): string {
  return new OTPAuth.HOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ counter });
}

/**
 * Waits until the row shows the code `reference` gives for the moment it was
 * read. A read counts only when it started and ended within one period, so a
 * boundary passing mid-read cannot make a right code look wrong; and the
 * renderer gets a few seconds to fetch the new code after a boundary.
 */
export async function expectLiveCode(row: Locator, reference: OTPAuth.TOTP): Promise<string> {
  const deadline = Date.now() + 5000;
  let last = '';
  for (;;) {
    const before = Date.now();
    const shown = await shownCode(row);
    const after = Date.now();
    const expected = reference.generate({ timestamp: before });
    if (expected === reference.generate({ timestamp: after }) && shown === expected) return shown;
    last = `shown ${shown}, expected ${expected} at ${new Date(before).toISOString()}`;
    if (Date.now() > deadline) throw new Error(`The displayed code never matched: ${last}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Polls `read` until it returns `expected` (or fails with the last value seen). */
export async function eventually<T>(
  read: () => Promise<T> | T,
  expected: T,
  ms = 5000,
): Promise<void> {
  const deadline = Date.now() + ms;
  let last: T;
  for (;;) {
    last = await read();
    if (JSON.stringify(last) === JSON.stringify(expected)) return;
    if (Date.now() > deadline) {
      throw new Error(`Expected ${JSON.stringify(expected)}, last saw ${JSON.stringify(last)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
