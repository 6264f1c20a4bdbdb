/**
 * The shapes other tools read credentials in: AWS's credential_process JSON,
 * shell `export` lines, kubectl's ExecCredential, and the environment
 * `cognito-auth exec` gives a command. The CLI prints them and the tray
 * copies the shell lines, so both say exactly the same.
 */
import type { AwsCredentialsValue, ExecEnvValue, TokenValue } from './protocol';

/** RFC 3339 in UTC to the second, as AWS and Kubernetes (metav1.Time) write times. */
export const rfc3339 = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** https://docs.aws.amazon.com/cli/latest/topic/config-vars.html#sourcing-credentials-from-external-processes */
export function credentialProcessJson(credentials: AwsCredentialsValue): string {
  return JSON.stringify({
    Version: 1,
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    SessionToken: credentials.sessionToken,
    Expiration: rfc3339(credentials.expiresAt),
  });
}

export function awsEnvironment(credentials: AwsCredentialsValue): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_SESSION_TOKEN: credentials.sessionToken,
    AWS_CREDENTIAL_EXPIRATION: rfc3339(credentials.expiresAt),
  };
}

/** POSIX `export NAME='value'` lines; the values hold no quote, but are quoted anyway. */
export function shellExports(variables: Record<string, string>): string {
  return Object.entries(variables)
    .map(([name, value]) => `export ${name}='${value.replace(/'/g, `'\\''`)}'`)
    .join('\n');
}

export function execEnvironment(value: ExecEnvValue): Record<string, string> {
  return {
    COGNITO_ID_TOKEN: value.idToken,
    COGNITO_ACCESS_TOKEN: value.accessToken,
    COGNITO_TOKEN_EXPIRATION: rfc3339(value.expiresAt),
    COGNITO_PROFILE: value.profile,
    ...(value.aws ? awsEnvironment(value.aws) : {}),
  };
}

/** https://kubernetes.io/docs/reference/config-api/client-authentication.v1/ */
export function execCredentialJson(token: TokenValue): string {
  return JSON.stringify({
    apiVersion: 'client.authentication.k8s.io/v1',
    kind: 'ExecCredential',
    spec: { interactive: false },
    status: { expirationTimestamp: rfc3339(token.expiresAt), token: token.token },
  });
}
