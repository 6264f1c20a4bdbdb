/** Runs the real, built `cognito-auth` binary as a child process. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR_ENV, KEYCHAIN_SERVICE_ENV } from '../../src-main/node/endpoint';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CLI_BIN = join(ROOT, 'bin', 'cognito-auth.js');

export function assertCliBuilt(): void {
  if (!existsSync(join(ROOT, 'out', 'cli', 'cognito-auth.mjs'))) {
    throw new Error('The CLI bundle is missing: run "npm run build:cli" (npm test builds it).');
  }
}

export interface CliEnv {
  dataDir: string;
  runtimeDir: string;
  keychainService: string;
  /** Extra variables, or undefined to remove an inherited one. */
  extra?: Record<string, string | undefined>;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: CliEnv): Promise<CliResult> {
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    [DATA_DIR_ENV]: env.dataDir,
    XDG_RUNTIME_DIR: env.runtimeDir,
    [KEYCHAIN_SERVICE_ENV]: env.keychainService,
  };
  for (const [key, value] of Object.entries(env.extra ?? {})) {
    if (value === undefined) delete childEnv[key];
    else childEnv[key] = value;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], { env: childEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
