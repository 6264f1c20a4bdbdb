/**
 * The local channel end to end: a real bridge server on a real Unix socket,
 * the real keychain (gnome-keyring in a private D-Bus session), and the real
 * built `cognito-auth` binary as a child process. Only the backend (engine
 * and vault) is a stand-in here; cli-e2e.test.ts uses the real ones.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccessList } from '../../src-main/core/cli-bridge/access-list';
import { auditEntryFor } from '../../src-main/core/cli-bridge/audit-log';
import type { BridgeAuditRecord } from '../../src-main/core/cli-bridge/audit-log';
import { createAccessList } from '../../src-main/node/state-files';
import { CallerApprovals } from '../../src-main/core/cli-bridge/approvals';
import type {
  ApprovalAnswer,
  ApprovalDecision,
  ApprovalPrompt,
  ApprovalQuestion,
} from '../../src-main/core/cli-bridge/approvals';
import type { BridgeBackend } from '../../src-main/core/cli-bridge/backend';
import {
  BEARER_TOKEN_ACCOUNT,
  ensureBearerToken,
} from '../../src-main/core/cli-bridge/bearer-token';
import { ProcCallerIdentifier } from '../../src-main/node/caller';
import { bridgeEndpoint } from '../../src-main/node/endpoint';
import type { BridgeEndpoint } from '../../src-main/node/endpoint';
import { startBridgeServer } from '../../src-main/node/bridge-server';
import type { BridgeServer } from '../../src-main/node/bridge-server';
import { AppError } from '../../src-main/core/errors';
import { KeytarKeychain } from '../../src-main/node/keychain';
import { assertCliBuilt, runCli } from './run-cli';
import type { CliEnv } from './run-cli';

const ID_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJpZC10b2tlbiJ9.c2lnbmF0dXJlLWlk';
const ACCESS_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhY2Nlc3MifQ.c2lnbmF0dXJlLWFjY2Vzcw';
const EXPIRES_AT = Date.UTC(2030, 0, 1);
const REFUSAL = {
  ok: false,
  error: {
    code: 'UNAUTHORIZED',
    message: "The app did not accept the CLI's access key. Restart the app and try again.",
  },
};

/** A prompt the test answers; records every question. */
class ScriptedPrompt implements ApprovalPrompt {
  questions: ApprovalQuestion[] = [];
  answer: ApprovalDecision = 'always';
  timedOut = false;
  delayMs = 0;
  async ask(question: ApprovalQuestion): Promise<ApprovalAnswer> {
    this.questions.push(question);
    await new Promise((r) => setTimeout(r, this.delayMs));
    return this.timedOut ? { decision: 'deny', timedOut: true } : { decision: this.answer };
  }
}

function fakeBackend(calls: string[]): BridgeBackend {
  return {
    async getToken(profile, type) {
      calls.push(`token:${profile ?? ''}:${type}`);
      if (profile === 'signed-out')
        throw new AppError({
          code: 'NOT_SIGNED_IN',
          message: 'Profile "signed-out" is not signed in. Sign in from the app.',
        });
      if (profile === 'offline')
        throw new AppError({
          code: 'NETWORK',
          message: 'Cognito could not be reached to refresh the token.',
          retryable: true,
        });
      if (profile === 'leaky') throw new Error(`refresh failed for ${ACCESS_TOKEN}`);
      return {
        profile: profile ?? 'work',
        type,
        token: type === 'id' ? ID_TOKEN : ACCESS_TOKEN,
        expiresAt: EXPIRES_AT,
      };
    },
    async getCode(account) {
      calls.push(`code:${account}`);
      if (account !== 'GitHub')
        throw new AppError({
          code: 'NOT_FOUND',
          message: `No vault account matches "${account}".`,
        });
      return { account: 'GitHub:alice', code: '492039', secondsLeft: 17 };
    },
    async getMfaCode(account) {
      calls.push(`mfa:${account ?? ''}`);
      return { account: 'AWS:work', code: '123456', secondsLeft: 9 };
    },
    async listProfiles() {
      calls.push('profiles');
      return [
        { id: 'p1', name: 'work', signedIn: true, username: 'alice', expiresAt: EXPIRES_AT },
        { id: 'p2', name: 'demo', signedIn: false },
      ];
    },
    async getAwsCredentials(profile) {
      calls.push(`aws:${profile ?? ''}`);
      throw new AppError({
        code: 'NO_IDENTITY_POOL',
        message: 'Profile "work" has no identity pool.',
      });
    },
    async getExecEnv(profile) {
      calls.push(`exec:${profile ?? ''}`);
      return {
        profile: 'work',
        idToken: ID_TOKEN,
        accessToken: ACCESS_TOKEN,
        expiresAt: EXPIRES_AT,
      };
    },
  };
}

let base: string;
let keychain: KeytarKeychain;
let bearer: string;
const keychainService = `cognito-auth-test-${randomUUID()}`;

beforeAll(async () => {
  assertCliBuilt();
  base = await mkdtemp(join(tmpdir(), 'cli-bridge-'));
  keychain = new KeytarKeychain(keychainService);
  bearer = await ensureBearerToken(keychain);
});

afterAll(async () => {
  await keychain.delete(BEARER_TOKEN_ACCOUNT);
  await rm(base, { recursive: true, force: true });
});

interface Running {
  env: CliEnv;
  endpoint: BridgeEndpoint;
  server: BridgeServer;
  prompt: ScriptedPrompt;
  calls: string[];
  accessList: AccessList;
  errors: string[];
  audit: BridgeAuditRecord[];
}

async function startApp(): Promise<Running> {
  const dataDir = await mkdtemp(join(base, 'data-'));
  const runtimeDir = await mkdtemp(join(base, 'run-'));
  const endpoint = bridgeEndpoint({
    platform: 'linux',
    runtimeDir: runtimeDir,
    dataDir,
  });
  const prompt = new ScriptedPrompt();
  const calls: string[] = [];
  const errors: string[] = [];
  const audit: BridgeAuditRecord[] = [];
  const accessList = createAccessList(dataDir);
  const server = await startBridgeServer({
    endpoint,
    bearerToken: bearer,
    backend: fakeBackend(calls),
    identifier: new ProcCallerIdentifier(),
    approvals: new CallerApprovals(accessList, prompt),
    logError: (_message, error) => errors.push(error),
    audit: (record) => void audit.push(record),
  });
  return {
    env: { dataDir, runtimeDir, keychainService },
    endpoint,
    server,
    prompt,
    calls,
    accessList,
    errors,
    audit,
  };
}

/** Another server for the same app (after a close, or to try a second one), with its own endpoint and identifier if given. */
function serverFor(
  app: Running,
  over: { endpoint?: BridgeEndpoint; identifier?: ProcCallerIdentifier } = {},
): Promise<BridgeServer> {
  return startBridgeServer({
    endpoint: over.endpoint ?? app.endpoint,
    bearerToken: bearer,
    backend: fakeBackend(app.calls),
    identifier: over.identifier ?? new ProcCallerIdentifier(),
    approvals: new CallerApprovals(app.accessList, app.prompt),
  });
}

/** Sends raw lines over the socket and collects the reply lines. */
function rawExchange(
  path: string,
  payload: string,
  expectedReplies: number,
): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    let buffered = '';
    const replies: Record<string, unknown>[] = [];
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        replies.push(JSON.parse(buffered.slice(0, nl)) as Record<string, unknown>);
        buffered = buffered.slice(nl + 1);
        if (replies.length === expectedReplies) {
          socket.end();
          resolve(replies);
        }
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(replies));
    socket.write(payload);
  });
}

/** One request, answering a 'prove' the way the CLI does (listening on the named abstract socket); the final reply. */
function provingExchange(path: string, request: object): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    const listeners: Server[] = [];
    let buffered = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const reply = JSON.parse(buffered.slice(0, nl)) as Record<string, unknown>;
        buffered = buffered.slice(nl + 1);
        if (reply.status === 'prove') {
          const nonce = reply.nonce as string;
          const listener = createServer((peer) => peer.destroy());
          listeners.push(listener);
          listener.listen(`\0cognito-auth-proof-${nonce}`, () =>
            socket.write(JSON.stringify({ v: 1, auth: bearer, proved: nonce }) + '\n'),
          );
        } else if (!('status' in reply)) {
          for (const listener of listeners) listener.close();
          socket.end();
          resolve(reply);
        }
      }
    });
    socket.on('error', reject);
    socket.write(JSON.stringify(request) + '\n');
  });
}

describe('bridge server and cognito-auth CLI', () => {
  let app: Running;

  beforeEach(async () => {
    app = await startApp();
  });
  afterEach(async () => {
    await app.server.close();
  });

  it('keeps its socket 0600 inside a 0700 folder owned by the user', async () => {
    const dir = await stat(app.endpoint.dir as string);
    const socket = await stat(app.endpoint.path);
    expect(dir.mode & 0o777).toBe(0o700);
    expect(socket.mode & 0o777).toBe(0o600);
    expect(socket.isSocket()).toBe(true);
    expect(dir.uid).toBe(process.getuid?.());
    expect(app.endpoint.dir).toBe(join(app.env.runtimeDir, 'cognito-auth'));
  });

  it('knows the CLI by the abstract socket it listens on, without running ss, and refuses a claim to be another process', async () => {
    await app.server.close();
    app.server = await serverFor(app, {
      // Any use of ss would fail: only the proof can verify a caller here.
      identifier: new ProcCallerIdentifier('/nonexistent/ss'),
    });
    expect(await runCli(['token'], app.env)).toMatchObject({ code: 0, stdout: `${ID_TOKEN}\n` });
    const ask = (pid: number, proof?: 'socket') =>
      provingExchange(app.endpoint.path, {
        v: 1,
        auth: bearer,
        pid,
        call: { method: 'token', type: 'id' },
        ...(proof ? { proof } : {}),
      });
    // This process proves it reads the connection; pid 1 did not listen, so the claim fails.
    expect(await ask(process.pid, 'socket')).toMatchObject({ ok: true });
    expect(await ask(1, 'socket')).toMatchObject({ error: { code: 'CALLER_UNVERIFIED' } });
    expect(await ask(process.pid)).toMatchObject({
      error: { code: 'CALLER_UNVERIFIED', message: expect.stringContaining('`ss`') },
    });
  });

  it('prints only the token on stdout, and JSON with --json', async () => {
    const plain = await runCli(['token'], app.env);
    expect(plain).toMatchObject({ code: 0, stdout: `${ID_TOKEN}\n` });
    const json = await runCli(
      ['token', '--profile', 'work', '--type', 'access', '--json'],
      app.env,
    );
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      profile: 'work',
      type: 'access',
      token: ACCESS_TOKEN,
      expiresAt: new Date(EXPIRES_AT).toISOString(),
    });
    expect(app.calls).toEqual(['token::id', 'token:work:access']);
  });

  it('serves codes, MFA codes and profiles', async () => {
    expect(await runCli(['code', 'GitHub'], app.env)).toMatchObject({
      code: 0,
      stdout: '492039\n',
    });
    expect(await runCli(['mfa-code', '--account', 'AWS:work'], app.env)).toMatchObject({
      code: 0,
      stdout: '123456\n',
    });
    const profiles = await runCli(['profiles'], app.env);
    expect(profiles.code).toBe(0);
    expect(profiles.stdout.split('\n')).toEqual([
      `work\tsigned in\talice\texpires ${new Date(EXPIRES_AT).toISOString()}`,
      'demo\tsigned out\t\t',
      '',
    ]);
  });

  it('asks once for a new program, remembers "allow always", and names the calling program', async () => {
    await runCli(['token'], app.env);
    await runCli(['code', 'GitHub'], app.env);
    expect(app.prompt.questions).toHaveLength(1);
    const question = app.prompt.questions[0] as ApprovalQuestion;
    // The CLI's parent is this test process, so that is the program asking.
    expect(question.caller.program).toEqual({
      pid: process.pid,
      exe: await realpath(process.execPath),
    });
    expect(question.caller.cli.exe).toBe(await realpath(process.execPath));
    expect(question.action).toBe('an ID token for the default profile');
    expect(question.canAllowAlways).toBe(true);
    const programs = await app.accessList.list();
    expect(programs).toHaveLength(1);
    expect(programs[0]?.program).toBe(await realpath(process.execPath));
    const onDisk = JSON.parse(await readFile(join(app.env.dataDir, 'cli-access.json'), 'utf8'));
    expect(onDisk.programs[0].id).toBe(programs[0]?.id);
  });

  it('asks again after "allow once", and again after revoking "always"', async () => {
    app.prompt.answer = 'once';
    expect((await runCli(['token'], app.env)).code).toBe(0);
    expect((await runCli(['token'], app.env)).code).toBe(0);
    expect(app.prompt.questions).toHaveLength(2);
    app.prompt.answer = 'always';
    await runCli(['token'], app.env);
    const [allowed] = await app.accessList.list();
    await app.accessList.revoke(allowed?.id as string);
    app.prompt.answer = 'deny';
    expect((await runCli(['token'], app.env)).code).toBe(5);
    expect(app.prompt.questions).toHaveLength(4);
  });

  it('exits 5 and prints nothing on stdout when the user denies the caller', async () => {
    app.prompt.answer = 'deny';
    const result = await runCli(['token'], app.env);
    expect(result).toMatchObject({ code: 5, stdout: '' });
    expect(result.stderr).toContain('denied');
    expect(app.calls).toEqual([]);
    expect(await app.accessList.list()).toEqual([]);
  });

  it('exits 9 with its own message when nobody answers in time', async () => {
    app.prompt.timedOut = true;
    const result = await runCli(['token'], app.env);
    expect(result).toMatchObject({ code: 9, stdout: '' });
    expect(result.stderr).toContain(
      'cognito-auth: Nobody answered in the Cognito Authenticator window in time, so the request was refused. Run the command again and answer in the app.\n',
    );
    expect(app.calls).toEqual([]);
  });

  it('tells the user on stderr to look at the app while the approval is pending', async () => {
    app.prompt.delayMs = 200;
    const result = await runCli(['code', 'GitHub'], app.env);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('waiting for you to allow this request');
  });

  it('lists profiles with the bearer token alone, without asking', async () => {
    app.prompt.answer = 'deny';
    expect((await runCli(['profiles', '--json'], app.env)).code).toBe(0);
    expect(app.prompt.questions).toHaveLength(0);
  });

  it('maps failures to documented exit codes without leaking secrets', async () => {
    const signedOut = await runCli(['token', '--profile', 'signed-out'], app.env);
    expect(signedOut).toMatchObject({ code: 4, stdout: '' });
    expect(signedOut.stderr).toContain('is not signed in');
    expect((await runCli(['token', '--profile', 'offline'], app.env)).code).toBe(6);
    expect((await runCli(['code', 'Nope'], app.env)).code).toBe(2);
    const leaky = await runCli(['token', '--profile', 'leaky'], app.env);
    expect(leaky.code).toBe(1);
    expect(leaky.stderr).toContain('Something went wrong inside the app');
    expect(leaky.stderr + leaky.stdout).not.toContain(ACCESS_TOKEN);
    // The app's log has the failure, with the token masked.
    expect(app.errors).toHaveLength(1);
    expect(app.errors[0]).toContain('refresh failed for [token]');
    expect(app.errors[0]).not.toContain(ACCESS_TOKEN);
  });

  it('exits 2 on bad usage without contacting the app', async () => {
    for (const args of [
      ['tokn'],
      ['token', '--type', 'refresh'],
      ['code'],
      ['token', 'extra'],
      ['token', '--bogus'],
    ]) {
      const result = await runCli(args, app.env);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
    }
    expect(app.calls).toEqual([]);
    expect(app.prompt.questions).toEqual([]);
  });

  it('prints help for every command on stdout', async () => {
    for (const command of ['token', 'code', 'profiles', 'mfa-code']) {
      const result = await runCli([command, '--help'], app.env);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Usage: cognito-auth ${command}`);
    }
    const main = await runCli(['--help'], app.env);
    expect(main.stdout).toContain('Exit codes:');
  });

  it('refuses a wrong access key (exit 5), and a request without one', async () => {
    await keychain.set(BEARER_TOKEN_ACCOUNT, 'not-the-token');
    try {
      const wrong = await runCli(['token'], app.env);
      expect(wrong).toMatchObject({ code: 5, stdout: '' });
      expect(wrong.stderr).toContain('access key');
    } finally {
      await keychain.set(BEARER_TOKEN_ACCOUNT, bearer);
    }
    const [missing] = await rawExchange(
      app.endpoint.path,
      JSON.stringify({ v: 1, pid: process.pid, call: { method: 'profiles' } }) + '\n',
      1,
    );
    expect(missing).toEqual(REFUSAL);
    expect(app.calls).toEqual([]);
  });

  it('records every refusal of a missing or wrong access key in the audit log, with the caller where known and no key', async () => {
    await keychain.set(BEARER_TOKEN_ACCOUNT, 'WRONG-KEY-THAT-MUST-NOT-BE-LOGGED');
    try {
      expect((await runCli(['token', '--profile', 'work'], app.env)).code).toBe(5);
    } finally {
      await keychain.set(BEARER_TOKEN_ACCOUNT, bearer);
    }
    for (const line of ['not json', 'x'.repeat(64 * 1024)]) {
      expect(await rawExchange(app.endpoint.path, `${line}\n`, 1)).toEqual([REFUSAL]);
    }
    await expect.poll(() => app.audit.length).toBe(3);
    const entries = app.audit.map((record) => auditEntryFor(record, 1));
    const node = await realpath(process.execPath);
    expect(entries).toEqual([
      expect.objectContaining({
        program: node,
        what: 'an ID token for profile "work"',
        decision: 'refused',
        rule: 'bad-access-key',
      }),
      expect.objectContaining({
        program: 'unknown',
        what: 'a request the app could not read',
        decision: 'refused',
        rule: 'bad-access-key',
      }),
      expect.objectContaining({
        program: 'unknown',
        what: 'a request the app could not read',
        decision: 'refused',
        rule: 'bad-access-key',
      }),
    ]);
    expect(JSON.stringify(app.audit)).not.toContain('WRONG-KEY');
    expect(JSON.stringify(app.audit)).not.toContain(bearer);
    expect(app.calls).toEqual([]);
  });

  it('gives anything without the access key one fixed refusal, and answers bad requests without echoing them', async () => {
    const secret = 'S3CRET-VALUE-THAT-MUST-NOT-ECHO';
    const unauthenticated = [
      'not json',
      '[]',
      JSON.stringify({ v: 1, auth: secret, pid: process.pid, call: { method: 'profiles' } }),
      JSON.stringify({ v: 1, auth: 7, pid: process.pid, call: { method: secret } }),
      'x'.repeat(64 * 1024),
    ];
    for (const line of unauthenticated) {
      const replies = await rawExchange(app.endpoint.path, `${line}\n${line}\n`, 2);
      expect(replies).toEqual([REFUSAL]);
    }
    const malformed = [
      JSON.stringify({ v: 2, auth: bearer, pid: process.pid, call: { method: 'profiles' } }),
      JSON.stringify({ v: 1, auth: bearer, pid: process.pid, call: { method: 'rm -rf' } }),
      JSON.stringify({
        v: 1,
        auth: bearer,
        pid: process.pid,
        call: { method: 'token', type: secret },
      }),
      JSON.stringify({ v: 1, auth: bearer, pid: secret, call: { method: 'profiles' } }),
      JSON.stringify({
        v: 1,
        auth: bearer,
        pid: process.pid,
        call: { method: 'profiles' },
        [secret]: secret,
      }),
      JSON.stringify({
        v: 1,
        auth: bearer,
        pid: process.pid,
        call: { method: 'code', account: 'x'.repeat(201) },
      }),
      // pid 1 exists and (as root) even has our uid, but it is not the process on this connection.
      JSON.stringify({ v: 1, auth: bearer, pid: 1, call: { method: 'token', type: 'id' } }),
    ];
    for (const line of malformed) {
      const [reply] = await rawExchange(app.endpoint.path, line + '\n', 1);
      expect(reply?.ok).toBe(false);
      expect(JSON.stringify(reply)).not.toContain(secret);
      expect(JSON.stringify(reply)).not.toContain(bearer);
      expect((reply?.error as { code: string }).code).toBe(
        line.includes('"pid":1,') ? 'CALLER_UNVERIFIED' : 'BAD_REQUEST',
      );
    }
    // More requests than one connection handles at once wait their turn instead of failing.
    const flood = Array.from({ length: 12 }, () =>
      JSON.stringify({ v: 1, auth: bearer, pid: process.pid, call: { method: 'profiles' } }),
    );
    const floodReplies = await rawExchange(app.endpoint.path, flood.join('\n') + '\n', 12);
    expect(floodReplies.filter((r) => r.ok === true)).toHaveLength(12);
    expect(app.calls).toEqual(Array(12).fill('profiles'));
    expect(app.prompt.questions).toEqual([]);
    expect((await runCli(['token'], app.env)).code).toBe(0);
  });

  // 20 Node processes at once on a loaded 2-core machine take a while: a longer limit.
  it('serves 20 concurrent CLI calls, asking the user once', async () => {
    app.prompt.delayMs = 300;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        runCli(i % 2 ? ['token', '--type', 'access'] : ['code', 'GitHub'], app.env),
      ),
    );
    results.forEach((result, i) => {
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toBe(i % 2 ? `${ACCESS_TOKEN}\n` : '492039\n');
    });
    expect(app.prompt.questions).toHaveLength(1);
    expect(app.calls).toHaveLength(20);
  }, 120_000);

  it('replaces a stale socket file but refuses to start next to a live app', async () => {
    await expect(serverFor(app)).rejects.toThrow('already serving the CLI');
    await app.server.close();
    await writeFile(app.endpoint.path, '');
    app.server = await serverFor(app);
    expect((await runCli(['token'], app.env)).code).toBe(0);
  });
});

describe('when the app is not running', () => {
  it('exits 3 and never opens the keychain', async () => {
    const dataDir = await mkdtemp(join(base, 'data-'));
    const runtimeDir = await mkdtemp(join(base, 'run-'));
    // Without a D-Bus session any keychain access would fail with a different
    // message and exit code, so exit 3 shows the keychain was never opened.
    const result = await runCli(['token'], {
      dataDir,
      runtimeDir,
      keychainService,
      extra: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' },
    });
    expect(result).toMatchObject({ code: 3, stdout: '' });
    expect(result.stderr).toContain('not running');
    expect(result.stderr).toContain('--no-app');
  });
});
