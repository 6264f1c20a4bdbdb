/**
 * The IdentityPoolPort over AWS SDK v3's Cognito Identity client. One client
 * per endpoint and region, kept for the app's life; both operations are
 * unsigned (the ID token in Logins is the authorization), so the client never
 * looks for AWS credentials of its own.
 */
import {
  CognitoIdentityClient,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
} from '@aws-sdk/client-cognito-identity';
import type { AwsCredentials, IdentityPoolPort } from '../core/cli-bridge/aws-credentials';
import { exceptionMessage, exceptionName, httpStatusOf } from '../core/cognito/errors';
import { AppError } from '../core/errors';

export function createIdentityPoolTransport(
  options: { requestTimeoutMs?: number } = {},
): IdentityPoolPort & { destroy(): void } {
  const clients = new Map<string, CognitoIdentityClient>();
  const clientFor = (region: string, endpoint: string | undefined) => {
    const key = `${region}\n${endpoint ?? ''}`;
    let client = clients.get(key);
    if (!client) {
      client = new CognitoIdentityClient({
        region,
        ...(endpoint ? { endpoint } : {}),
        maxAttempts: 2,
        requestHandler: { requestTimeout: options.requestTimeoutMs ?? 15_000 },
      });
      clients.set(key, client);
    }
    return client;
  };

  return {
    async getId({ endpoint, pool, idToken }) {
      try {
        const { IdentityId } = await clientFor(pool.region, endpoint).send(
          new GetIdCommand({ IdentityPoolId: pool.id, Logins: { [pool.providerName]: idToken } }),
        );
        if (!IdentityId)
          throw new AppError({
            code: 'IDENTITY_POOL_REFUSED',
            message: 'The identity pool gave no identity.',
          });
        return IdentityId;
      } catch (error) {
        throw identityError(error, pool.id);
      }
    },
    async getCredentials({ endpoint, pool, identityId, idToken }): Promise<AwsCredentials> {
      try {
        const { Credentials: c } = await clientFor(pool.region, endpoint).send(
          new GetCredentialsForIdentityCommand({
            IdentityId: identityId,
            Logins: { [pool.providerName]: idToken },
          }),
        );
        if (!c?.AccessKeyId || !c.SecretKey || !c.SessionToken || !c.Expiration) {
          throw new AppError({
            code: 'IDENTITY_POOL_REFUSED',
            message: 'The identity pool answered without complete credentials.',
          });
        }
        return {
          accessKeyId: c.AccessKeyId,
          secretAccessKey: c.SecretKey,
          sessionToken: c.SessionToken,
          expiresAt: c.Expiration.getTime(),
        };
      } catch (error) {
        throw identityError(error, pool.id);
      }
    },
    destroy() {
      for (const client of clients.values()) client.destroy();
      clients.clear();
    },
  };
}

/** AWS's own message is kept: it names the problem ("Invalid login token. Incorrect token audience.") and no secret. */
function identityError(error: unknown, poolId: string): AppError {
  if (error instanceof AppError) return error;
  const name = exceptionName(error);
  const message = exceptionMessage(error).slice(0, 300);
  if (name === 'NotAuthorizedException' || name === 'InvalidParameterException') {
    return new AppError({
      code: 'IDENTITY_POOL_REFUSED',
      message: `The identity pool ${poolId} refused the sign-in: ${message}`,
    });
  }
  if (name === 'ResourceNotFoundException') {
    return new AppError({
      code: 'IDENTITY_POOL_REFUSED',
      message: `The identity pool ${poolId} was not found (${message}). Check its id and region in the profile.`,
    });
  }
  const status = httpStatusOf(error);
  if (status === undefined || status >= 500 || name === 'TooManyRequestsException') {
    return new AppError({
      code: 'NETWORK',
      message: `AWS credentials could not be fetched from the identity pool: ${message}`,
      retryable: true,
    });
  }
  return new AppError({
    code: 'IDENTITY_POOL_REFUSED',
    message: `The identity pool ${poolId} refused the request: ${message}`,
  });
}
