/**
 * A full remembered-device sign-in (USER_SRP_AUTH → PASSWORD_VERIFIER with
 * DEVICE_KEY → DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER → tokens) against
 * the in-process emulator: this project's engine versus
 * amazon-cognito-identity-js doing the same flow in the same pool. Both
 * clients' calls are timed, so the output also shows what share of the wall
 * time is the client's own work (the rest is HTTP and the emulator).
 */
import cognito from 'amazon-cognito-identity-js';
import { Secret, TOTP } from 'otpauth';
import { startEmulator } from '../emulator/index';
import { CognitoService } from '../src-main/core/cognito/service';
import { createSdkTransport } from '../src-main/node/cognito-transport';
import type { CognitoTransport } from '../src-main/core/ports';
import { memoryDocument } from '../test/helpers/memory-document';
import { MemorySecretStore } from '../test/helpers/memory-secret-store';

const { AuthenticationDetails, CognitoUser, CognitoUserPool } = cognito;

const POOL_ID = 'us-east-1_BenchPool';
const CLIENT_ID = 'benchclient000000000000000';
const PASSWORD = 'Bench-Passw0rd!';
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const ROUNDS = 6;

const code = (now: number) =>
  new TOTP({ secret: Secret.fromBase32(TOTP_SECRET), digits: 6, period: 30 }).generate({
    timestamp: now,
  });

interface Timing {
  wallMs: number;
  callMs: number;
}

function memoryStorage() {
  const m = new Map<string, string>();
  return {
    setItem: (k: string, v: string) => void m.set(k, v),
    getItem: (k: string) => m.get(k) ?? null,
    removeItem: (k: string) => void m.delete(k),
    clear: () => m.clear(),
  };
}

export default async function (): Promise<void> {
  const em = await startEmulator();
  try {
    await em.admin.seed({
      pools: [
        {
          id: POOL_ID,
          name: 'bench',
          mfaConfiguration: 'OPTIONAL',
          totp: true,
          deviceConfiguration: {
            ChallengeRequiredOnNewDevice: true,
            DeviceOnlyRememberedOnUserPrompt: false,
          },
          clients: [
            {
              id: CLIENT_ID,
              name: 'bench',
              explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
            },
          ],
          users: ['engine-user', 'awsjs-user'].map((username) => ({
            username,
            password: PASSWORD,
            totpSecret: TOTP_SECRET,
            mfaEnabled: ['SOFTWARE_TOKEN_MFA' as const],
          })),
        },
      ],
    });
    const engine = await engineRuns(em.url);
    const awsjs = await awsRuns(em.url);
    const share = (t: Timing) => (((t.wallMs - t.callMs) / t.wallMs) * 100).toFixed(0);
    console.log(
      `remembered-device sign-in, mean of ${ROUNDS} (MFA skipped through device SRP in both):`,
    );
    console.log(
      `  this project's engine:      ${engine.wallMs.toFixed(1)} ms (client's own work ${share(engine)}% of wall time)`,
    );
    console.log(
      `  amazon-cognito-identity-js: ${awsjs.wallMs.toFixed(1)} ms (client's own work ${share(awsjs)}% of wall time)`,
    );
    console.log(`ratio: ${(awsjs.wallMs / engine.wallMs).toFixed(1)}× faster end to end`);
  } finally {
    await em.close();
  }
}

async function engineRuns(endpoint: string): Promise<Timing> {
  let callMs = 0;
  const timed = (inner: CognitoTransport): CognitoTransport => ({
    async call(operation, input) {
      const t = performance.now();
      try {
        return await inner.call(operation, input);
      } finally {
        callMs += performance.now() - t;
      }
    },
  });
  const service = new CognitoService({
    secrets: new MemorySecretStore(),
    state: memoryDocument(),
    transportFor: (p) =>
      timed(
        createSdkTransport({ region: p.region, ...(p.endpoint ? { endpoint: p.endpoint } : {}) }),
      ),
    deviceName: 'bench-host',
  });
  const { id } = await service.addProfile({
    displayName: 'Bench',
    region: 'us-east-1',
    userPoolId: POOL_ID,
    clientId: CLIENT_ID,
    endpoint,
  });
  const first = await service.startSignIn(id, 'engine-user', PASSWORD);
  if (first.kind !== 'SOFTWARE_TOKEN_MFA')
    throw new Error(`engine: expected the TOTP step, got ${first.kind}`);
  const done = await service.respond(first.attemptId, {
    kind: 'SOFTWARE_TOKEN_MFA',
    code: code(Date.now()),
  });
  if (done.device?.status !== 'remembered')
    throw new Error(`engine: device not remembered (${done.device?.status})`);

  callMs = 0;
  const t = performance.now();
  for (let i = 0; i < ROUNDS; i++) {
    const step = await service.startSignIn(id, 'engine-user', PASSWORD);
    if (!step.device?.usedRememberedDevice)
      throw new Error('engine: the sign-in did not use the remembered device');
  }
  const wallMs = (performance.now() - t) / ROUNDS;
  service.stop();
  return { wallMs, callMs: callMs / ROUNDS };
}

async function awsRuns(endpoint: string): Promise<Timing> {
  const Storage = memoryStorage();
  const pool = new CognitoUserPool({ UserPoolId: POOL_ID, ClientId: CLIENT_ID, endpoint, Storage });
  let callMs = 0;
  const client = (
    pool as unknown as {
      client: {
        request: (op: string, params: unknown, cb: (e: unknown, d: unknown) => void) => void;
      };
    }
  ).client;
  const request = client.request.bind(client);
  client.request = (op, params, cb) => {
    const t = performance.now();
    request(op, params, (e, d) => {
      callMs += performance.now() - t;
      cb(e, d);
    });
  };
  const details = new AuthenticationDetails({ Username: 'awsjs-user', Password: PASSWORD });

  const signIn = (withMfa: boolean) =>
    new Promise<void>((resolve, reject) => {
      const user = new CognitoUser({ Username: 'awsjs-user', Pool: pool, Storage });
      const callbacks = {
        onSuccess: () => resolve(),
        onFailure: reject,
        totpRequired: () => {
          if (!withMfa)
            return reject(
              new Error('amazon-cognito-identity-js: MFA asked although the device is remembered'),
            );
          user.sendMFACode(code(Date.now()), callbacks, 'SOFTWARE_TOKEN_MFA');
        },
      };
      user.authenticateUser(details, callbacks);
    });

  await signIn(true);
  callMs = 0;
  const t = performance.now();
  for (let i = 0; i < ROUNDS; i++) await signIn(false);
  return { wallMs: (performance.now() - t) / ROUNDS, callMs: callMs / ROUNDS };
}
