/**
 * `cognito-auth`: hands tokens and codes from the running app to scripts.
 * Start-up is kept small on purpose (no zod, no AWS SDK on the common path):
 * the --no-app backend, exec and the completion scripts are imported only
 * when asked for.
 */
import { readEnvironment } from '../node/environment';
import type { Environment } from '../node/environment';
import type { BridgeEndpoint } from '../node/endpoint';
import { runCall } from '../core/cli-bridge/calls';
import { execEnvironment } from '../core/cli-bridge/credential-formats';
import { BEARER_TOKEN_ACCOUNT } from '../core/cli-bridge/protocol';
import type { BridgeCall, ExecEnvValue } from '../core/cli-bridge/protocol';
import { isAppError } from '../core/errors';
import { KeytarKeychain } from '../node/keychain';
import { checkChannel, ChannelUntrusted } from './channel-check';
import { AppNotRunning, call, openChannel } from './client';
import type { CallOutcome } from './client';
import { ExitCode, exitCodeFor } from './exit-codes';
import { formatValue } from './output';
import { parseCommandLine, UsageError } from './usage';

declare const __CLI_VERSION__: string | undefined;
/** Written in by the bundler from package.json. */
const CLI_VERSION = typeof __CLI_VERSION__ === 'string' ? __CLI_VERSION__ : 'development build';

/** Long enough for the user to answer the approval question in the app. */
const REPLY_TIMEOUT_MS = 90_000;

export async function main(argv: string[]): Promise<number> {
  let command;
  try {
    command = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`cognito-auth: ${error.message}\n`);
    return ExitCode.usage;
  }
  switch (command.kind) {
    case 'help':
      process.stdout.write(command.text + '\n');
      return ExitCode.ok;
    case 'version':
      process.stdout.write(`cognito-auth ${CLI_VERSION}\n`);
      return ExitCode.ok;
    case 'completion': {
      const { completionScript } = await import('./completion');
      process.stdout.write(completionScript(command.shell));
      return ExitCode.ok;
    }
  }
  const environment = readEnvironment();
  const outcome = await fetchValue(command.call, command.noApp, environment);
  if (typeof outcome === 'number') return outcome;
  if (!outcome.ok) {
    process.stderr.write(`cognito-auth: ${outcome.error.message}\n`);
    return exitCodeFor(outcome.error.code);
  }
  if (command.kind === 'exec') {
    const { runCommand } = await import('./exec');
    const env = { ...environment.variables, ...execEnvironment(outcome.value as ExecEnvValue) };
    return runCommand(command.argv, env, (message) =>
      process.stderr.write(`cognito-auth: ${message}\n`),
    );
  }
  const output = formatValue(command.call, outcome.value, command.format);
  if (output !== '') process.stdout.write(output + '\n');
  return ExitCode.ok;
}

/** The value from the app (or the stores, with --no-app), or the exit code of a failure already reported. */
async function fetchValue(
  request: BridgeCall,
  noApp: boolean,
  environment: Environment,
): Promise<CallOutcome | number> {
  const { dataDir } = environment;
  const keychain = new KeytarKeychain(environment.keychainService);
  try {
    return noApp
      ? await callDirectly(request, dataDir, keychain)
      : await callApp(request, environment.endpointFor(dataDir), keychain);
  } catch (error) {
    if (error instanceof AppNotRunning) {
      const { dataFolderInUse } = await import('../node/data-folder-lock');
      process.stderr.write(
        (await dataFolderInUse(dataDir))
          ? 'cognito-auth: the app is running, but its command-line channel is not where this shell looks (XDG_RUNTIME_DIR differs, as under cron or ssh). Run it with the environment of your desktop session.\n'
          : 'cognito-auth: the Cognito Authenticator app is not running. Start it and try again, or pass --no-app to read the keychain directly.\n',
      );
      return ExitCode.appNotRunning;
    }
    if (error instanceof ChannelUntrusted) {
      process.stderr.write(`cognito-auth: ${error.message}\n`);
      return ExitCode.untrustedChannel;
    }
    if (isAppError(error)) {
      process.stderr.write(`cognito-auth: ${error.message}\n`);
      return exitCodeFor(error.code);
    }
    process.stderr.write(
      `cognito-auth: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return ExitCode.other;
  }
}

async function callApp(
  request: BridgeCall,
  endpoint: BridgeEndpoint,
  keychain: KeytarKeychain,
): Promise<CallOutcome> {
  const options = {
    timeoutMs: REPLY_TIMEOUT_MS,
    prove: process.platform === 'linux',
    onAwaitingApproval: () =>
      process.stderr.write(
        'cognito-auth: waiting for you to allow this request in the Cognito Authenticator window…\n',
      ),
  };
  checkChannel(endpoint);
  // Check and probe first: when the app is not running, or something else
  // holds its address, the keychain is never opened. The real connection is
  // made after the keychain read, which may wait for the user to unlock it,
  // so the app's request deadline does not run meanwhile.
  (await openChannel(endpoint.path)).destroy();
  const auth = await keychain.get(BEARER_TOKEN_ACCOUNT);
  if (!auth) {
    return {
      ok: false,
      error: {
        code: 'UNAUTHORIZED',
        message: 'The app has not set up CLI access yet. Restart the app and try again.',
      },
    };
  }
  checkChannel(endpoint);
  return call(await openChannel(endpoint.path), request, { ...options, auth });
}

async function callDirectly(
  request: BridgeCall,
  dataDir: string,
  keychain: KeytarKeychain,
): Promise<CallOutcome> {
  // One writer per data folder: while the app holds it, a token refreshed
  // here would be overwritten (and with rotation, the new refresh token lost).
  // The lock, not the socket, says whether the app runs: from cron or ssh the
  // socket path differs, the folder does not.
  const { FolderLock } = await import('../node/data-folder-lock');
  let lock;
  try {
    lock = await FolderLock.acquire(dataDir);
  } catch (error) {
    if (isAppError(error) && error.code === 'DATA_FOLDER_IN_USE') {
      return {
        ok: false,
        error: {
          code: 'BAD_REQUEST',
          message:
            'The app is running (it holds its data folder), so --no-app cannot open the stores; run the command without --no-app.',
        },
      };
    }
    throw error;
  }
  const { openDirectBackend } = await import('./direct-backend');
  const backend = openDirectBackend({
    dataDir,
    keychain,
    lock,
    onRecovered: (message) => process.stderr.write(`cognito-auth: ${message}\n`),
  });
  try {
    return { ok: true, value: await runCall(request, backend) };
  } finally {
    backend.close();
    await lock.close();
  }
}
