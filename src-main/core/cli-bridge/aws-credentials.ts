/**
 * AWS credentials for a signed-in profile, through its Cognito identity pool
 * (GetId, then GetCredentialsForIdentity with the ID token). They are kept in
 * memory until shortly before they expire, so `aws` calling
 * `credential_process` on every command costs one local round trip, not two
 * calls to AWS. Nothing here is written to disk.
 */
import { AppError } from '../errors';
import type { Clock } from '../ports';

export interface IdentityPoolRef {
  id: string;
  region: string;
  providerName: string;
}

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** ms since epoch. */
  expiresAt: number;
}

/**
 * The two Cognito Identity calls. The adapter throws AppError
 * IDENTITY_POOL_REFUSED (the pool does not exist or refused the token, with
 * AWS's words) or NETWORK.
 */
export interface IdentityPoolPort {
  getId(input: { endpoint?: string; pool: IdentityPoolRef; idToken: string }): Promise<string>;
  getCredentials(input: {
    endpoint?: string;
    pool: IdentityPoolRef;
    identityId: string;
    idToken: string;
  }): Promise<AwsCredentials>;
}

/** Credentials are handed out only while they have at least this long left. */
export const AWS_CREDENTIALS_MARGIN_MS = 5 * 60_000;

interface Entry {
  /** The pool and user the entry belongs to: a changed profile or another sign-in misses. */
  scope: string;
  identityId: string;
  credentials?: AwsCredentials;
}

export class AwsCredentialsCache {
  private readonly entries = new Map<string, Entry>();
  /** One exchange per profile at a time: concurrent `aws` processes share it. */
  private readonly inFlight = new Map<string, Promise<AwsCredentials>>();

  constructor(
    private readonly port: IdentityPoolPort,
    private readonly clock: Clock,
  ) {}

  async get(input: {
    profileId: string;
    /** Who is signed in (the token's sub), so a new sign-in never gets the last user's keys. */
    subject: string;
    endpoint?: string;
    pool: IdentityPoolRef;
    idToken: string;
  }): Promise<AwsCredentials> {
    const scope = `${input.pool.id}\n${input.pool.providerName}\n${input.endpoint ?? ''}\n${input.subject}`;
    const entry = this.entries.get(input.profileId);
    const fresh = entry?.scope === scope ? entry.credentials : undefined;
    if (fresh && fresh.expiresAt - this.clock.now() > AWS_CREDENTIALS_MARGIN_MS) return fresh;
    const running = this.inFlight.get(input.profileId);
    if (running) return running;
    const exchange = this.exchange(input, scope, entry?.scope === scope ? entry : undefined);
    this.inFlight.set(input.profileId, exchange);
    try {
      return await exchange;
    } finally {
      this.inFlight.delete(input.profileId);
    }
  }

  /** Forgets a profile's credentials: on sign-out, and when its profile changes. */
  forget(profileId: string): void {
    this.entries.delete(profileId);
  }

  /** When the cached credentials of a profile expire (ms since epoch), if any are cached. */
  expiresAt(profileId: string): number | undefined {
    return this.entries.get(profileId)?.credentials?.expiresAt;
  }

  private async exchange(
    input: Parameters<AwsCredentialsCache['get']>[0],
    scope: string,
    known: Entry | undefined,
  ): Promise<AwsCredentials> {
    const base = { endpoint: input.endpoint, pool: input.pool, idToken: input.idToken };
    const identityId = known?.identityId ?? (await this.port.getId(base));
    const credentials = await this.port.getCredentials({ ...base, identityId });
    if (credentials.expiresAt - this.clock.now() <= AWS_CREDENTIALS_MARGIN_MS) {
      throw new AppError({
        code: 'IDENTITY_POOL_REFUSED',
        message:
          'The identity pool handed out credentials that expire within five minutes; check its role session duration.',
      });
    }
    this.entries.set(input.profileId, { scope, identityId, credentials });
    return credentials;
  }
}
