/**
 * A profile's tokens: kept in the SecretStore (so a signed-in profile stays
 * signed in across restarts), refreshed before they expire and on demand, and
 * revoked on sign-out. The refresh token never leaves this module; callers
 * get an access token or a summary of the claims.
 */
import type { AuthenticationResultType } from '@aws-sdk/client-cognito-identity-provider';
import { AppError } from '../errors';
import type { Clock, SecretStore } from '../ports';
import { exceptionMessage, exceptionName, isDeviceGone, toAppError, userFacing } from './errors';
import { secretKeys } from './keys';
import type { ResolvedProfile } from './profiles';
import { secretHash } from './secret-hash';
import type { CognitoTransport } from '../ports';
import type { SignedInView } from './views';

export interface StoredTokens {
  idToken: string;
  accessToken: string;
  refreshToken: string;
  /** The pool's username (USER_ID_FOR_SRP), which SECRET_HASH on refresh needs. */
  userIdForSrp: string;
  /** What the user typed to sign in: the account label for a TOTP enrolled later. */
  typedUsername?: string;
  /** The remembered device the tokens were issued to, sent again on refresh. */
  deviceKey?: string;
  /** ms since epoch. */
  issuedAt: number;
  accessTokenExpiresAt: number;
  idTokenExpiresAt: number;
  /** The app client rotates refresh tokens: refresh through GetTokensFromRefreshToken. */
  rotation?: boolean;
}

export interface TokenManagerDeps {
  secrets: SecretStore;
  clock: Clock;
  profile(profileId: string): Promise<ResolvedProfile>;
  transport(profile: ResolvedProfile): CognitoTransport;
  /** Told when a device key turned out to be gone, so its local state can be cleared. */
  onDeviceGone(profileId: string, userIdForSrp: string): Promise<void>;
  onChange(profileId: string, reason: 'signed-in' | 'refreshed' | 'signed-out' | 'expired'): void;
}

/** Refresh when less than this is left. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

export function decodeJwtClaims(jwt: string): Record<string, unknown> {
  const part = jwt.split('.')[1];
  if (!part)
    throw new AppError({
      code: 'BAD_TOKEN',
      message: 'Cognito returned a token that is not a JWT.',
    });
  try {
    const claims: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (typeof claims !== 'object' || claims === null) throw new Error('not an object');
    return claims as Record<string, unknown>;
  } catch (e) {
    throw new AppError({
      code: 'BAD_TOKEN',
      message: 'Cognito returned a token whose claims cannot be read.',
      detail: exceptionMessage(e),
    });
  }
}

function expiryOf(jwt: string): number {
  const exp = decodeJwtClaims(jwt).exp;
  if (typeof exp !== 'number')
    throw new AppError({
      code: 'BAD_TOKEN',
      message: 'Cognito returned a token without an expiry.',
    });
  return exp * 1000;
}

export class TokenManager {
  private readonly refreshing = new Map<string, Promise<StoredTokens>>();

  constructor(private readonly deps: TokenManagerDeps) {}

  /** Saves the tokens of a completed sign-in. */
  async store(
    profileId: string,
    result: AuthenticationResultType,
    meta: { userIdForSrp: string; typedUsername?: string; deviceKey?: string },
  ): Promise<StoredTokens> {
    if (!result.IdToken || !result.AccessToken || !result.RefreshToken) {
      throw new AppError({
        code: 'BAD_TOKEN',
        message: 'Cognito finished the sign-in without returning all three tokens.',
      });
    }
    const tokens: StoredTokens = {
      idToken: result.IdToken,
      accessToken: result.AccessToken,
      refreshToken: result.RefreshToken,
      userIdForSrp: meta.userIdForSrp,
      issuedAt: this.deps.clock.now(),
      accessTokenExpiresAt: expiryOf(result.AccessToken),
      idTokenExpiresAt: expiryOf(result.IdToken),
    };
    if (meta.deviceKey) tokens.deviceKey = meta.deviceKey;
    if (meta.typedUsername) tokens.typedUsername = meta.typedUsername;
    await this.save(profileId, tokens);
    this.deps.onChange(profileId, 'signed-in');
    return tokens;
  }

  async load(profileId: string): Promise<StoredTokens | undefined> {
    const raw = await this.deps.secrets.get(secretKeys.tokens(profileId));
    if (raw === undefined) return undefined;
    try {
      return JSON.parse(raw) as StoredTokens;
    } catch {
      // A token record we cannot read is as good as none: the user signs in again.
      await this.deps.secrets.delete(secretKeys.tokens(profileId));
      return undefined;
    }
  }

  async summary(profileId: string): Promise<SignedInView | null> {
    const tokens = await this.load(profileId);
    return tokens ? summarize(profileId, tokens) : null;
  }

  /** Profiles with stored tokens. */
  async signedInProfiles(): Promise<string[]> {
    const keys = await this.deps.secrets.keys('cognito/');
    return keys
      .filter((k) => k.endsWith('/tokens'))
      .map((k) => decodeURIComponent(k.slice('cognito/'.length, -'/tokens'.length)));
  }

  /** A valid access token, refreshed first when it is about to expire. */
  async accessToken(profileId: string): Promise<string> {
    const tokens = await this.load(profileId);
    if (!tokens) throw notSignedIn();
    if (tokens.accessTokenExpiresAt - this.deps.clock.now() > REFRESH_MARGIN_MS)
      return tokens.accessToken;
    return (await this.refresh(profileId)).accessToken;
  }

  /** Refreshes now. Concurrent callers share one call to Cognito. */
  refresh(profileId: string): Promise<StoredTokens> {
    const inFlight = this.refreshing.get(profileId);
    if (inFlight) return inFlight;
    const run = this.doRefresh(profileId).finally(() => this.refreshing.delete(profileId));
    this.refreshing.set(profileId, run);
    return run;
  }

  /** When the next refresh is due (ms since epoch), or undefined when signed out. */
  async refreshDueAt(profileId: string): Promise<number | undefined> {
    const tokens = await this.load(profileId);
    return tokens
      ? Math.min(tokens.accessTokenExpiresAt, tokens.idTokenExpiresAt) - REFRESH_MARGIN_MS
      : undefined;
  }

  /** RevokeToken, then forget the tokens here. The local copy goes even when revocation fails. */
  async signOut(profileId: string): Promise<void> {
    const tokens = await this.load(profileId);
    if (!tokens) return;
    const profile = await this.deps.profile(profileId);
    let failure: unknown;
    try {
      await this.deps.transport(profile).call('RevokeToken', {
        Token: tokens.refreshToken,
        ClientId: profile.clientId,
        ...(profile.clientSecret ? { ClientSecret: profile.clientSecret } : {}),
      });
    } catch (e) {
      failure = e;
    }
    await this.forget(profileId, 'signed-out');
    if (failure !== undefined) throw revocationFailed(failure, profile);
  }

  /** GlobalSignOut: every refresh token of the user, on every device. */
  async signOutEverywhere(profileId: string): Promise<void> {
    const profile = await this.deps.profile(profileId);
    const accessToken = await this.accessToken(profileId);
    try {
      await this.deps.transport(profile).call('GlobalSignOut', { AccessToken: accessToken });
    } catch (e) {
      throw userFacing(e, endpointContext(profile));
    }
    await this.forget(profileId, 'signed-out');
  }

  /** This computer's device was forgotten: refreshes go without its key from now on. */
  async dropDeviceKey(profileId: string): Promise<void> {
    const tokens = await this.load(profileId);
    if (!tokens?.deviceKey) return;
    delete tokens.deviceKey;
    await this.save(profileId, tokens);
  }

  async forget(profileId: string, reason: 'signed-out' | 'expired'): Promise<void> {
    await this.deps.secrets.delete(secretKeys.tokens(profileId));
    this.deps.onChange(profileId, reason);
  }

  private async doRefresh(profileId: string): Promise<StoredTokens> {
    const tokens = await this.load(profileId);
    if (!tokens) throw notSignedIn();
    const profile = await this.deps.profile(profileId);
    const transport = this.deps.transport(profile);
    let result: AuthenticationResultType | undefined;
    let rotation = tokens.rotation === true;
    let deviceKey = tokens.deviceKey;
    for (let attempt = 0; ; attempt++) {
      try {
        result = rotation
          ? await this.viaGetTokens(profile, transport, tokens, deviceKey)
          : await this.viaRefreshFlow(profile, transport, tokens, deviceKey);
        break;
      } catch (e) {
        if (attempt > 0) throw await this.refreshFailed(profileId, profile, e);
        if (!rotation && isRotationRefusal(e)) {
          rotation = true;
        } else if (deviceKey && isDeviceGone(e)) {
          await this.deps.onDeviceGone(profileId, tokens.userIdForSrp);
          deviceKey = undefined;
        } else {
          throw await this.refreshFailed(profileId, profile, e);
        }
      }
    }
    if (!result?.AccessToken || !result.IdToken) {
      throw new AppError({
        code: 'BAD_TOKEN',
        message: 'Cognito answered the refresh without new tokens.',
      });
    }
    const next: StoredTokens = {
      ...tokens,
      idToken: result.IdToken,
      accessToken: result.AccessToken,
      // Rotation: the new refresh token is written before the old one is dropped
      // (both are in this one record, replaced atomically by the store).
      refreshToken: result.RefreshToken ?? tokens.refreshToken,
      issuedAt: this.deps.clock.now(),
      accessTokenExpiresAt: expiryOf(result.AccessToken),
      idTokenExpiresAt: expiryOf(result.IdToken),
    };
    if (rotation) next.rotation = true;
    if (deviceKey) next.deviceKey = deviceKey;
    else delete next.deviceKey;
    await this.save(profileId, next);
    this.deps.onChange(profileId, 'refreshed');
    return next;
  }

  private async viaRefreshFlow(
    profile: ResolvedProfile,
    transport: CognitoTransport,
    tokens: StoredTokens,
    deviceKey: string | undefined,
  ): Promise<AuthenticationResultType | undefined> {
    const params: Record<string, string> = { REFRESH_TOKEN: tokens.refreshToken };
    if (deviceKey) params.DEVICE_KEY = deviceKey;
    if (profile.clientSecret)
      params.SECRET_HASH = secretHash(profile.clientSecret, tokens.userIdForSrp, profile.clientId);
    const out = await transport.call('InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: profile.clientId,
      AuthParameters: params,
      ...(profile.clientMetadata ? { ClientMetadata: profile.clientMetadata } : {}),
    });
    return out.AuthenticationResult;
  }

  private async viaGetTokens(
    profile: ResolvedProfile,
    transport: CognitoTransport,
    tokens: StoredTokens,
    deviceKey: string | undefined,
  ): Promise<AuthenticationResultType | undefined> {
    const out = await transport.call('GetTokensFromRefreshToken', {
      RefreshToken: tokens.refreshToken,
      ClientId: profile.clientId,
      ...(profile.clientSecret ? { ClientSecret: profile.clientSecret } : {}),
      ...(deviceKey ? { DeviceKey: deviceKey } : {}),
      ...(profile.clientMetadata ? { ClientMetadata: profile.clientMetadata } : {}),
    });
    return out.AuthenticationResult;
  }

  private async refreshFailed(
    profileId: string,
    profile: ResolvedProfile,
    e: unknown,
  ): Promise<AppError> {
    const error = toAppError(e, endpointContext(profile));
    // Only a refused refresh token ends the sign-in; a network blip keeps it.
    if (error.code === 'REFRESH_EXPIRED' || error.code === 'SIGNED_OUT')
      await this.forget(profileId, 'expired');
    return error;
  }

  private async save(profileId: string, tokens: StoredTokens): Promise<void> {
    await this.deps.secrets.set(secretKeys.tokens(profileId), JSON.stringify(tokens));
  }
}

function isRotationRefusal(e: unknown): boolean {
  return (
    exceptionName(e) === 'NotAuthorizedException' &&
    /rotation|GetTokensFromRefreshToken/i.test(exceptionMessage(e))
  );
}

function notSignedIn(): AppError {
  return new AppError({
    code: 'NOT_SIGNED_IN',
    message: 'This profile is not signed in. Sign in first.',
  });
}

function endpointContext(profile: ResolvedProfile) {
  return { endpoint: profile.endpoint ?? `Cognito in ${profile.region}` };
}

function revocationFailed(e: unknown, profile: ResolvedProfile): AppError {
  const cause = toAppError(e, endpointContext(profile));
  return new AppError({
    code: 'REVOKE_FAILED',
    message: `Signed out on this computer, but Cognito did not confirm that the refresh token was revoked: ${cause.message}`,
    retryable: cause.retryable,
    detail: cause.detail,
  });
}

export function summarize(profileId: string, tokens: StoredTokens): SignedInView {
  const claims = decodeJwtClaims(tokens.idToken);
  const groups = claims['cognito:groups'];
  const view: SignedInView = {
    profileId,
    username:
      typeof claims['cognito:username'] === 'string'
        ? claims['cognito:username']
        : tokens.userIdForSrp,
    groups: Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : [],
    accessTokenExpiresAt: tokens.accessTokenExpiresAt,
    idTokenExpiresAt: tokens.idTokenExpiresAt,
    refreshedAt: tokens.issuedAt,
    deviceKnown: Boolean(tokens.deviceKey),
  };
  if (typeof claims.email === 'string') view.email = claims.email;
  return view;
}
