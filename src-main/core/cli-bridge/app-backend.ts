/**
 * The BridgeBackend over the app's real parts: the Cognito engine for
 * profiles and tokens, the vault for codes. The running app's bridge and
 * tray use it, and so does the CLI's `--no-app` mode with stores it opens
 * itself.
 */
import { AppError, isAppError } from '../errors';
import type { Clock } from '../ports';
import { decodeJwtClaims } from '../cognito/tokens';
import type { AwsCredentialsCache, IdentityPoolRef } from './aws-credentials';
import type { BridgeBackend } from './backend';
import type { AwsCredentialsValue, TokenType, TokenValue } from './protocol';
import { summarizeProfiles } from '../cognito/profile-summary';
import { codeFor, mfaCodeFor } from './vault-codes';
import type { VaultReader } from './vault-codes';

/** A token handed out is good for at least this long: refreshed first otherwise. */
export const MIN_TOKEN_VALIDITY_MS = 60_000;

interface StoredTokens {
  idToken: string;
  accessToken: string;
  idTokenExpiresAt: number;
  accessTokenExpiresAt: number;
}

interface ProfileEntry {
  id: string;
  displayName: string;
  endpoint?: string;
  identityPool?: IdentityPoolRef;
}

/** The slice of the Cognito engine (CognitoService) used here. */
export interface SessionSource {
  profiles: {
    list(): Promise<{ profiles: ProfileEntry[]; selectedId: string }>;
  };
  tokens: {
    load(profileId: string): Promise<StoredTokens | undefined>;
    refresh(profileId: string): Promise<StoredTokens>;
    summary(
      profileId: string,
    ): Promise<{ username: string; idTokenExpiresAt: number; accessTokenExpiresAt: number } | null>;
  };
}

export interface AppBackendDeps {
  cognito: SessionSource;
  vault: VaultReader;
  clock: Clock;
  /** True while the app is locked: nothing secret is handed out. */
  isLocked?: () => boolean;
  /** Where AWS credentials come from; without it no profile can have them. */
  awsCredentials?: AwsCredentialsCache;
}

export function createAppBackend(deps: AppBackendDeps): BridgeBackend & {
  tokenById(profileId: string, type: TokenType): Promise<TokenValue>;
} {
  const unlocked = () => {
    if (deps.isLocked?.())
      throw new AppError({
        code: 'LOCKED',
        message: 'The app is locked. Unlock it, then try again.',
      });
  };

  async function tokenById(profileId: string, name: string, type: TokenType): Promise<TokenValue> {
    unlocked();
    let tokens = await deps.cognito.tokens.load(profileId);
    if (!tokens) throw notSignedIn(name);
    const expiresAt = Math.min(tokens.idTokenExpiresAt, tokens.accessTokenExpiresAt);
    if (expiresAt - deps.clock.now() < MIN_TOKEN_VALIDITY_MS) {
      tokens = await deps.cognito.tokens.refresh(profileId).catch((error: unknown) => {
        throw refreshFailure(error, name);
      });
    }
    return type === 'id'
      ? { profile: name, type, token: tokens.idToken, expiresAt: tokens.idTokenExpiresAt }
      : { profile: name, type, token: tokens.accessToken, expiresAt: tokens.accessTokenExpiresAt };
  }

  async function resolveProfile(query: string | undefined): Promise<ProfileEntry> {
    const { profiles, selectedId } = await deps.cognito.profiles.list();
    const profile =
      query === undefined
        ? profiles.find((p) => p.id === selectedId)
        : findProfile(profiles, query);
    if (!profile)
      throw new AppError({
        code: 'NOT_FOUND',
        message: 'There is no profile yet. Add one in the app.',
      });
    return profile;
  }

  async function awsCredentials(
    profile: ProfileEntry,
    idToken: string,
  ): Promise<AwsCredentialsValue> {
    const cache = deps.awsCredentials;
    if (!profile.identityPool || !cache) throw noIdentityPool(profile.displayName);
    const credentials = await cache.get({
      profileId: profile.id,
      subject: String(decodeJwtClaims(idToken).sub),
      endpoint: profile.endpoint,
      pool: profile.identityPool,
      idToken,
    });
    return { profile: profile.displayName, ...credentials };
  }

  return {
    async getToken(query, type) {
      const profile = await resolveProfile(query);
      return tokenById(profile.id, profile.displayName, type);
    },
    async getAwsCredentials(query) {
      const profile = await resolveProfile(query);
      if (!profile.identityPool) throw noIdentityPool(profile.displayName);
      const id = await tokenById(profile.id, profile.displayName, 'id');
      return awsCredentials(profile, id.token);
    },
    async getExecEnv(query) {
      const profile = await resolveProfile(query);
      const id = await tokenById(profile.id, profile.displayName, 'id');
      const access = await tokenById(profile.id, profile.displayName, 'access');
      return {
        profile: profile.displayName,
        idToken: id.token,
        accessToken: access.token,
        expiresAt: Math.min(id.expiresAt, access.expiresAt),
        ...(profile.identityPool ? { aws: await awsCredentials(profile, id.token) } : {}),
      };
    },
    async tokenById(profileId, type) {
      const { profiles } = await deps.cognito.profiles.list();
      const profile = profiles.find((p) => p.id === profileId);
      if (!profile)
        throw new AppError({ code: 'NOT_FOUND', message: 'That profile no longer exists.' });
      return tokenById(profile.id, profile.displayName, type);
    },
    async getCode(account) {
      unlocked();
      return codeFor(deps.vault, account);
    },
    async getMfaCode(account) {
      unlocked();
      return mfaCodeFor(deps.vault, account);
    },
    listProfiles: () => summarizeProfiles(deps.cognito),
  };
}

/** By id, then by display name, case-insensitively. */
function findProfile<P extends { id: string; displayName: string }>(
  profiles: P[],
  query: string,
): P {
  const q = query.trim().toLowerCase();
  const byId = profiles.find((p) => p.id.toLowerCase() === q);
  if (byId) return byId;
  const byName = profiles.filter((p) => p.displayName.toLowerCase() === q);
  if (byName.length === 1) return byName[0] as P;
  const names = profiles.map((p) => `"${p.displayName}" (${p.id})`).join(', ');
  throw new AppError({
    code: 'NOT_FOUND',
    message:
      byName.length > 1
        ? `Several profiles have that name; use the id: ${names}.`
        : `No profile has that name. Profiles: ${names || 'none'}.`,
  });
}

function noIdentityPool(name: string): AppError {
  return new AppError({
    code: 'NO_IDENTITY_POOL',
    message: `Profile "${name}" has no identity pool, so it cannot give AWS credentials. Add the identity pool id in the app (edit the profile, under Advanced).`,
  });
}

function notSignedIn(name: string): AppError {
  return new AppError({
    code: 'NOT_SIGNED_IN',
    message: `Profile "${name}" is not signed in. Sign in from the app, then try again.`,
  });
}

/** Refresh failures in the bridge's terms; the engine's message is kept, it names no secret. */
function refreshFailure(error: unknown, name: string): unknown {
  if (!isAppError(error)) return error;
  if (['NOT_SIGNED_IN', 'REFRESH_EXPIRED', 'SIGNED_OUT'].includes(error.code)) {
    return new AppError({
      code: 'NOT_SIGNED_IN',
      message: `The sign-in of profile "${name}" has expired. Sign in again from the app.`,
    });
  }
  if (error.code === 'NETWORK' || error.code === 'SERVICE_ERROR' || error.code === 'THROTTLED') {
    return new AppError({
      code: 'NETWORK',
      message: `The token of profile "${name}" could not be refreshed: ${error.message}`,
      retryable: true,
    });
  }
  return error;
}
