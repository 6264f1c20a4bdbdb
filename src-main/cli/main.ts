/**
 * `cognito-auth`: hands tokens and codes from the running app to scripts.
 * Start-up is kept small on purpose (no zod, no AWS SDK on the common path):
 * the --no-app backend is imported only when asked for.
 */
import { bridgeEndpoint, defaultDataDir, KEYCHAIN_SERVICE_ENV } from '../node/endpoint';
import { readBearerToken } from '../core/cli-bridge/bearer-token';
import type { BridgeCall } from '../core/cli-bridge/protocol';
import { isAppError } from '../core/errors';
import { DEFAULT_KEYCHAIN_SERVICE, KeytarKeychain } from '../node/keychain';
import { checkChannel, ChannelUntrusted } from './channel-check';
import { AppNotRunning, call, openChannel } from './client';
import type { CallOutcome } from './client';
import { ExitCode, exitCodeFor } from './exit-codes';
import { formatValue } from './output';
import { parseCommandLine, UsageError } from './usage';

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
  if (command.kind === 'help') {
    process.stdout.write(command.text + '\n');
    return ExitCode.ok;
  }
  const dataDir = defaultDataDir();
  const keychain = new KeytarKeychain(
    process.env[KEYCHAIN_SERVICE_ENV] || DEFAULT_KEYCHAIN_SERVICE,
  );
  let outcome: CallOutcome;
  try {
    outcome = command.noApp
      ? await callDirectly(command.call, dataDir, keychain)
      : await callApp(command.call, dataDir, keychain);
  } catch (error) {
    if (error instanceof AppNotRunning) {
      process.stderr.write(
        'cognito-auth: the Cognito Authenticator app is not running. Start it and try again, or pass --no-app to read the keychain directly.\n',
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
  if (!outcome.ok) {
    process.stderr.write(`cognito-auth: ${outcome.error.message}\n`);
    return exitCodeFor(outcome.error.code);
  }
  const output = formatValue(command.call, outcome.value, command.json);
  if (output !== '') process.stdout.write(output + '\n');
  return ExitCode.ok;
}

async function appIsRunning(dataDir: string): Promise<boolean> {
  const endpoint = bridgeEndpoint({ platform: process.platform, env: process.env, dataDir });
  try {
    (await openChannel(endpoint.path)).destroy();
    return true;
  } catch (error) {
    if (error instanceof AppNotRunning) return false;
    throw error;
  }
}

async function callApp(
  request: BridgeCall,
  dataDir: string,
  keychain: KeytarKeychain,
): Promise<CallOutcome> {
  const endpoint = bridgeEndpoint({ platform: process.platform, env: process.env, dataDir });
  // Check and probe first: when the app is not running, or something else
  // holds its address, the keychain is never opened. The real connection is
  // made after the keychain read, which may wait for the user to unlock it,
  // so the app's request deadline does not run meanwhile.
  await checkChannel(endpoint);
  (await openChannel(endpoint.path)).destroy();
  const auth = await readBearerToken(keychain);
  if (!auth) {
    return {
      ok: false,
      error: {
        code: 'UNAUTHORIZED',
        message: 'The app has not set up CLI access yet. Restart the app and try again.',
      },
    };
  }
  await checkChannel(endpoint);
  const socket = await openChannel(endpoint.path);
  return call(socket, request, {
    auth,
    timeoutMs: REPLY_TIMEOUT_MS,
    onAwaitingApproval: () =>
      process.stderr.write(
        'cognito-auth: waiting for you to allow this request in the Cognito Authenticator window…\n',
      ),
  });
}

async function callDirectly(
  request: BridgeCall,
  dataDir: string,
  keychain: KeytarKeychain,
): Promise<CallOutcome> {
  // The running app keeps the secrets file in memory and would overwrite a
  // token this process refreshed (and with rotation, lose the new refresh
  // token), so the stores are only opened directly when no app holds them.
  if (await appIsRunning(dataDir)) {
    return {
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message:
          'The app is running, so --no-app is not needed (and could undo its token refreshes). Run the command without --no-app.',
      },
    };
  }
  const { openDirectBackend } = await import('./direct-backend');
  const backend = openDirectBackend({ dataDir, keychain });
  try {
    switch (request.method) {
      case 'token':
        return { ok: true, value: await backend.getToken(request.profile, request.type) };
      case 'code':
        return { ok: true, value: await backend.getCode(request.account) };
      case 'mfa-code':
        return { ok: true, value: await backend.getMfaCode(request.account) };
      case 'profiles':
        return { ok: true, value: { profiles: await backend.listProfiles() } };
    }
  } finally {
    backend.close();
  }
}
