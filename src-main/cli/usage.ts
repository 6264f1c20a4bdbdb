/** Help texts and argument parsing, one entry per command. */
import { parseArgs } from 'node:util';
import type { BridgeCall } from '../core/cli-bridge/protocol';

export const EXIT_CODES_HELP = `Exit codes:
  0    success
  1    other failure
  2    bad usage (unknown command or option, unknown profile or account,
       or a profile without an identity pool asked for AWS credentials)
  3    the app is not running (start it, or pass --no-app)
  4    not signed in (sign in from the app, then try again)
  5    denied (the request was denied in the app, the app is locked, or the caller was not recognised)
  6    network failure while refreshing a token or fetching AWS credentials
  7    the app's socket is not private (wrong owner or mode): nothing was sent
  8    the identity pool refused the sign-in (or does not exist)
  9    nobody answered the approval question in the app in time
  126  exec: the command cannot be run (not executable)
  127  exec: the command was not found
  (exec otherwise exits with the command's own exit code)`;

const COMMON_OPTIONS_HELP = `  --no-app     do not use the running app: read the keychain directly
               (and refresh the token with Cognito itself)
  -h, --help   show this help`;

export const MAIN_HELP = `Usage: cognito-auth <command> [options]

Hands Cognito tokens, AWS credentials and TOTP codes from the Cognito
Authenticator app to command-line tools. The value goes to stdout; messages
go to stderr.

Commands:
  token [--profile P] [--type id|access]   a valid token, refreshed if needed
        [--format token|json|exec-credential]  (exec-credential: for kubectl)
  aws-credentials [--profile P]            AWS credentials from the profile's identity
                                           pool, for credential_process (or --format env)
  exec [--profile P] -- <command> [args…]  runs a command with the tokens (and AWS
                                           credentials) in its environment
  code <account>                           the current TOTP code of a vault account
  mfa-code [--account A]                   a TOTP code, for aws-vault style mfa_process hooks
  profiles                                 profiles and their sign-in state (no secrets)
  completion bash|zsh|fish                 a shell completion script

Options: --version prints the version; -h, --help shows help.
Run "cognito-auth <command> --help" for a command's options.

${EXIT_CODES_HELP}`;

export type OutputFormat = 'value' | 'json' | 'exec-credential' | 'credential-process' | 'env';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

type OptionSpec = { type: 'string' | 'boolean'; short?: string; values?: readonly string[] };

export interface CommandSpec {
  /** One line for completion menus. */
  summary: string;
  help: string;
  options: Record<string, OptionSpec>;
  positionals: number;
  toCall?(values: Record<string, string | boolean | undefined>, positionals: string[]): BridgeCall;
  format?(values: Record<string, string | boolean | undefined>): OutputFormat;
}

const commonOptions = {
  'no-app': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;
const jsonOption = { json: { type: 'boolean' } } as const;
const profileOption = { profile: { type: 'string' } } as const;

const TOKEN_FORMATS = ['token', 'json', 'exec-credential'] as const;
const AWS_FORMATS = ['credential-process', 'env'] as const;

export const commands: Record<string, CommandSpec> = {
  token: {
    summary: 'a valid Cognito token, refreshed if needed',
    help: `Usage: cognito-auth token [--profile P] [--type id|access] [--format F] [--no-app]

Prints a valid Cognito token of the profile, refreshed first when it expires
within a minute. Without --profile, the profile selected in the app is used.

Options:
  --profile P  the profile's name or id
  --type T     id (default) or access
  --format F   token (default): the bare token
               json: {"profile","type","token","expiresAt"} (--json is the same)
               exec-credential: a client.authentication.k8s.io/v1 ExecCredential,
               for a kubeconfig "exec" user
  --json       the same as --format json
${COMMON_OPTIONS_HELP}

Examples:
  curl -H "Authorization: Bearer $(cognito-auth token --type access)" https://api.example.com/me
  cognito-auth token --profile Work --format exec-credential`,
    options: {
      ...commonOptions,
      ...jsonOption,
      ...profileOption,
      type: { type: 'string', values: ['id', 'access'] },
      format: { type: 'string', values: TOKEN_FORMATS },
    },
    positionals: 0,
    toCall(values) {
      const type = values.type ?? 'id';
      if (type !== 'id' && type !== 'access')
        throw new UsageError('--type must be "id" or "access".');
      const call: BridgeCall = { method: 'token', type };
      if (typeof values.profile === 'string') call.profile = nonEmpty(values.profile, '--profile');
      return call;
    },
    format(values) {
      const format = pickFormat(
        values.format,
        TOKEN_FORMATS,
        values.json === true ? 'json' : 'token',
      );
      return format === 'token' ? 'value' : format;
    },
  },
  'aws-credentials': {
    summary: "AWS credentials from the profile's identity pool",
    help: `Usage: cognito-auth aws-credentials [--profile P] [--format F] [--no-app]

Prints AWS credentials for the profile, from its Cognito identity pool
(GetId and GetCredentialsForIdentity with the profile's ID token). The app
keeps them until five minutes before they expire, so calling this for every
AWS command is cheap.

Options:
  --profile P  the profile's name or id
  --format F   credential-process (default): the JSON AWS's credential_process
               expects ({"Version":1,"AccessKeyId",…,"Expiration"})
               env: "export AWS_ACCESS_KEY_ID=…" lines for a POSIX shell
${COMMON_OPTIONS_HELP}

In ~/.aws/config:
  [profile work]
  credential_process = cognito-auth aws-credentials --profile Work`,
    options: {
      ...commonOptions,
      ...profileOption,
      format: { type: 'string', values: AWS_FORMATS },
    },
    positionals: 0,
    toCall(values) {
      const call: BridgeCall = { method: 'aws-credentials' };
      if (typeof values.profile === 'string') call.profile = nonEmpty(values.profile, '--profile');
      return call;
    },
    format: (values) => pickFormat(values.format, AWS_FORMATS, 'credential-process'),
  },
  exec: {
    summary: 'run a command with the tokens in its environment',
    help: `Usage: cognito-auth exec [--profile P] [--no-app] -- <command> [args…]

Runs <command> with the profile's tokens in its environment, passing stdin,
stdout and stderr through and forwarding signals; exits with the command's
exit code. The environment gets:
  COGNITO_ID_TOKEN, COGNITO_ACCESS_TOKEN   the tokens (valid for at least a minute)
  COGNITO_TOKEN_EXPIRATION                 when the first of them expires (ISO 8601)
  COGNITO_PROFILE                          the profile's name
and, when the profile has an identity pool:
  AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION

The values are fixed when the command starts. A command that outlives its
token (an hour, usually) must fetch a fresh one itself with "cognito-auth token".

Options:
  --profile P  the profile's name or id
${COMMON_OPTIONS_HELP}

Example:
  cognito-auth exec --profile Work -- terraform plan`,
    options: { ...commonOptions, ...profileOption },
    positionals: -1,
  },
  code: {
    summary: 'the current TOTP code of a vault account',
    help: `Usage: cognito-auth code <account> [--json] [--no-app]

Prints the current TOTP code of a vault account. <account> is matched against
the account's name, its issuer, "issuer:name", or its id (case-insensitive).

Options:
  --json       print JSON instead of the bare value
${COMMON_OPTIONS_HELP}

Example:
  cognito-auth code GitHub`,
    options: { ...commonOptions, ...jsonOption },
    positionals: 1,
    toCall(_values, positionals) {
      return { method: 'code', account: nonEmpty(positionals[0] ?? '', '<account>') };
    },
    format: (values) => (values.json ? 'json' : 'value'),
  },
  profiles: {
    summary: 'profiles and their sign-in state (no secrets)',
    help: `Usage: cognito-auth profiles [--json] [--no-app]

Lists the profiles and whether each is signed in. Prints no secrets.

Options:
  --json       print JSON instead of tab-separated lines
${COMMON_OPTIONS_HELP}`,
    options: { ...commonOptions, ...jsonOption },
    positionals: 0,
    toCall() {
      return { method: 'profiles' };
    },
    format: (values) => (values.json ? 'json' : 'value'),
  },
  'mfa-code': {
    summary: 'a TOTP code for an MFA prompt',
    help: `Usage: cognito-auth mfa-code [--account A] [--json] [--no-app]

Prints a TOTP code for an MFA prompt. Without --account, the vault must hold
exactly one account. Made for aws-vault's mfa_process:

  [profile work]
  mfa_process = cognito-auth mfa-code --account "AWS:work"

Options:
  --account A  the vault account, matched as for "cognito-auth code"
  --json       print JSON instead of the bare value
${COMMON_OPTIONS_HELP}`,
    options: { ...commonOptions, ...jsonOption, account: { type: 'string' } },
    positionals: 0,
    toCall(values) {
      const call: BridgeCall = { method: 'mfa-code' };
      if (typeof values.account === 'string') call.account = nonEmpty(values.account, '--account');
      return call;
    },
    format: (values) => (values.json ? 'json' : 'value'),
  },
  completion: {
    summary: 'print a shell completion script',
    help: `Usage: cognito-auth completion bash|zsh|fish

Prints a completion script for the shell. Profile names are completed from
"cognito-auth profiles" (which needs the app running, but no approval).

  bash:  echo 'source <(cognito-auth completion bash)' >> ~/.bashrc
  zsh:   cognito-auth completion zsh > "\${fpath[1]}/_cognito-auth"
  fish:  cognito-auth completion fish > ~/.config/fish/completions/cognito-auth.fish`,
    options: { help: { type: 'boolean', short: 'h' } },
    positionals: 1,
  },
};

export class UsageError extends Error {}

export type ExecCall = Extract<BridgeCall, { method: 'exec-env' }>;

export type ParsedCommand =
  | { kind: 'help'; text: string }
  | { kind: 'version' }
  | { kind: 'completion'; shell: Shell }
  | { kind: 'run'; call: BridgeCall; format: OutputFormat; noApp: boolean }
  | { kind: 'exec'; call: ExecCall; argv: [string, ...string[]]; noApp: boolean };

export function parseCommandLine(argv: string[]): ParsedCommand {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    return { kind: 'help', text: MAIN_HELP };
  }
  if (name === '--version' || name === '-V') return { kind: 'version' };
  const spec = Object.prototype.hasOwnProperty.call(commands, name) ? commands[name] : undefined;
  if (!spec)
    throw new UsageError(`Unknown command "${name.slice(0, 40)}". Run "cognito-auth --help".`);
  if (name === 'exec') return parseExec(rest, spec);
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
  if (name === 'completion') {
    const shell = parsed.positionals[0] as Shell;
    if (!SHELLS.includes(shell))
      throw new UsageError(
        `Completion scripts exist for bash, zsh and fish, not for "${String(shell).slice(0, 40)}".`,
      );
    return { kind: 'completion', shell };
  }
  return {
    kind: 'run',
    call: spec.toCall!(values, parsed.positionals),
    format: spec.format!(values),
    noApp: values['no-app'] === true,
  };
}

/**
 * exec's options come before the command; everything from `--` (or from the
 * first word that is not an option) on is the command, untouched, so its own
 * options are never read as ours.
 */
function parseExec(rest: string[], spec: CommandSpec): ParsedCommand {
  const call: ExecCall = { method: 'exec-env', command: '' };
  let noApp = false;
  let i = 0;
  for (; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (arg === '-h' || arg === '--help') return { kind: 'help', text: spec.help };
    if (arg === '--no-app') noApp = true;
    else if (arg === '--profile' || arg.startsWith('--profile=')) {
      const value = arg === '--profile' ? rest[++i] : arg.slice('--profile='.length);
      if (value === undefined) throw new UsageError('--profile needs a value.');
      call.profile = nonEmpty(value, '--profile');
    } else if (arg.startsWith('-')) {
      throw new UsageError(
        `Unknown option "${arg.slice(0, 40)}" for exec. Put the command after "--": cognito-auth exec -- <command>.`,
      );
    } else break;
  }
  const command = rest.slice(i);
  if (command.length === 0 || command[0] === '') {
    throw new UsageError(
      'exec needs a command to run: cognito-auth exec [--profile P] -- <command> [args…].',
    );
  }
  call.command = command[0]!.slice(0, 4096);
  return { kind: 'exec', call, argv: command as [string, ...string[]], noApp };
}

function pickFormat<F extends string>(
  value: string | boolean | undefined,
  allowed: readonly F[],
  fallback: F,
): F {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && allowed.includes(value as F)) return value as F;
  throw new UsageError(`--format must be one of: ${allowed.join(', ')}.`);
}

function nonEmpty(value: string, what: string): string {
  if (value.trim() === '') throw new UsageError(`${what} must not be empty.`);
  if (value.length > 200) throw new UsageError(`${what} is too long.`);
  return value;
}
