/**
 * The layer rules in eslint.config.js, checked against files that break them
 * on purpose (test/lint-probes, which mirrors the repository's layout and is
 * left out of the normal lint run) and against the forms the layers allow.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const probeRoot = join(root, 'test', 'lint-probes');

/** Which rule each probe must trip. */
const expected: Record<string, string> = {
  'src-main/core/cognito/imports-ipc-contract.ts': 'import-x/no-restricted-paths',
  'src-main/core/imports-composition.ts': 'import-x/no-restricted-paths',
  'src-main/core/cognito/imports-node-adapter.ts': 'import-x/no-restricted-paths',
  'src-main/core/imports-cli.ts': 'import-x/no-restricted-paths',
  'src-main/core/cognito/imports-emulator.ts': 'import-x/no-restricted-paths',
  'src-main/core/imports-electron.ts': '@typescript-eslint/no-restricted-imports',
  'src-main/core/imports-node-fs.ts': '@typescript-eslint/no-restricted-imports',
  'src-main/core/imports-node-os.ts': '@typescript-eslint/no-restricted-imports',
  'src-main/core/imports-keytar.ts': '@typescript-eslint/no-restricted-imports',
  'src-main/core/cognito/imports-sdk-client.ts': '@typescript-eslint/no-restricted-imports',
  'src-renderer/screens/sign-in/value-import.ts': '@typescript-eslint/no-restricted-imports',
  'src-main/cli/imports-electron.ts': 'no-restricted-imports',
  'emulator/imports-client-srp.ts': 'import-x/no-restricted-paths',
};

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(probeRoot, join(e.parentPath, e.name)));
}

let eslint: ESLint;

/** Lints `code` as though it were the file at `path` in the repository. */
async function rulesFiredFor(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

describe('lint probes', () => {
  it('has an expectation for every probe file, and a file for every expectation', async () => {
    expect((await filesUnder(probeRoot)).sort()).toEqual(Object.keys(expected).sort());
  });

  for (const [path, rule] of Object.entries(expected)) {
    it(`${path} fails with ${rule}`, async () => {
      const code = await readFile(join(probeRoot, path), 'utf8');
      expect(await rulesFiredFor(path, code)).toContain(rule);
    });
  }
});

describe('what the layers allow', () => {
  const allowed: Array<[string, string]> = [
    [
      'src-renderer/screens/sign-in/type-import.ts',
      "import type { ChannelName } from '../../../src-main/ipc/contract';\n\nexport type Probe = ChannelName;\n",
    ],
    [
      'src-main/core/cognito/sdk-types.ts',
      "import type { DeviceType } from '@aws-sdk/client-cognito-identity-provider';\n\nexport type Probe = DeviceType;\n",
    ],
    [
      'src-main/core/cognito/own-layer.ts',
      "import { AppError } from '../errors';\n\nexport const probe = AppError;\n",
    ],
    [
      'src-main/electron/uses-electron.ts',
      "import { clipboard } from 'electron';\n\nexport const probe = clipboard;\n",
    ],
    [
      'src-main/node/uses-core.ts',
      "import { AppError } from '../core/errors';\n\nexport const probe = AppError;\n",
    ],
  ];
  for (const [path, code] of allowed) {
    it(`${path} lints clean`, async () => {
      expect(await rulesFiredFor(path, code)).toEqual([]);
    });
  }
});
