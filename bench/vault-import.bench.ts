/**
 * The vault at 1,000 accounts, on the real keychain-backed store through the
 * app's own router:
 * - importing an Aegis plain export of 1,000 accounts (preview + commit),
 *   against the baseline of 1,000 single adds of the same accounts;
 * - the browser host's page load to a usable vault (the 1,000th row shown)
 *   against the same load of an empty vault;
 * - frames per second with all 1,000 rings ticking, against the empty vault.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import type { Page } from 'playwright-core';
import { startHarness } from '../browser-host/server';
import type { Harness } from '../browser-host/server';
import { Secret } from 'otpauth';
import { inKeyringSession, runInKeyringSession } from './keyring-session';

const ACCOUNTS = 1000;

function samples(): { issuer: string; account: string; secret: string }[] {
  return Array.from({ length: ACCOUNTS }, (_, i) => ({
    issuer: `Service ${i % 40}`,
    account: `user${i}@example.com`,
    secret: new Secret({ buffer: randomBytes(20).buffer }).base32,
  }));
}

function aegisPlain(accounts: ReturnType<typeof samples>): string {
  return JSON.stringify({
    version: 1,
    header: { slots: null, params: null },
    db: {
      version: 3,
      entries: accounts.map((a, i) => ({
        type: 'totp',
        uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        name: a.account,
        issuer: a.issuer,
        info: { secret: a.secret, algo: 'SHA1', digits: 6, period: 30 },
      })),
    },
  });
}

async function ok<T>(harness: Harness, channel: string, payload: unknown): Promise<T> {
  const result = await harness.services.dispatch(channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

async function pageLoadMs(page: Page, harness: Harness, rows: number): Promise<number> {
  const start = performance.now();
  await page.goto(harness.url);
  if (rows === 0) await page.getByRole('heading', { name: 'No accounts yet' }).waitFor();
  else
    await page
      .locator('li.account')
      .nth(rows - 1)
      .waitFor({ timeout: 60_000 });
  return performance.now() - start;
}

/** Passed as text: tsx would wrap a function literal in helpers the page does not have. */
async function framesPerSecond(page: Page, seconds = 3): Promise<number> {
  return page.evaluate(`new Promise((resolve) => {
    let frames = 0;
    const start = performance.now();
    const step = (t) => {
      frames += 1;
      if (t - start < ${seconds * 1000}) requestAnimationFrame(step);
      else resolve((frames * 1000) / (t - start));
    };
    requestAnimationFrame(step);
  })`);
}

export default async function (): Promise<void> {
  if (!inKeyringSession()) {
    await runInKeyringSession('vault-import.bench.ts');
    return;
  }
  const accounts = samples();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const singles = await startHarness();
  const bulk = await startHarness();
  try {
    const singleMs = await timed(async () => {
      for (const a of accounts) {
        await ok(singles, 'vault:addUri', {
          uri: `otpauth://totp/${encodeURIComponent(a.issuer)}:${encodeURIComponent(a.account)}?secret=${a.secret}&issuer=${encodeURIComponent(a.issuer)}`,
        });
      }
    });
    const file = aegisPlain(accounts);
    const importMs = await timed(async () => {
      const preview = await ok<{ previewId: string }>(bulk, 'import:preview', { text: file });
      await ok(bulk, 'import:commit', { previewId: preview.previewId, choices: [] });
    });
    console.log(
      `import of ${ACCOUNTS} accounts (Aegis plain, preview + commit): ${importMs.toFixed(0)} ms; ` +
        `${ACCOUNTS} single adds: ${singleMs.toFixed(0)} ms; import / single adds = ${(importMs / singleMs).toFixed(3)}x`,
    );

    const empty = await startHarness();
    try {
      const context = await browser.newContext({ viewport: { width: 960, height: 760 } });
      const page = await context.newPage();
      const emptyLoad = await pageLoadMs(page, empty, 0);
      const emptyFps = await framesPerSecond(page);
      const fullLoad = await pageLoadMs(page, bulk, ACCOUNTS);
      const fullFps = await framesPerSecond(page);
      console.log(
        `page load to a usable vault: ${ACCOUNTS} accounts ${fullLoad.toFixed(0)} ms, empty ${emptyLoad.toFixed(0)} ms; ratio = ${(fullLoad / emptyLoad).toFixed(2)}x`,
      );
      console.log(
        `frames per second with ${ACCOUNTS} rings ticking: ${fullFps.toFixed(1)}, empty vault ${emptyFps.toFixed(1)}; ratio = ${(fullFps / emptyFps).toFixed(2)}x`,
      );
      await context.close();
    } finally {
      await empty.close();
    }
  } finally {
    await browser.close();
    await singles.close();
    await bulk.close();
  }
}
