/**
 * Emulator throughput: full SRP sign-ins per second with 8 concurrent
 * clients, against GetUser round-trips per second (JWT check, no modexp) as
 * the baseline measured in the same run. The emulator runs as its own process
 * (the CLI), so its work and the clients' SRP math use separate cores.
 *
 * The clients use the app's own SRP module (OpenSSL modexps), so the client
 * side is not the bottleneck; the emulator checks every signature with its
 * independent SRP, as in the tests.
 *
 * If EMULATOR_TIMING_LOG names an existing file (a test run made with that
 * variable set), the bench also summarises how much of that run's wall time
 * the emulator spent handling requests.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  DEMO_PASSWORD,
  DEMO_POOL_ID,
  DEMO_PUBLIC_CLIENT_ID,
  DEMO_USERNAME,
} from '../emulator/index';
import { createEphemeral, passwordClaim, poolNameOf } from '../src-main/core/cognito/srp';

const CONCURRENCY = 8;
const RUN_MS = 4000;

async function post(url: string, op: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `AWSCognitoIdentityProviderService.${op}`,
    },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status !== 200) throw new Error(`${op}: ${String(json.__type)} ${String(json.message)}`);
  return json;
}

async function srpSignIn(url: string): Promise<string> {
  const ephemeral = createEphemeral();
  const init = await post(url, 'InitiateAuth', {
    AuthFlow: 'USER_SRP_AUTH',
    ClientId: DEMO_PUBLIC_CLIENT_ID,
    AuthParameters: { USERNAME: DEMO_USERNAME, SRP_A: ephemeral.srpA },
  });
  const p = init.ChallengeParameters as Record<string, string>;
  const userId = p.USER_ID_FOR_SRP!;
  const claim = passwordClaim({
    realm: poolNameOf(DEMO_POOL_ID),
    userId,
    password: DEMO_PASSWORD,
    ephemeral,
    serverB: p.SRP_B!,
    salt: p.SALT!,
    secretBlock: p.SECRET_BLOCK!,
    now: new Date(),
  });
  const done = await post(url, 'RespondToAuthChallenge', {
    ChallengeName: 'PASSWORD_VERIFIER',
    ClientId: DEMO_PUBLIC_CLIENT_ID,
    Session: init.Session,
    ChallengeResponses: { USERNAME: userId, ...claim },
  });
  return (done.AuthenticationResult as { AccessToken: string }).AccessToken;
}

// --- harness ----------------------------------------------------------------
async function rate(work: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < CONCURRENCY; i++) await work();
  let count = 0;
  const end = performance.now() + RUN_MS;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        await work();
        count++;
      }
    }),
  );
  return (count * 1000) / (performance.now() - started);
}

interface Entry {
  at: number;
  op: string;
  ms: number;
}
const readLog = (file: string): Entry[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Entry);

function summariseTestRun(file: string): void {
  const entries = readLog(file).filter((e) => typeof e.at === 'number');
  if (entries.length === 0) return console.log(`timing log ${file} has no entries`);
  const busy = entries.reduce((s, e) => s + e.ms, 0);
  const span = Math.max(...entries.map((e) => e.at)) - Math.min(...entries.map((e) => e.at - e.ms));
  const byOp = new Map<string, number>();
  for (const e of entries) byOp.set(e.op, (byOp.get(e.op) ?? 0) + e.ms);
  const top = [...byOp].sort((a, b) => b[1] - a[1]).slice(0, 5);
  console.log(
    `test run in ${file}: ${entries.length} requests, emulator busy ${(busy / 1000).toFixed(1)} s over ${(span / 1000).toFixed(1)} s of wall time`,
  );
  console.log(
    `  share of the run spent waiting on the emulator: ${((100 * busy) / span).toFixed(1)} % (summed over parallel test files, so it can exceed 100 %)`,
  );
  console.log(
    `  busiest operations: ${top.map(([op, ms]) => `${op} ${(ms / 1000).toFixed(1)} s`).join(', ')}`,
  );
}

export default async function (): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'emulator-bench-'));
  const timingLog = join(dir, 'timing.jsonl');
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--port', '0'], {
    cwd: join(import.meta.dirname, '..'),
    env: { ...process.env, EMULATOR_TIMING_LOG: timingLog },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
    });
    const url = line.replace('listening on ', '');
    const token = await srpSignIn(url);

    const getUser = await rate(() => post(url, 'GetUser', { AccessToken: token }));
    const before = readLog(timingLog).length;
    const signIns = await rate(() => srpSignIn(url));
    const srpEntries = readLog(timingLog)
      .slice(before)
      .filter((e) => e.op === 'InitiateAuth' || e.op === 'RespondToAuthChallenge');
    const serverMsPerSignIn = (2 * srpEntries.reduce((s, e) => s + e.ms, 0)) / srpEntries.length;

    console.log(
      `baseline GetUser round-trips: ${getUser.toFixed(0)}/s (${CONCURRENCY} concurrent clients)`,
    );
    console.log(`full SRP sign-ins: ${signIns.toFixed(1)}/s (${CONCURRENCY} concurrent clients)`);
    console.log(`ratio SRP sign-ins / GetUser round-trips: ${(signIns / getUser).toFixed(3)}`);
    console.log(
      `emulator time per SRP sign-in, request arrival to response incl. queueing (both calls): ${serverMsPerSignIn.toFixed(1)} ms`,
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
  const testLog = process.env.EMULATOR_TIMING_LOG;
  if (testLog && existsSync(testLog)) summariseTestRun(testLog);
  else
    console.log(
      'no test-run timing log: run the tests with EMULATOR_TIMING_LOG=<file>, then the bench with the same variable',
    );
}
