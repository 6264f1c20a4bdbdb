import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'test-results/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Only the Electron adapters, the entry and the preload may load electron:
    // plain Node (tests, CLI, browser host) cannot import it without the binary.
    files: [
      'src-main/core/**',
      'src-main/node/**',
      'src-main/ipc/**',
      'src-renderer/**',
      'emulator/**',
      'test/**',
      'browser-host/**',
      'bin/**',
      'scripts/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message:
                'Only src-main/electron, src-main/index.ts and the preload may import electron.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', '../electron/*', '../../electron/*', '../ipc/*'],
              message: 'core knows nothing of Electron or IPC.',
            },
          ],
        },
      ],
    },
  },
);
