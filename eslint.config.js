import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';

const electronOnly = {
  name: 'electron',
  message: 'Only src-main/electron, src-main/index.ts and the preload may import electron.',
};

/** Node's I/O modules, with and without the node: prefix: core reaches the world through ports. */
const nodeIo = ['fs', 'fs/promises', 'net', 'child_process', 'http', 'https', 'dgram', 'tls', 'os']
  .flatMap((name) => [name, `node:${name}`])
  .map((name) => ({
    name,
    message:
      'core does no I/O itself: put it behind a port in core/ports.ts, with the adapter in src-main/node.',
  }));

/** Any path through a folder named src-main, at whatever depth the importing file sits. */
const srcMainRegex = '(^|/)src-main(/|$)';

export default tseslint.config(
  {
    ignores: ['node_modules/', 'out/', 'test-results/', 'coverage/', 'test/lint-probes/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.js', '.mjs', '.json'] }),
      ],
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Plain Node (tests, CLI, browser host) cannot load electron without its binary.
      'no-restricted-imports': ['error', { paths: [electronOnly] }],
      // Layers, by where an import resolves to, so every depth and spelling is caught.
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src-main/core',
              from: [
                './src-main/ipc',
                './src-main/cli',
                './src-main/electron',
                './src-main/node',
                './src-main/preload',
                './emulator',
                './browser-host',
              ],
              message:
                'core is domain code: it knows nothing of IPC, Electron, Node adapters, the CLI or the emulator.',
            },
            {
              target: './src-main/core',
              from: ['./src-main/*.ts'],
              message: 'core must not reach back to the composition root or the entry.',
            },
            {
              target: './src-main/core',
              from: ['./src-main/composition'],
              message: 'core must not reach back to the composition root or the entry.',
            },
            {
              target: './emulator',
              from: ['./src-main'],
              message: 'The emulator imports nothing from src-main: it stays an independent peer.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/electron/**', 'src-main/index.ts', 'src-main/preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src-main/core/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            electronOnly,
            ...nodeIo,
            {
              name: 'keytar',
              message: 'The keychain is a port; its adapter is src-main/node/keychain.ts.',
            },
          ],
          patterns: [
            {
              // The SDK's shapes are the wire protocol core speaks; its clients are I/O.
              group: ['@aws-sdk/*'],
              allowTypeImports: true,
              message:
                'core may import only types from the AWS SDK: calls go through the CognitoTransport port.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: srcMainRegex,
              allowTypeImports: true,
              message:
                'The renderer imports only types from src-main (use import type); values come over window.authenticator.',
            },
          ],
        },
      ],
    },
  },
);
