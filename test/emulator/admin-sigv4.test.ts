import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminResetUserPasswordCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetUserPoolMfaConfigCommand,
  InitiateAuthCommand,
  ListUserPoolsCommand,
  ListUsersCommand,
  SetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { startEmulator } from '../../emulator/index.js';
import type { Emulator } from '../../emulator/index.js';
import { secretHash } from './helpers.js';

let emu: Emulator;
let sdk: CognitoIdentityProviderClient;

const clientWith = (credentials: { accessKeyId: string; secretAccessKey: string }) =>
  new CognitoIdentityProviderClient({
    endpoint: emu.url,
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
  });

beforeAll(async () => {
  emu = await startEmulator();
  sdk = clientWith(emu.credentials);
});
afterAll(async () => {
  sdk.destroy();
  await emu.close();
});

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: Error) => e,
  );

describe('SigV4', () => {
  it('refuses an unsigned admin call with MissingAuthenticationTokenException', async () => {
    const res = await fetch(emu.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': 'AWSCognitoIdentityProviderService.ListUserPools',
      },
      body: JSON.stringify({ MaxResults: 10 }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException:');
  });

  it('refuses an unknown access key with UnrecognizedClientException', async () => {
    const other = clientWith({
      accessKeyId: 'AKIDSOMEONEELSE00000',
      secretAccessKey: emu.credentials.secretAccessKey,
    });
    const err = await errorOf(other.send(new ListUserPoolsCommand({ MaxResults: 10 })));
    expect(err?.name).toBe('UnrecognizedClientException');
  });

  it('refuses a signature made with the wrong secret key', async () => {
    const wrong = clientWith({
      accessKeyId: emu.credentials.accessKeyId,
      secretAccessKey: 'not-the-secret',
    });
    const err = await errorOf(wrong.send(new ListUserPoolsCommand({ MaxResults: 10 })));
    expect(err?.name).toBe('InvalidSignatureException');
  });

  it('refuses a request whose body changed after signing', async () => {
    const tampering = clientWith(emu.credentials);
    type Middleware = Parameters<typeof tampering.middlewareStack.addRelativeTo>[0];
    type Next = Parameters<Middleware>[0];
    type Args = Parameters<Next>[0];
    tampering.middlewareStack.addRelativeTo(
      (next: Next) => (args: Args) => {
        const request = (args as { request: { body: string | Uint8Array } }).request;
        const text =
          typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body);
        request.body = text.replace('"MaxResults":10', '"MaxResults":11');
        return next(args as Parameters<Next>[0] & { request: unknown });
      },
      { relation: 'after', toMiddleware: 'httpSigningMiddleware', name: 'tamper' },
    );
    const err = await errorOf(tampering.send(new ListUserPoolsCommand({ MaxResults: 10 })));
    expect(err?.name).toBe('InvalidSignatureException');
    // The same call, untampered, goes through.
    await expect(sdk.send(new ListUserPoolsCommand({ MaxResults: 10 }))).resolves.toBeDefined();
  });

  it('refuses a signature dated outside the five-minute window', async () => {
    const skewed = new CognitoIdentityProviderClient({
      endpoint: emu.url,
      region: 'us-east-1',
      credentials: emu.credentials,
      maxAttempts: 1,
      systemClockOffset: -10 * 60_000,
    });
    const err = await errorOf(skewed.send(new ListUserPoolsCommand({ MaxResults: 10 })));
    expect(err?.name).toBe('InvalidSignatureException');
    expect(err?.message).toMatch(/^Signature expired/);
  });

  it('accepts configured credentials instead of the default pair', async () => {
    const custom = await startEmulator({
      credentials: { accessKeyId: 'AKIDCUSTOM0000000000', secretAccessKey: 'custom-secret' },
    });
    try {
      const c = new CognitoIdentityProviderClient({
        endpoint: custom.url,
        region: 'us-east-1',
        credentials: custom.credentials,
        maxAttempts: 1,
      });
      await expect(c.send(new ListUserPoolsCommand({ MaxResults: 1 }))).resolves.toMatchObject({
        UserPools: [],
      });
      const d = new CognitoIdentityProviderClient({
        endpoint: custom.url,
        region: 'us-east-1',
        credentials: emu.credentials,
        maxAttempts: 1,
      });
      expect((await errorOf(d.send(new ListUserPoolsCommand({ MaxResults: 1 }))))?.name).toBe(
        'UnrecognizedClientException',
      );
    } finally {
      await custom.close();
    }
  });
});

describe('pool and user administration through the AWS SDK', () => {
  it('validates requests the way AWS does', async () => {
    const err = await errorOf(sdk.send(new CreateUserPoolCommand({ PoolName: '' })));
    expect(err?.name).toBe('InvalidParameterException');
    const missing = await errorOf(
      sdk.send(new DescribeUserPoolCommand({ UserPoolId: 'us-east-1_Nope12345' })),
    );
    expect(missing?.name).toBe('ResourceNotFoundException');
  });

  it('runs a pool through its life cycle', async () => {
    const created = await sdk.send(
      new CreateUserPoolCommand({
        PoolName: 'sdk pool',
        MfaConfiguration: 'OFF',
        DeviceConfiguration: {
          ChallengeRequiredOnNewDevice: true,
          DeviceOnlyRememberedOnUserPrompt: true,
        },
        Policies: { PasswordPolicy: { MinimumLength: 10, RequireNumbers: true } },
        AliasAttributes: ['email'],
      }),
    );
    const poolId = created.UserPool!.Id!;
    expect(poolId).toMatch(/^us-east-1_[0-9A-Za-z]{9}$/);
    const described = await sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    expect(described.UserPool).toMatchObject({
      Name: 'sdk pool',
      DeviceConfiguration: { DeviceOnlyRememberedOnUserPrompt: true },
      Policies: { PasswordPolicy: { MinimumLength: 10 } },
    });
    expect(described.UserPool!.CreationDate).toBeInstanceOf(Date);
    expect(
      (await sdk.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools!.map((p) => p.Id),
    ).toContain(poolId);

    const mfa = await sdk.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: poolId,
        MfaConfiguration: 'OPTIONAL',
        SoftwareTokenMfaConfiguration: { Enabled: true },
      }),
    );
    expect(mfa).toMatchObject({
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });
    expect(await sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }))).toMatchObject({
      MfaConfiguration: 'OPTIONAL',
    });

    const client = (
      await sdk.send(
        new CreateUserPoolClientCommand({
          UserPoolId: poolId,
          ClientName: 'app',
          GenerateSecret: true,
          ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
          AuthSessionValidity: 5,
        }),
      )
    ).UserPoolClient!;
    expect(client.ClientSecret).toMatch(/^[a-z0-9]{52}$/);
    expect(
      (
        await sdk.send(
          new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: client.ClientId! }),
        )
      ).UserPoolClient,
    ).toMatchObject({ AuthSessionValidity: 5, EnableTokenRevocation: true });

    const weak = await errorOf(
      sdk.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: 'hank',
          TemporaryPassword: 'short1',
        }),
      ),
    );
    expect(weak?.name).toBe('InvalidPasswordException');
    await sdk.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: 'hank',
        UserAttributes: [
          { Name: 'email', Value: 'hank@example.com' },
          { Name: 'email_verified', Value: 'true' },
        ],
        DesiredDeliveryMediums: ['EMAIL'],
      }),
    );
    const invitation = emu.outbox.last('hank', 'TEMPORARY_PASSWORD')!;
    expect(invitation.destination).toBe('hank@example.com');
    const dup = await errorOf(
      sdk.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: 'hank',
          MessageAction: 'SUPPRESS',
        }),
      ),
    );
    expect(dup?.name).toBe('UsernameExistsException');
    expect(
      (await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'hank' })))
        .UserStatus,
    ).toBe('FORCE_CHANGE_PASSWORD');

    await sdk.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: 'ivy',
        MessageAction: 'SUPPRESS',
        TemporaryPassword: 'Temporary-12',
      }),
    );
    const byName = await sdk.send(
      new ListUsersCommand({ UserPoolId: poolId, Filter: 'username ^= "h"' }),
    );
    expect(byName.Users!.map((u) => u.Username)).toEqual(['hank']);
    const byEmail = await sdk.send(
      new ListUsersCommand({ UserPoolId: poolId, Filter: 'email = "hank@example.com"' }),
    );
    expect(byEmail.Users).toHaveLength(1);
    expect(
      (
        await errorOf(
          sdk.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'shoe_size = "9"' })),
        )
      )?.name,
    ).toBe('InvalidParameterException');

    const password = 'Permanent-Pass-1';
    await sdk.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: poolId,
        Username: 'hank',
        Password: password,
        Permanent: true,
      }),
    );
    const signIn = () =>
      sdk.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: client.ClientId!,
          AuthParameters: {
            USERNAME: 'hank@example.com',
            PASSWORD: password,
            SECRET_HASH: secretHash(client.ClientSecret!, 'hank@example.com', client.ClientId!),
          },
        }),
      );
    expect((await signIn()).AuthenticationResult?.AccessToken).toBeTruthy();

    await sdk.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: 'hank' }));
    expect((await errorOf(signIn()))?.message).toBe('User is disabled.');
    await sdk.send(new AdminEnableUserCommand({ UserPoolId: poolId, Username: 'hank' }));

    await sdk.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: 'hank' }));
    expect((await errorOf(signIn()))?.name).toBe('PasswordResetRequiredException');
    const code = emu.outbox.last('hank', 'FORGOT_PASSWORD')!.code;
    await sdk.send(
      new ConfirmForgotPasswordCommand({
        ClientId: client.ClientId!,
        Username: 'hank',
        ConfirmationCode: code,
        Password: password,
        SecretHash: secretHash(client.ClientSecret!, 'hank', client.ClientId!),
      }),
    );
    expect((await signIn()).AuthenticationResult).toBeDefined();

    await sdk.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: 'hank' }));
    expect(
      (await errorOf(sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'hank' }))))
        ?.name,
    ).toBe('UserNotFoundException');
    expect(await errorOf(signIn())).toMatchObject({
      name: 'UserNotFoundException',
      message: 'User does not exist.',
    });

    await sdk.send(new DeleteUserPoolCommand({ UserPoolId: poolId }));
    expect(
      (await errorOf(sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))))?.name,
    ).toBe('ResourceNotFoundException');
  });
});
