/**
 * The commands beyond token/code, end to end: the real `cognito-auth` binary
 * against the app's real bridge (composition, keychain store, SDK v3 Cognito
 * Identity client) signed in to the emulator. The AWS CLI v2 reads the
 * credentials through credential_process, and kubectl's ExecCredential is
 * checked against its published schema. Run under scripts/with-keyring.sh.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DEMO_IDENTITY_POOL_ID,
  DEMO_PASSWORD,
  DEMO_POOL_ID,
  DEMO_PUBLIC_CLIENT_ID,
  DEMO_USERNAME,
  demoSeed,
  startEmulator,
} from '../../emulator/index';
import type { Emulator } from '../../emulator/index';
import type { AppServices } from '../../src-main/composition';
import { BEARER_TOKEN_ACCOUNT } from '../../src-main/core/cli-bridge/bearer-token';
import { DATA_DIR_ENV, KEYCHAIN_SERVICE_ENV } from '../../src-main/node/endpoint';
import type { ApprovalRequestedEvent } from '../../src-main/core/cli-bridge/ui-approval-prompt';
import { DATA_KEY_ACCOUNT, KeytarKeychain } from '../../src-main/node/secrets';
import { openAppWithBridge } from './bridge-app';
import { claimsOf, verifiesAgainstJwks } from './jwt';
import { assertCliBuilt, CLI_BIN, runCli } from './run-cli';
import type { CliEnv } from './run-cli';
import { dispatchTo } from '../helpers/dispatch';

let em: Emulator;
let base: string;
let env: CliEnv;
let app: AppServices;
let timingLog: string;
const approvals: ApprovalRequestedEvent[] = [];

const keychainService = `cda-cli-cmds-${randomBytes(6).toString('hex')}`;
const keychain = new KeytarKeychain(keychainService);

const { ok } = dispatchTo(() => app);

async function addProfile(displayName: string, extra: Record<string, unknown>): Promise<string> {
  const profile = await ok('profiles:add', {
    displayName,
    region: 'us-east-1',
    userPoolId: DEMO_POOL_ID,
    clientId: DEMO_PUBLIC_CLIENT_ID,
    endpoint: em.url,
    ...extra,
  });
  let step = await ok('auth:start', {
    profileId: profile.id,
    username: DEMO_USERNAME,
    password: DEMO_PASSWORD,
  });
  if (step.kind === 'REMEMBER_DEVICE') {
    step = await ok('auth:rememberDevice', {
      attemptId: step.attemptId,
      remember: false,
    });
  }
  expect(step.kind).toBe('SIGNED_IN');
  return profile.id;
}

async function identityCalls(): Promise<string[]> {
  const text = await readFile(timingLog, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { op: string }).op)
    .filter((op) => op.startsWith('CognitoIdentity.'));
}

beforeAll(async () => {
  assertCliBuilt();
  base = await mkdtemp(join(tmpdir(), 'cli-cmds-'));
  timingLog = join(base, 'emulator-timing.jsonl');
  em = await startEmulator({ seed: demoSeed, timingLog });
  env = { dataDir: join(base, 'data'), runtimeDir: join(base, 'run'), keychainService };
  app = await openAppWithBridge({ env, keychain, now: () => em.clock.now(), approvals });
  const work = await addProfile('Work', { identityPoolId: DEMO_IDENTITY_POOL_ID });
  await ok('profiles:select', { profileId: work });
  await addProfile('Plain', {});
  await addProfile('Gone', { identityPoolId: 'us-east-1:00000000-0000-4000-8000-00000000dead' });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await em?.close();
  await keychain.delete(BEARER_TOKEN_ACCOUNT);
  await keychain.delete(DATA_KEY_ACCOUNT);
  await rm(base, { recursive: true, force: true });
});

const credentialProcessSchema = z
  .object({
    Version: z.literal(1),
    AccessKeyId: z.string().regex(/^ASIA[A-Z2-7]{16}$/),
    SecretAccessKey: z.string().length(40),
    SessionToken: z.string().min(100),
    Expiration: z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
  })
  .strict();

describe('cognito-auth aws-credentials', () => {
  it('prints credential_process JSON from the identity pool, and reuses it from the app', async () => {
    const first = await runCli(['aws-credentials', '--profile', 'Work'], env);
    expect(first.code, first.stderr).toBe(0);
    const credentials = credentialProcessSchema.parse(JSON.parse(first.stdout));
    const lifetime = Date.parse(credentials.Expiration) - em.clock.now();
    expect(lifetime).toBeGreaterThan(3500_000);
    expect(await identityCalls()).toEqual([
      'CognitoIdentity.GetId',
      'CognitoIdentity.GetCredentialsForIdentity',
    ]);

    const second = await runCli(['aws-credentials', '--profile', 'Work'], env);
    expect(JSON.parse(second.stdout)).toEqual(credentials);
    expect(await identityCalls()).toHaveLength(2);
    expect(approvals.at(-1)?.action).toBe('AWS credentials for profile "Work"');
  });

  it('fetches new credentials once the cached ones are within five minutes of expiry', async () => {
    const before = JSON.parse((await runCli(['aws-credentials'], env)).stdout) as {
      AccessKeyId: string;
    };
    // The ID token still has four minutes, the credentials under five: only they are renewed.
    em.clock.advance(56 * 60_000);
    const after = await runCli(['aws-credentials'], env);
    expect(after.code, after.stderr).toBe(0);
    expect((JSON.parse(after.stdout) as { AccessKeyId: string }).AccessKeyId).not.toBe(
      before.AccessKeyId,
    );
    // The identity id was kept: only GetCredentialsForIdentity again.
    expect((await identityCalls()).slice(-1)).toEqual([
      'CognitoIdentity.GetCredentialsForIdentity',
    ]);
  });

  it('prints shell exports with --format env', async () => {
    const result = await runCli(['aws-credentials', '--format', 'env'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /^export AWS_ACCESS_KEY_ID='ASIA[A-Z2-7]{16}'\nexport AWS_SECRET_ACCESS_KEY='[^'\n]{40}'\nexport AWS_SESSION_TOKEN='[^'\n]+'\nexport AWS_CREDENTIAL_EXPIRATION='[\dT:Z-]+'\n$/,
    );
  });

  it('is what the AWS CLI v2 resolves through credential_process', async () => {
    const configFile = join(base, 'aws-config');
    const command = `${process.execPath} ${CLI_BIN} aws-credentials --profile Work`;
    await writeFile(
      configFile,
      `[profile work]\ncredential_process = ${command}\nregion = us-east-1\n`,
    );
    const expected = JSON.parse(
      (await runCli(['aws-credentials', '--profile', 'Work'], env)).stdout,
    ) as {
      AccessKeyId: string;
      SecretAccessKey: string;
      SessionToken: string;
      Expiration: string;
    };
    const aws = await run(
      '/usr/bin/aws',
      ['configure', 'export-credentials', '--profile', 'work', '--format', 'process'],
      {
        ...cliVariables(),
        AWS_CONFIG_FILE: configFile,
        AWS_SHARED_CREDENTIALS_FILE: join(base, 'no-such-credentials'),
      },
    );
    expect(aws.code, aws.stderr).toBe(0);
    const resolved = JSON.parse(aws.stdout) as Record<string, unknown>;
    expect(resolved).toMatchObject({
      Version: 1,
      AccessKeyId: expected.AccessKeyId,
      SecretAccessKey: expected.SecretAccessKey,
      SessionToken: expected.SessionToken,
    });
    expect(Date.parse(String(resolved.Expiration))).toBe(Date.parse(expected.Expiration));
  }, 60_000);

  it('says plainly when the profile has no identity pool, or the pool refuses', async () => {
    const none = await runCli(['aws-credentials', '--profile', 'Plain'], env);
    expect(none).toMatchObject({ code: 2, stdout: '' });
    expect(none.stderr).toContain('Profile "Plain" has no identity pool');

    const gone = await runCli(['aws-credentials', '--profile', 'Gone'], env);
    expect(gone).toMatchObject({ code: 8, stdout: '' });
    expect(gone.stderr).toContain(
      'identity pool us-east-1:00000000-0000-4000-8000-00000000dead was not found',
    );

    const unknown = await runCli(['aws-credentials', '--profile', 'Nope'], env);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toContain('No profile has that name. Profiles: "Work"');
  });

  it('reports a token the identity pool will not take, in AWS words', async () => {
    const other = await em.admin.createClient(DEMO_POOL_ID, {
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
    const profileId = await ok('profiles:add', {
      displayName: 'Foreign',
      region: 'us-east-1',
      userPoolId: DEMO_POOL_ID,
      clientId: other.clientId,
      endpoint: em.url,
      identityPoolId: DEMO_IDENTITY_POOL_ID,
    }).then((p) => p.id);
    const step = await ok('auth:start', {
      profileId,
      username: DEMO_USERNAME,
      password: DEMO_PASSWORD,
    });
    expect(['SIGNED_IN', 'REMEMBER_DEVICE']).toContain(step.kind);
    if (step.kind === 'REMEMBER_DEVICE')
      await ok('auth:rememberDevice', { attemptId: step.attemptId, remember: false });
    const refused = await runCli(['aws-credentials', '--profile', 'Foreign'], env);
    expect(refused).toMatchObject({ code: 8, stdout: '' });
    expect(refused.stderr).toContain('Invalid login token. Incorrect token audience.');
  });
});

/** The kubectl reference (client.authentication.k8s.io/v1), as a schema: what client-go reads. */
const execCredentialSchema = z
  .object({
    apiVersion: z.literal('client.authentication.k8s.io/v1'),
    kind: z.literal('ExecCredential'),
    spec: z.object({ interactive: z.boolean(), cluster: z.unknown().optional() }).strict(),
    status: z
      .object({
        // meta/v1.Time: RFC 3339, to the second.
        expirationTimestamp: z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        token: z.string().min(1),
        clientCertificateData: z.string().optional(),
        clientKeyData: z.string().optional(),
      })
      .strict(),
  })
  .strict();

describe('cognito-auth token --format exec-credential', () => {
  it('prints a kubectl ExecCredential holding the ID token', async () => {
    const result = await runCli(['token', '--format', 'exec-credential'], env);
    expect(result.code, result.stderr).toBe(0);
    const credential = execCredentialSchema.parse(JSON.parse(result.stdout));
    expect(claimsOf(credential.status.token)).toMatchObject({
      token_use: 'id',
      aud: DEMO_PUBLIC_CLIENT_ID,
    });
    expect(await verifiesAgainstJwks(credential.status.token, em.url, DEMO_POOL_ID)).toBe(true);
    expect(Date.parse(credential.status.expirationTimestamp)).toBe(
      (claimsOf(credential.status.token).exp as number) * 1000,
    );
  });
});

function cliVariables(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    [DATA_DIR_ENV]: env.dataDir,
    XDG_RUNTIME_DIR: env.runtimeDir,
    [KEYCHAIN_SERVICE_ENV]: env.keychainService,
  };
}

interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(
  file: string,
  args: string[],
  childEnv: NodeJS.ProcessEnv,
  options: { stdin?: string; onStart?: (pid: number) => void } = {},
): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: childEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
    if (child.pid) options.onStart?.(child.pid);
  });
}

const cli = (args: string[], options?: Parameters<typeof run>[3]) =>
  run(process.execPath, [CLI_BIN, ...args], cliVariables(), options);

describe('cognito-auth exec', () => {
  it('runs the command with the tokens and AWS credentials in its environment', async () => {
    const script =
      'const e = process.env; process.stdout.write(JSON.stringify({ id: e.COGNITO_ID_TOKEN, access: e.COGNITO_ACCESS_TOKEN, exp: e.COGNITO_TOKEN_EXPIRATION, profile: e.COGNITO_PROFILE, key: e.AWS_ACCESS_KEY_ID, secret: e.AWS_SECRET_ACCESS_KEY, session: e.AWS_SESSION_TOKEN, awsExp: e.AWS_CREDENTIAL_EXPIRATION }))';
    const result = await cli(['exec', '--profile', 'Work', '--', process.execPath, '-e', script]);
    expect(result.code, result.stderr).toBe(0);
    const seen = JSON.parse(result.stdout) as Record<string, string>;
    expect(claimsOf(seen.id!)).toMatchObject({ token_use: 'id' });
    expect(claimsOf(seen.access!)).toMatchObject({ token_use: 'access' });
    expect(seen.profile).toBe('Work');
    expect(seen.exp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const aws = JSON.parse(
      (await runCli(['aws-credentials', '--profile', 'Work'], env)).stdout,
    ) as {
      AccessKeyId: string;
      SecretAccessKey: string;
      SessionToken: string;
      Expiration: string;
    };
    expect(seen).toMatchObject({
      key: aws.AccessKeyId,
      secret: aws.SecretAccessKey,
      session: aws.SessionToken,
      awsExp: aws.Expiration,
    });
  });

  it('gives a profile without an identity pool only the Cognito variables', async () => {
    const result = await cli([
      'exec',
      '--profile',
      'Plain',
      '--',
      'sh',
      '-c',
      'echo "${COGNITO_ID_TOKEN:+id} ${AWS_ACCESS_KEY_ID:-no-aws}"',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('id no-aws\n');
  });

  it("passes stdin and stdout through and exits with the command's code", async () => {
    const echoed = await cli(['exec', '--', 'sh', '-c', 'cat; exit 42'], { stdin: 'hello\n' });
    expect(echoed).toMatchObject({ code: 42, stdout: 'hello\n' });
    // The command's own options are its own, not exec's.
    const own = await cli(['exec', '--', 'sh', '-c', 'echo "$1"', 'sh', '--profile']);
    expect(own).toMatchObject({ code: 0, stdout: '--profile\n' });
  });

  it('forwards a signal to the command', async () => {
    let cliPid = 0;
    const running = cli(
      [
        'exec',
        '--',
        'sh',
        '-c',
        'trap "echo got-term; exit 7" TERM; echo ready; while :; do sleep 0.1; done',
      ],
      { onStart: (pid) => (cliPid = pid) },
    );
    // Wait until the command has set its trap.
    for (let i = 0; i < 100 && !(await readyIn(cliPid)); i++)
      await new Promise((r) => setTimeout(r, 100));
    process.kill(cliPid, 'SIGTERM');
    const result = await running;
    expect(result).toMatchObject({ code: 7, stdout: 'ready\ngot-term\n' });
  }, 30_000);

  it('exits 127 with a message for a command that does not exist, and 126 for one that cannot run', async () => {
    const missing = await cli(['exec', '--', 'nope-no-such-command']);
    expect(missing).toMatchObject({
      code: 127,
      stdout: '',
      stderr: 'cognito-auth: exec: command not found: nope-no-such-command\n',
    });
    const notExecutable = join(base, 'not-executable');
    await writeFile(notExecutable, 'echo hi\n', { mode: 0o644 });
    const refused = await cli(['exec', '--', notExecutable]);
    expect(refused.code).toBe(126);
    expect(refused.stderr).toContain('it is not an executable program');
  });
});

/** Whether the exec'd shell (a child of the CLI) has printed "ready": its trap is set by then. */
async function readyIn(cliPid: number): Promise<boolean> {
  if (!cliPid) return false;
  const children = await readFile(`/proc/${cliPid}/task/${cliPid}/children`, 'utf8').catch(
    () => '',
  );
  for (const pid of children.trim().split(/\s+/).filter(Boolean)) {
    const children2 = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
    if (children2.trim()) return true;
  }
  return false;
}
