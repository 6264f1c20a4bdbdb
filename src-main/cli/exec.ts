/**
 * `cognito-auth exec`: runs the command with the credentials in its
 * environment, as aws-vault and `op run` do. stdio is inherited, signals
 * sent to the CLI are passed on, and the CLI ends the way the command did:
 * with its exit code, or killed by the same signal.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

/** Signals a terminal, a supervisor or `kill` may send that the command should get too. */
const FORWARDED: NodeJS.Signals[] = [
  'SIGINT',
  'SIGTERM',
  'SIGHUP',
  'SIGQUIT',
  'SIGUSR1',
  'SIGUSR2',
];

export const EXIT_NOT_EXECUTABLE = 126;
export const EXIT_NOT_FOUND = 127;

export function runCommand(
  argv: [string, ...string[]],
  env: NodeJS.ProcessEnv,
  report: (message: string) => void,
): Promise<number> {
  const [file, ...args] = argv;
  return new Promise((resolve) => {
    const child = spawn(file, args, { stdio: 'inherit', env });
    const forwarders = new Map<NodeJS.Signals, () => void>();
    const stopForwarding = () => {
      for (const [signal, forward] of forwarders) process.off(signal, forward);
    };
    for (const signal of process.platform === 'win32' ? ['SIGINT' as const] : FORWARDED) {
      const forward = () => void child.kill(signal);
      forwarders.set(signal, forward);
      process.on(signal, forward);
    }
    child.once('error', (error: NodeJS.ErrnoException) => {
      stopForwarding();
      if (error.code === 'ENOENT') {
        report(`exec: command not found: ${file}`);
        resolve(EXIT_NOT_FOUND);
      } else if (error.code === 'EACCES' || error.code === 'EISDIR' || error.code === 'ENOEXEC') {
        report(`exec: ${file} cannot be run: it is not an executable program.`);
        resolve(EXIT_NOT_EXECUTABLE);
      } else {
        report(`exec: ${file} could not be started: ${error.message}`);
        resolve(EXIT_NOT_EXECUTABLE);
      }
    });
    child.once('exit', (code, signal) => {
      stopForwarding();
      if (signal) {
        // Dying of the same signal tells the shell what happened (and lets it stop a loop on ^C).
        process.kill(process.pid, signal);
        resolve(128 + (constants.signals[signal] ?? 0));
      } else resolve(code ?? 1);
    });
  });
}
