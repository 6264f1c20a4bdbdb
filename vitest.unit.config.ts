/**
 * `npm run test:unit`: the tests that need no keychain, no browser, no
 * emulator and no build: core, the IPC layer, the Electron adapters against
 * the fake electron module, the lint rules and the browser host's bridge.
 */
import { defineConfig } from 'vitest/config';
import base from './vitest.config';

// Spread, not mergeConfig: that would add these lists to the base's include-all.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      'test/core/**/*.test.ts',
      'test/ipc/**/*.test.ts',
      'test/electron/**/*.test.ts',
      'test/lint/**/*.test.ts',
      'test/browser-host/bridge-matches-preload.test.ts',
    ],
    exclude: [
      // These open the real keychain.
      'test/core/vault-service.test.ts',
      'test/ipc/handlers.test.ts',
      'test/ipc/idle-lock-setting.test.ts',
      'test/electron/app.electron.test.ts',
      // This reads the build's output.
      'test/electron/preload-bundle.test.ts',
    ],
  },
});
