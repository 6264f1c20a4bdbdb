/**
 * Test-side client pieces for driving the emulator over real HTTP. The SRP
 * math comes from AWS's own amazon-cognito-identity-js AuthenticationHelper,
 * never from emulator/srp.ts, so a shared mistake cannot hide.
 */
import { createHmac } from 'node:crypto';
import cognito from 'amazon-cognito-identity-js';
import { Secret, TOTP } from 'otpauth';

interface BigIntegerLike {
  toString(radix: number): string;
}
type BigIntegerCtor = new (value: string, radix: number) => BigIntegerLike;

interface Helper {
  getLargeAValue(cb: (err: unknown, a: BigIntegerLike) => void): void;
  getPasswordAuthenticationKey(
    user: string,
    password: string,
    B: BigIntegerLike,
    salt: BigIntegerLike,
    cb: (err: unknown, key: number[] | Uint8Array) => void,
  ): void;
  generateHashDevice(groupKey: string, deviceKey: string, cb: (err: unknown) => void): void;
  getSaltDevices(): string;
  getVerifierDevices(): string;
  getRandomPassword(): string;
}
const AuthenticationHelper = (
  cognito as unknown as { AuthenticationHelper: new (poolName: string) => Helper }
).AuthenticationHelper;

export interface CallResult<T = Record<string, unknown>> {
  status: number;
  body: T & { __type?: string; message?: string };
  headers: Headers;
}

/** One unsigned JSON 1.1 call. */
export async function call<T = Record<string, unknown>>(
  url: string,
  operation: string,
  body: unknown,
): Promise<CallResult<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`,
    },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as CallResult<T>['body'],
    headers: res.headers,
  };
}

/** Like `call`, but throws `<__type>: <message>` on an error answer. */
export async function ok<T = Record<string, unknown>>(
  url: string,
  operation: string,
  body: unknown,
): Promise<T> {
  const r = await call<T>(url, operation, body);
  if (r.status !== 200) throw new Error(`${r.body.__type}: ${r.body.message}`);
  return r.body;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

export function cognitoTimestamp(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

export const secretHash = (secret: string, username: string, clientId: string) =>
  createHmac('sha256', secret)
    .update(username + clientId)
    .digest('base64');

export const totpCode = (secret: string, at = Date.now()) =>
  new TOTP({
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  }).generate({ timestamp: at });

/** An SRP client for one proof: a user's password or a device's secret. */
export class SrpProof {
  private readonly helper: Helper;
  private readonly a: Promise<BigIntegerLike>;
  readonly A: Promise<string>;

  /** `prefix` is the pool name (after the "_") or, for a device, its DeviceGroupKey. */
  constructor(private readonly prefix: string) {
    this.helper = new AuthenticationHelper(prefix);
    this.a = new Promise((resolve, reject) =>
      this.helper.getLargeAValue((err, a) => (err ? reject(err) : resolve(a))),
    );
    this.A = this.a.then((a) => a.toString(16));
  }

  /** PASSWORD_CLAIM_SIGNATURE for the server's SRP_B, SALT and SECRET_BLOCK. */
  async sign(
    id: string,
    password: string,
    params: Record<string, string>,
    timestamp: string,
  ): Promise<string> {
    // The library's BigInteger class is not exported; A is an instance of it.
    const BigInteger = (await this.a).constructor as BigIntegerCtor;
    const key = await new Promise<number[] | Uint8Array>((resolve, reject) =>
      this.helper.getPasswordAuthenticationKey(
        id,
        password,
        new BigInteger(params.SRP_B!, 16),
        new BigInteger(params.SALT!, 16),
        (err, k) => (err ? reject(err) : resolve(k)),
      ),
    );
    return createHmac('sha256', Buffer.from(key))
      .update(
        Buffer.concat([
          Buffer.from(this.prefix),
          Buffer.from(id),
          Buffer.from(params.SECRET_BLOCK!, 'base64'),
          Buffer.from(timestamp),
        ]),
      )
      .digest('base64');
  }
}

/** A new device secret as AWS's library makes it, ready for ConfirmDevice. */
export async function deviceSecret(groupKey: string, deviceKey: string) {
  const helper = new AuthenticationHelper('unused');
  await new Promise<void>((resolve, reject) =>
    helper.generateHashDevice(groupKey, deviceKey, (err) => (err ? reject(err) : resolve())),
  );
  return {
    password: helper.getRandomPassword(),
    config: {
      Salt: Buffer.from(helper.getSaltDevices(), 'hex').toString('base64'),
      PasswordVerifier: Buffer.from(helper.getVerifierDevices(), 'hex').toString('base64'),
    },
  };
}

export const poolNameOf = (poolId: string) => poolId.slice(poolId.indexOf('_') + 1);

interface AuthResult {
  ChallengeName?: string;
  ChallengeParameters: Record<string, string>;
  Session?: string;
  AuthenticationResult?: {
    AccessToken: string;
    IdToken: string;
    RefreshToken?: string;
    NewDeviceMetadata?: { DeviceKey: string; DeviceGroupKey: string };
  };
}

export interface SrpSignInOptions {
  url: string;
  poolId: string;
  clientId: string;
  username: string;
  password: string;
  clientSecret?: string;
  deviceKey?: string;
  /** Milliseconds for TIMESTAMP; the emulator's clock by default should match. */
  now?: number;
}

/** USER_SRP_AUTH through PASSWORD_VERIFIER; returns whatever comes next. */
export async function srpSignIn(o: SrpSignInOptions): Promise<AuthResult> {
  const proof = new SrpProof(poolNameOf(o.poolId));
  const hash = (u: string) =>
    o.clientSecret ? { SECRET_HASH: secretHash(o.clientSecret, u, o.clientId) } : {};
  const init = await ok<AuthResult>(o.url, 'InitiateAuth', {
    AuthFlow: 'USER_SRP_AUTH',
    ClientId: o.clientId,
    AuthParameters: {
      USERNAME: o.username,
      SRP_A: await proof.A,
      ...hash(o.username),
      ...(o.deviceKey ? { DEVICE_KEY: o.deviceKey } : {}),
    },
  });
  const userId = init.ChallengeParameters.USER_ID_FOR_SRP!;
  const timestamp = cognitoTimestamp(o.now ?? Date.now());
  return ok<AuthResult>(o.url, 'RespondToAuthChallenge', {
    ChallengeName: 'PASSWORD_VERIFIER',
    ClientId: o.clientId,
    Session: init.Session,
    ChallengeResponses: {
      USERNAME: userId,
      PASSWORD_CLAIM_SECRET_BLOCK: init.ChallengeParameters.SECRET_BLOCK,
      PASSWORD_CLAIM_SIGNATURE: await proof.sign(
        userId,
        o.password,
        init.ChallengeParameters,
        timestamp,
      ),
      TIMESTAMP: timestamp,
      ...hash(userId),
      ...(o.deviceKey ? { DEVICE_KEY: o.deviceKey } : {}),
    },
  });
}

export function decodeJwt(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}
