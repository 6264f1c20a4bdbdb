/**
 * The built CLI on its own (no app needed): --version, completion scripts
 * loaded into real bash, zsh and fish, and the usage errors of the new
 * commands, each with its message and exit code 2.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertCliBuilt, ROOT, runCli } from './run-cli';
import type { CliEnv } from './run-cli';

let base: string;
let env: CliEnv;

beforeAll(async () => {
  assertCliBuilt();
  base = await mkdtemp(join(tmpdir(), 'cli-shell-'));
  env = { dataDir: join(base, 'data'), runtimeDir: join(base, 'run'), keychainService: 'unused' };
});
afterAll(() => rm(base, { recursive: true, force: true }));

function shell(
  file: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { env: { ...process.env, HOME: base } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function script(shellName: string): Promise<string> {
  const result = await runCli(['completion', shellName], env);
  expect(result.code, result.stderr).toBe(0);
  const file = join(base, `completion.${shellName}`);
  await writeFile(file, result.stdout);
  return file;
}

describe('cognito-auth on its own', () => {
  it('prints its version from package.json', async () => {
    const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(await runCli(['--version'], env)).toEqual({
      code: 0,
      stdout: `cognito-auth ${version}\n`,
      stderr: '',
    });
  });

  it('completes commands, options and option values in bash', async () => {
    const file = await script('bash');
    const complete = async (words: string[]) => {
      const cword = words.length - 1;
      const line = `source ${file}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${cword}; _cognito_auth; printf '%s\\n' "\${COMPREPLY[@]}"`;
      const result = await shell('bash', ['-c', line]);
      expect(result.stderr).toBe('');
      return result.stdout.split('\n').filter(Boolean);
    };
    expect(await complete(['cognito-auth', 'aw'])).toEqual(['aws-credentials']);
    expect(await complete(['cognito-auth', 'token', '--format', ''])).toEqual([
      'token',
      'json',
      'exec-credential',
    ]);
    expect(await complete(['cognito-auth', 'aws-credentials', '--f'])).toEqual(['--format']);
    expect(await complete(['cognito-auth', 'completion', ''])).toEqual(['bash', 'zsh', 'fish']);
    expect(await complete(['cognito-auth', 'exec', '--', 'bas'])).toContain('bash');
  });

  it('completes in fish', async () => {
    const file = await script('fish');
    const complete = async (line: string) => {
      const result = await shell('fish', ['-c', `source ${file}; complete -C '${line}'`]);
      expect(result.stderr).toBe('');
      return result.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]);
    };
    expect(await complete('cognito-auth ')).toEqual(
      expect.arrayContaining(['token', 'aws-credentials', 'exec', 'completion', 'profiles']),
    );
    expect(await complete('cognito-auth token --format ')).toEqual([
      'exec-credential',
      'json',
      'token',
    ]);
    expect(await complete('cognito-auth aws-credentials --')).toEqual(
      expect.arrayContaining(['--format', '--profile', '--no-app']),
    );
  });

  it('loads in zsh and registers its completion function', async () => {
    const file = await script('zsh');
    const result = await shell('zsh', [
      '-c',
      `autoload -U compinit && compinit -u -d ${join(base, 'zcompdump')} && source ${file} && print -r -- $_comps[cognito-auth] && whence -w _cognito_auth _cognito_auth_profiles`,
    ]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      '_cognito_auth\n_cognito_auth: function\n_cognito_auth_profiles: function\n',
    );
  });

  it('refuses bad usage of the new commands with exit 2 and a specific message', async () => {
    const cases: [string[], string][] = [
      [['exec'], 'exec needs a command to run'],
      [['exec', '--profile'], '--profile needs a value.'],
      [['exec', '--frobnicate', '--', 'true'], 'Unknown option "--frobnicate" for exec'],
      [['token', '--format', 'yaml'], '--format must be one of: token, json, exec-credential.'],
      [
        ['aws-credentials', '--format', 'json'],
        '--format must be one of: credential-process, env.',
      ],
      [['completion', 'tcsh'], 'Completion scripts exist for bash, zsh and fish, not for "tcsh".'],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args, env);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(message);
    }
  });

  it('says the app is not running (exit 3) for every command that needs it', async () => {
    for (const args of [['aws-credentials'], ['exec', '--', 'true']]) {
      const result = await runCli(args, env);
      expect(result.code).toBe(3);
      expect(result.stderr).toContain('the Cognito Authenticator app is not running');
    }
  });
});
