/**
 * The built preload must load in a sandboxed renderer: CommonJS, and no
 * require() but electron's (a sandboxed preload cannot load anything else).
 * Needs `electron-vite build`, which scripts/test.sh runs before the tests.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelNames, eventNames } from '../../src-main/ipc/contract';

const bundlePath = join(import.meta.dirname, '../../out/preload/index.cjs');

describe('the built preload (out/preload/index.cjs)', () => {
  const source = existsSync(bundlePath) ? readFileSync(bundlePath, 'utf8') : undefined;

  it('exists (run `npx electron-vite build` first)', () => {
    expect(source, bundlePath).toBeDefined();
  });

  it('is CommonJS that requires electron and nothing else', () => {
    const requires = [...(source ?? '').matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map(
      (m) => m[1],
    );
    expect(requires).toEqual(['electron']);
    expect(source).not.toMatch(/^\s*(import|export)\s/m);
    expect(source).not.toMatch(/zod/);
  });

  it('carries the whole contract allowlist', () => {
    for (const name of [...channelNames, ...eventNames]) expect(source).toContain(`"${name}"`);
  });
});
