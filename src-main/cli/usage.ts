/** Help texts and argument parsing, one entry per command. */
import { parseArgs } from 'node:util';
import type { BridgeCall } from '../core/cli-bridge/protocol';

export const EXIT_CODES_HELP = `Exit codes:
  0  success
  1  other failure
  2  bad usage (unknown command or option, unknown profile or account)
  3  the app is not running (start it, or pass --no-app)
  4  not signed in (sign in from the app, then try again)
  5  denied (the request was denied in the app, the app is locked, or the caller was not recognised)
  6  network failure while refreshing a token
  7  the app's socket is not private (wrong owner or mode): nothing was sent`;

const COMMON_OPTIONS_HELP = `  --json       print JSON instead of the bare value
  --no-app     do not use the running app: read the keychain directly
               (and refresh the token with Cognito itself)
  -h, --help   show this help`;

export const MAIN_HELP = `Usage: cognito-auth <command> [options]

Hands Cognito tokens and TOTP codes from the Cognito Authenticator app to
command-line tools. The value goes to stdout; messages go to stderr.

Commands:
  token [--profile P] [--type id|access]   a valid token, refreshed if needed
  code <account>                           the current TOTP code of a vault account
  profiles                                 profiles and their sign-in state (no secrets)
  mfa-code [--account A]                   a TOTP code, for aws-vault style mfa_process hooks

Run "cognito-auth <command> --help" for a command's options.

${EXIT_CODES_HELP}`;

interface CommandSpec {
  help: string;
  options: Record<string, { type: 'string' | 'boolean'; short?: string }>;
  positionals: number;
  toCall(values: Record<string, string | boolean | undefined>, positionals: string[]): BridgeCall;
}

const commonOptions = {
  json: { type: 'boolean' },
  'no-app': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const commands: Record<string, CommandSpec> = {
  token: {
    help: `Usage: cognito-auth token [--profile P] [--type id|access] [--json] [--no-app]

Prints a valid Cognito token of the profile, refreshed first when it expires
within a minute. Without --profile, the profile selected in the app is used.

Options:
  --profile P  the profile's name or id
  --type T     id (default) or access
${COMMON_OPTIONS_HELP}

Example:
  curl -H "Authorization: Bearer $(cognito-auth token --type access)" https://api.example.com/me`,
    options: { ...commonOptions, profile: { type: 'string' }, type: { type: 'string' } },
    positionals: 0,
    toCall(values) {
      const type = values.type ?? 'id';
      if (type !== 'id' && type !== 'access')
        throw new UsageError('--type must be "id" or "access".');
      const call: BridgeCall = { method: 'token', type };
      if (typeof values.profile === 'string') call.profile = nonEmpty(values.profile, '--profile');
      return call;
    },
  },
  code: {
    help: `Usage: cognito-auth code <account> [--json] [--no-app]

Prints the current TOTP code of a vault account. <account> is matched against
the account's name, its issuer, "issuer:name", or its id (case-insensitive).

Options:
${COMMON_OPTIONS_HELP}

Example:
  cognito-auth code GitHub`,
    options: { ...commonOptions },
    positionals: 1,
    toCall(_values, positionals) {
      return { method: 'code', account: nonEmpty(positionals[0] ?? '', '<account>') };
    },
  },
  profiles: {
    help: `Usage: cognito-auth profiles [--json] [--no-app]

Lists the profiles and whether each is signed in. Prints no secrets.

Options:
${COMMON_OPTIONS_HELP}`,
    options: { ...commonOptions },
    positionals: 0,
    toCall() {
      return { method: 'profiles' };
    },
  },
  'mfa-code': {
    help: `Usage: cognito-auth mfa-code [--account A] [--json] [--no-app]

Prints a TOTP code for an MFA prompt. Without --account, the vault must hold
exactly one account. Made for aws-vault's mfa_process:

  [profile work]
  mfa_process = cognito-auth mfa-code --account "AWS:work"

Options:
  --account A  the vault account, matched as for "cognito-auth code"
${COMMON_OPTIONS_HELP}`,
    options: { ...commonOptions, account: { type: 'string' } },
    positionals: 0,
    toCall(values) {
      const call: BridgeCall = { method: 'mfa-code' };
      if (typeof values.account === 'string') call.account = nonEmpty(values.account, '--account');
      return call;
    },
  },
};

export class UsageError extends Error {}

export type ParsedCommand =
  { kind: 'help'; text: string } | { kind: 'run'; call: BridgeCall; json: boolean; noApp: boolean };

export function parseCommandLine(argv: string[]): ParsedCommand {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    return { kind: 'help', text: MAIN_HELP };
  }
  const spec = Object.prototype.hasOwnProperty.call(commands, name) ? commands[name] : undefined;
  if (!spec)
    throw new UsageError(`Unknown command "${name.slice(0, 40)}". Run "cognito-auth --help".`);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options: spec.options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nRun "cognito-auth ${name} --help".`);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) return { kind: 'help', text: spec.help };
  if (parsed.positionals.length !== spec.positionals) {
    throw new UsageError(
      spec.positionals === 0
        ? `"${name}" takes no arguments. Run "cognito-auth ${name} --help".`
        : `"${name}" needs exactly one argument. Run "cognito-auth ${name} --help".`,
    );
  }
  return {
    kind: 'run',
    call: spec.toCall(values, parsed.positionals),
    json: values.json === true,
    noApp: values['no-app'] === true,
  };
}

function nonEmpty(value: string, what: string): string {
  if (value.trim() === '') throw new UsageError(`${what} must not be empty.`);
  if (value.length > 200) throw new UsageError(`${what} is too long.`);
  return value;
}
