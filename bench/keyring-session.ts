/**
 * Benches that use the real keychain run themselves inside
 * scripts/with-keyring.sh (a private, unlocked gnome-keyring) when they are
 * not already in such a session.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');

export function inKeyringSession(): boolean {
  return process.env.WITH_KEYRING_INNER === '1';
}

/** Runs `bench/<file>`'s default export again inside a keyring session. */
export function runInKeyringSession(file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      join(ROOT, 'scripts', 'with-keyring.sh'),
      [
        process.execPath,
        '--import',
        'tsx',
        '-e',
        `import('./bench/${file}').then((m) => m.default())`,
      ],
      { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${file} exited with ${code}`)),
    );
  });
}
