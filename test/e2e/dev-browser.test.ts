/**
 * `npm run dev:browser` out of the box: the harness command, run as its own
 * process on a fresh data folder with no configuration, prints an address
 * whose page offers the demo pool with its credentials, and signing in with
 * them works.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERNAME } from '../../emulator/index';
import { DATA_KEY_ACCOUNT, KeytarKeychain } from '../../src-main/node/secrets';
import { keychainServiceFor } from '../../browser-host/server';
import { launchChromium, newWatchedPage } from './helpers';
import { heading, openSignIn } from './sign-in-fixtures';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ADDRESS = /^\s*(http:\/\/127\.0\.0\.1:\d+\/\?harness=\S+)\s*$/m;

/** Resolves with the page address once the command prints it; rejects if it exits first. */
function addressOf(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = ADDRESS.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) =>
      reject(new Error(`the harness exited (${code}) before printing an address:\n${out}${err}`)),
    );
  });
}

function stopped(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

describe('npm run dev:browser', () => {
  let browser: Browser;
  let child: ChildProcessWithoutNullStreams | undefined;
  let dataDir: string | undefined;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    if (child) await stopped(child);
    if (dataDir) {
      await new KeytarKeychain(keychainServiceFor(dataDir)).delete(DATA_KEY_ACCOUNT);
      await rm(dataDir, { recursive: true, force: true });
    }
    child = undefined;
    dataDir = undefined;
  });

  it('signs in to the demo pool with no configuration', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cda-dev-browser-'));
    child = spawn(process.execPath, ['--import', 'tsx', 'browser-host/cli.ts', '--data', dataDir], {
      cwd: ROOT,
      env: process.env,
    });
    const url = await addressOf(child);

    const { context, page, problems } = await newWatchedPage(browser);
    try {
      await page.goto(url);
      await openSignIn(page);
      await page.getByRole('button', { name: /^Demo pool/ }).click();
      await heading(page, 'Sign in to Demo pool (built-in emulator)');
      const banner = page.getByRole('complementary', { name: 'Demo mode' });
      await expect(banner.textContent()).resolves.toContain(
        `Username ${DEMO_USERNAME}, password ${DEMO_PASSWORD}`,
      );
      await banner.getByRole('button', { name: `Fill in ${DEMO_USERNAME}` }).click();
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await heading(page, 'Remember this computer?');
    } finally {
      await context.close();
    }
    expect(problems).toEqual([]);
    // Ctrl+C (here SIGTERM) stops it cleanly.
    await expect(stopped(child)).resolves.toBe(0);
  });
});
