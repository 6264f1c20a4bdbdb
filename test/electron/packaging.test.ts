import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { FuseState, FuseV1Options, flipFuses, getCurrentFuseWire } from '@electron/fuses';
import { afterEach, describe, expect, it } from 'vitest';
import { fuses } from '../../packaging/fuses.mjs';
import { packagedExecutable } from '../../packaging/after-pack.mjs';
import builderConfig from '../../electron-builder.config.mjs';
import { appPage, chooseDevServer } from '../../src-main/electron/app-page';

// The marker Electron puts before its fuse wire (electron/fuses' README).
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/**
 * A stand-in for an Electron binary: random bytes around the fuse sentinel and
 * a wire in Electron 45's default state (RunAsNode, NODE_OPTIONS, --inspect,
 * file:// privileges and wasm trap handlers on; the rest off).
 */
async function fakeElectronBinary(wire = '101000011'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fuses-'));
  dirs.push(dir);
  const path = join(dir, 'electron');
  const header = Buffer.from([1, wire.length]);
  await writeFile(
    path,
    Buffer.concat([
      randomBytes(4096),
      Buffer.from(SENTINEL),
      header,
      Buffer.from(wire),
      randomBytes(4096),
    ]),
  );
  return path;
}

describe('packaged fuses', () => {
  it('turn off every way to run other code in the app and turn on the integrity checks', async () => {
    const binary = await fakeElectronBinary();
    await flipFuses(binary, fuses);
    const wire = await getCurrentFuseWire(binary);
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
  });

  it('fail the build when a newer Electron has a fuse nobody decided on', async () => {
    const binary = await fakeElectronBinary('1010000110');
    await expect(flipFuses(binary, fuses)).rejects.toThrow(/strictlyRequireAllFuses/);
  });

  it('are flipped in the packaged executable of each platform by the afterPack hook', () => {
    expect(builderConfig.afterPack).toBe('./packaging/after-pack.mjs');
    const packager = {
      appInfo: { productFilename: 'Cognito Authenticator' },
      executableName: 'cognito-authenticator',
    };
    expect(packagedExecutable({ appOutDir: '/o', electronPlatformName: 'linux', packager })).toBe(
      '/o/cognito-authenticator',
    );
    expect(packagedExecutable({ appOutDir: '/o', electronPlatformName: 'win32', packager })).toBe(
      '/o/Cognito Authenticator.exe',
    );
    expect(packagedExecutable({ appOutDir: '/o', electronPlatformName: 'darwin', packager })).toBe(
      '/o/Cognito Authenticator.app',
    );
  });

  it('are built into installers for every desktop platform', () => {
    expect(builderConfig.linux?.target).toEqual(['AppImage', 'deb', 'rpm']);
    expect(builderConfig.mac?.target).toEqual(['dmg']);
    expect(builderConfig.win?.target).toEqual(['nsis']);
    expect(builderConfig.asar).toBe(true);
  });
});

describe('the renderer page of a packaged app', () => {
  it('ignores ELECTRON_RENDERER_URL and says so', () => {
    const choice = chooseDevServer({
      isPackaged: true,
      configured: 'http://localhost:5173/',
    });
    expect(choice.url).toBeUndefined();
    expect(choice.refused).toMatch(/packaged/);
    const page = appPage(choice.url);
    expect(page.url).toBe('app://bundle/index.html');
    expect(page.isAppUrl('http://localhost:5173/')).toBe(false);
    expect(page.isAppUrl('http://127.0.0.1:5173/index.html')).toBe(false);
  });

  it('in development accepts only a loopback dev server', () => {
    const env = (url: string) => ({ isPackaged: false, configured: url });
    expect(chooseDevServer(env('http://localhost:5173/')).url).toBe('http://localhost:5173/');
    expect(chooseDevServer(env('http://127.0.0.1:5173/')).url).toBe('http://127.0.0.1:5173/');
    expect(chooseDevServer(env('https://evil.example/')).refused).toMatch(/on this computer/);
    expect(chooseDevServer(env('file:///tmp/x.html')).refused).toMatch(/on this computer/);
    expect(chooseDevServer(env('not a url')).refused).toMatch(/on this computer/);
    expect(chooseDevServer({ isPackaged: false, configured: undefined })).toEqual({});
  });
});
