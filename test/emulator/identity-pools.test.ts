/**
 * GetId and GetCredentialsForIdentity, driven by AWS's own SDK v3 Cognito
 * Identity client over HTTP, with ID tokens the emulator's demo pool issued.
 */
import {
  CognitoIdentityClient,
  CognitoIdentityServiceException,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
} from '@aws-sdk/client-cognito-identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_IDENTITY_POOL_ID,
  DEMO_PASSWORD,
  DEMO_POOL_ID,
  DEMO_PUBLIC_CLIENT_ID,
  DEMO_USERNAME,
  demoSeed,
  startEmulator,
} from '../../emulator/index.js';
import type { Emulator } from '../../emulator/index.js';
import { rejection } from '../helpers/rejection';
import { ok } from './helpers.js';

let emu: Emulator;
let client: CognitoIdentityClient;
const provider = `cognito-idp.us-east-1.amazonaws.com/${DEMO_POOL_ID}`;

beforeAll(async () => {
  emu = await startEmulator({ seed: demoSeed });
  client = new CognitoIdentityClient({ region: 'us-east-1', endpoint: emu.url });
});
afterAll(async () => {
  client.destroy();
  await emu.close();
});

async function signIn(clientId = DEMO_PUBLIC_CLIENT_ID): Promise<string> {
  const { AuthenticationResult } = await ok<{
    AuthenticationResult: { IdToken: string; AccessToken: string };
  }>(emu.url, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: clientId,
    AuthParameters: { USERNAME: DEMO_USERNAME, PASSWORD: DEMO_PASSWORD },
  });
  return AuthenticationResult.IdToken;
}

/** The AWS exception a call fails with (not a network error or the SDK's own). */
const awsRejection = (promise: Promise<unknown>) =>
  rejection(promise, CognitoIdentityServiceException);

describe('identity pools', () => {
  it('gives one identity per user and credentials that expire in an hour', async () => {
    const idToken = await signIn();
    const first = await client.send(
      new GetIdCommand({ IdentityPoolId: DEMO_IDENTITY_POOL_ID, Logins: { [provider]: idToken } }),
    );
    expect(first.IdentityId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
    const again = await client.send(
      new GetIdCommand({
        IdentityPoolId: DEMO_IDENTITY_POOL_ID,
        Logins: { [provider]: await signIn() },
      }),
    );
    expect(again.IdentityId).toBe(first.IdentityId);

    const { Credentials } = await client.send(
      new GetCredentialsForIdentityCommand({
        IdentityId: first.IdentityId,
        Logins: { [provider]: idToken },
      }),
    );
    expect(Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(Credentials?.SecretKey?.length).toBe(40);
    expect(Credentials?.SessionToken?.length).toBeGreaterThan(100);
    expect(Credentials?.Expiration).toBeInstanceOf(Date);
    const lifetime = Credentials!.Expiration!.getTime() - emu.clock.now();
    expect(lifetime).toBeGreaterThan(3590_000);
    expect(lifetime).toBeLessThanOrEqual(3600_000);
  });

  it('refuses an unknown identity pool or identity as AWS does', async () => {
    const idToken = await signIn();
    expect(
      await awsRejection(
        client.send(
          new GetIdCommand({
            IdentityPoolId: 'us-east-1:00000000-0000-4000-8000-000000000000',
            Logins: { [provider]: idToken },
          }),
        ),
      ),
    ).toMatchObject({
      name: 'ResourceNotFoundException',
      message: "IdentityPool 'us-east-1:00000000-0000-4000-8000-000000000000' not found.",
    });
    expect(
      await awsRejection(
        client.send(
          new GetCredentialsForIdentityCommand({
            IdentityId: 'us-east-1:00000000-0000-4000-8000-000000000000',
            Logins: { [provider]: idToken },
          }),
        ),
      ),
    ).toMatchObject({
      name: 'ResourceNotFoundException',
      message: "Identity 'us-east-1:00000000-0000-4000-8000-000000000000' not found.",
    });
  });

  it('checks the token: signature, issuer, audience, expiry, token use', async () => {
    const idToken = await signIn();
    const getId = (logins: Record<string, string>) =>
      awsRejection(
        client.send(new GetIdCommand({ IdentityPoolId: DEMO_IDENTITY_POOL_ID, Logins: logins })),
      );
    const [head, body, signature] = idToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    const forged = (change: Record<string, unknown>) =>
      `${head}.${Buffer.from(JSON.stringify({ ...claims, ...change })).toString('base64url')}.${signature}`;

    expect(await getId({ [provider]: forged({ sub: 'someone-else' }) })).toMatchObject({
      name: 'NotAuthorizedException',
      message: "Invalid login token. Couldn't verify signed token.",
    });
    expect(await getId({ [provider]: forged({ iss: 'https://example.com/pool' }) })).toMatchObject({
      name: 'NotAuthorizedException',
      message: "Invalid login token. Issuer doesn't match providerName",
    });
    expect(await getId({ 'accounts.google.com': idToken })).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Token is not from a supported provider of this identity pool.',
    });
    expect(await getId({})).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Unauthenticated access is not supported for this identity pool.',
    });

    const { AuthenticationResult } = await ok<{ AuthenticationResult: { AccessToken: string } }>(
      emu.url,
      'InitiateAuth',
      {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: DEMO_PUBLIC_CLIENT_ID,
        AuthParameters: { USERNAME: DEMO_USERNAME, PASSWORD: DEMO_PASSWORD },
      },
    );
    expect(await getId({ [provider]: AuthenticationResult.AccessToken })).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid login token. Not a valid OpenId Connect identity token.',
    });

    // A client the identity pool does not list: the audience check.
    const other = await emu.admin.createClient(DEMO_POOL_ID, {
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
    });
    expect(await getId({ [provider]: await signIn(other.clientId) })).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid login token. Incorrect token audience.',
    });

    const stale = await signIn();
    emu.clock.advance(2 * 3600_000);
    try {
      const refused = await getId({ [provider]: stale });
      expect(refused.name).toBe('NotAuthorizedException');
      expect(refused.message).toMatch(/^Invalid login token\. Token expired: \d+ >= \d+$/);
    } finally {
      emu.clock.advance(-2 * 3600_000);
    }
  });

  it("refuses credentials for someone else's identity", async () => {
    const mine = await client.send(
      new GetIdCommand({
        IdentityPoolId: DEMO_IDENTITY_POOL_ID,
        Logins: { [provider]: await signIn() },
      }),
    );
    await emu.admin.createUser(DEMO_POOL_ID, 'other', DEMO_PASSWORD);
    const { AuthenticationResult } = await ok<{ AuthenticationResult: { IdToken: string } }>(
      emu.url,
      'InitiateAuth',
      {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: DEMO_PUBLIC_CLIENT_ID,
        AuthParameters: { USERNAME: 'other', PASSWORD: DEMO_PASSWORD },
      },
    );
    expect(
      await awsRejection(
        client.send(
          new GetCredentialsForIdentityCommand({
            IdentityId: mine.IdentityId,
            Logins: { [provider]: AuthenticationResult.IdToken },
          }),
        ),
      ),
    ).toMatchObject({
      name: 'NotAuthorizedException',
      message:
        "Logins don't match. Please include at least one valid login for this identity or identity pool.",
    });
  });
});
