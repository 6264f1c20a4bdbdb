/**
 * What every call of one sign-in attempt carries: the pool's username once
 * Cognito names it, the current Session and when it lapses, SECRET_HASH and
 * the profile's metadata. The typed name is only sent until Cognito answers
 * with USER_ID_FOR_SRP, because SECRET_HASH must match the name Cognito uses.
 */
import type {
  ChallengeNameType,
  InitiateAuthCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { AppError } from '../errors';
import type { Clock } from '../ports';
import type { ResolvedProfile } from './profiles';
import { secretHash } from './secret-hash';
import type { CognitoTransport } from '../ports';

export type ChallengeOutput = Pick<
  InitiateAuthCommandOutput,
  | 'ChallengeName'
  | 'ChallengeParameters'
  | 'Session'
  | 'AuthenticationResult'
  | 'AvailableChallenges'
>;

export class AuthSession {
  username = '';
  userId: string | undefined;
  /** Cognito's Session for the next call: each answer hands out a new one. */
  current: string | undefined;
  expiresAt: number | undefined;

  constructor(
    readonly profile: ResolvedProfile,
    readonly transport: CognitoTransport,
    private readonly clock: Clock,
  ) {}

  initiate(
    authFlow: 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH' | 'CUSTOM_AUTH' | 'USER_AUTH',
    parameters: Record<string, string>,
  ): Promise<ChallengeOutput> {
    return this.transport.call('InitiateAuth', {
      AuthFlow: authFlow,
      ClientId: this.profile.clientId,
      AuthParameters: {
        USERNAME: this.username,
        ...parameters,
        ...this.secretHash(this.username),
      },
      ...this.metadata(),
    });
  }

  async respond(
    name: ChallengeNameType,
    responses: Record<string, string>,
  ): Promise<ChallengeOutput> {
    this.assertAlive();
    const username = this.userId ?? this.username;
    return this.transport.call('RespondToAuthChallenge', {
      ClientId: this.profile.clientId,
      ChallengeName: name,
      ...(this.current ? { Session: this.current } : {}),
      ChallengeResponses: { USERNAME: username, ...responses, ...this.secretHash(username) },
      ...this.metadata(),
    });
  }

  setSession(session: string): void {
    this.current = session;
    this.expiresAt = this.clock.now() + this.profile.authSessionValidityMinutes * 60_000;
  }

  clearSession(): void {
    this.current = undefined;
    this.expiresAt = undefined;
  }

  assertAlive(): void {
    if (this.expiresAt !== undefined && this.clock.now() >= this.expiresAt) {
      throw new AppError({
        code: 'SESSION_EXPIRED',
        message: 'The sign-in session expired.',
        retryable: true,
      });
    }
  }

  now(): Date {
    return new Date(this.clock.now());
  }

  errorContext() {
    const p = this.profile;
    const context: { endpoint: string; passwordPolicy?: typeof p.passwordPolicy } = {
      endpoint: p.endpoint ?? `Cognito in ${p.region}`,
    };
    if (p.passwordPolicy) context.passwordPolicy = p.passwordPolicy;
    return context;
  }

  private secretHash(username: string): { SECRET_HASH?: string } {
    const secret = this.profile.clientSecret;
    return secret ? { SECRET_HASH: secretHash(secret, username, this.profile.clientId) } : {};
  }

  private metadata() {
    const p = this.profile;
    return {
      ...(p.clientMetadata ? { ClientMetadata: p.clientMetadata } : {}),
      ...(p.analyticsEndpointId
        ? { AnalyticsMetadata: { AnalyticsEndpointId: p.analyticsEndpointId } }
        : {}),
      ...(p.userContextData ? { UserContextData: { EncodedData: p.userContextData } } : {}),
    };
  }
}
