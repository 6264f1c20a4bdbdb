/**
 * The operations the admin console needs, driven by the AWS SDK over SigV4:
 * groups, attribute updates, the lost-phone reset, sign-in events, app
 * clients, ListUsers filters and paging, and the restricted key pair.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminAddUserToGroupCommand,
  AdminDeleteSoftwareTokenCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminListUserAuthEventsCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  DescribeUserPoolCommand,
  InitiateAuthCommand,
  ListGroupsCommand,
  ListUserPoolClientsCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { startEmulator } from '../../emulator/index.js';
import type { Emulator } from '../../emulator/index.js';

const RESTRICTED = {
  accessKeyId: 'AKIDRESTRICTED000000',
  secretAccessKey: 'restricted-local-secret',
  allowedActions: ['ListUsers', 'AdminGetUser'],
};
const PASSWORD = 'Correct-Horse-9!';
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

let emu: Emulator;
let sdk: CognitoIdentityProviderClient;
let poolId: string;
let clientId: string;

const clientWith = (credentials: { accessKeyId: string; secretAccessKey: string }) =>
  new CognitoIdentityProviderClient({
    endpoint: emu.url,
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
  });

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: Error) => e,
  );

beforeAll(async () => {
  emu = await startEmulator({ restrictedCredentials: RESTRICTED });
  sdk = clientWith(emu.credentials);
  await emu.admin.seed({
    pools: [
      {
        name: 'console',
        mfaConfiguration: 'OPTIONAL',
        totp: true,
        threatProtection: 'AUDIT',
        clients: [
          { name: 'web', explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] },
          { name: 'cli', explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] },
        ],
        users: [
          {
            username: 'alice',
            password: PASSWORD,
            attributes: { email: 'alice@example.com', email_verified: 'true', name: 'Alice' },
            totpSecret: TOTP_SECRET,
            mfaEnabled: ['SOFTWARE_TOKEN_MFA'],
            mfaPreferred: 'SOFTWARE_TOKEN_MFA',
            groups: ['staff'],
          },
          { username: 'bob', password: PASSWORD, attributes: { email: 'bob@example.org' } },
          { username: 'carol', password: PASSWORD, temporary: true, enabled: false },
        ],
      },
    ],
  });
  const pool = Object.values(emu.state().pools).find((p) => p.name === 'console')!;
  poolId = pool.id;
  clientId = Object.values(pool.clients).find((c) => c.name === 'web')!.id;
});
afterAll(async () => {
  sdk.destroy();
  await emu.close();
});

describe('groups', () => {
  it('creates, lists, adds to and removes from groups; a seed group lists like a created one', async () => {
    const { Group } = await sdk.send(
      new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'admins', Precedence: 1 }),
    );
    expect(Group).toMatchObject({ GroupName: 'admins', UserPoolId: poolId, Precedence: 1 });
    expect(Group?.CreationDate).toBeInstanceOf(Date);
    const dup = await errorOf(
      sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'admins' })),
    );
    expect(dup?.name).toBe('GroupExistsException');

    const { Groups } = await sdk.send(new ListGroupsCommand({ UserPoolId: poolId }));
    expect(Groups?.map((g) => g.GroupName)).toEqual(['admins', 'staff']);

    await sdk.send(
      new AdminAddUserToGroupCommand({
        UserPoolId: poolId,
        Username: 'alice',
        GroupName: 'admins',
      }),
    );
    const mine = await sdk.send(
      new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: 'alice', Limit: 1 }),
    );
    expect(mine.Groups?.map((g) => g.GroupName)).toEqual(['admins']);
    const rest = await sdk.send(
      new AdminListGroupsForUserCommand({
        UserPoolId: poolId,
        Username: 'alice',
        NextToken: mine.NextToken,
      }),
    );
    expect(rest.Groups?.map((g) => g.GroupName)).toEqual(['staff']);
    expect(rest.NextToken).toBeUndefined();

    await sdk.send(
      new AdminRemoveUserFromGroupCommand({
        UserPoolId: poolId,
        Username: 'alice',
        GroupName: 'admins',
      }),
    );
    expect(emu.state().pools[poolId]!.users.alice!.groups).toEqual(['staff']);
    const missing = await errorOf(
      sdk.send(
        new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'bob', GroupName: 'nope' }),
      ),
    );
    expect(missing?.name).toBe('ResourceNotFoundException');
  });
});

describe('AdminUpdateUserAttributes', () => {
  it('changes attributes, unverifies a changed email and refuses sub', async () => {
    await sdk.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: poolId,
        Username: 'bob',
        UserAttributes: [
          { Name: 'email', Value: 'bob@example.com' },
          { Name: 'name', Value: 'Bob' },
        ],
      }),
    );
    const bob = await sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'bob' }));
    const attrs = Object.fromEntries(bob.UserAttributes!.map((a) => [a.Name, a.Value]));
    expect(attrs).toMatchObject({ email: 'bob@example.com', name: 'Bob', email_verified: 'false' });
    const sub = await errorOf(
      sdk.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: poolId,
          Username: 'bob',
          UserAttributes: [{ Name: 'sub', Value: 'x' }],
        }),
      ),
    );
    expect(sub?.name).toBe('InvalidParameterException');
    const unknownCustom = await errorOf(
      sdk.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: poolId,
          Username: 'bob',
          UserAttributes: [{ Name: 'custom:team', Value: 'x' }],
        }),
      ),
    );
    expect(unknownCustom?.message).toBe('Attribute does not exist in the schema.');
  });
});

describe('AdminDeleteSoftwareToken', () => {
  it('removes the TOTP factor so the next sign-in asks for a new one', async () => {
    await sdk.send(new AdminDeleteSoftwareTokenCommand({ UserPoolId: poolId, Username: 'alice' }));
    const alice = await sdk.send(
      new AdminGetUserCommand({ UserPoolId: poolId, Username: 'alice' }),
    );
    expect(alice.UserMFASettingList).toBeUndefined();
    expect(alice.PreferredMfaSetting).toBeUndefined();
    expect(emu.state().pools[poolId]!.users.alice!.totp.secret).toBeNull();
    // With MFA OPTIONAL and no factor left, the password alone signs her in.
    const signIn = await sdk.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'alice', PASSWORD },
      }),
    );
    expect(signIn.AuthenticationResult?.AccessToken).toBeTruthy();
  });
});

describe('AdminListUserAuthEvents', () => {
  it('lists sign-ins newest first, failures included, in pages', async () => {
    const wrong = await errorOf(
      sdk.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'bob', PASSWORD: 'Wrong-Passw0rd!' },
        }),
      ),
    );
    expect(wrong?.name).toBe('NotAuthorizedException');
    await sdk.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'bob', PASSWORD },
      }),
    );
    const first = await sdk.send(
      new AdminListUserAuthEventsCommand({ UserPoolId: poolId, Username: 'bob', MaxResults: 1 }),
    );
    expect(first.AuthEvents?.[0]).toMatchObject({ EventType: 'SignIn', EventResponse: 'Pass' });
    expect(first.AuthEvents?.[0]?.CreationDate).toBeInstanceOf(Date);
    const second = await sdk.send(
      new AdminListUserAuthEventsCommand({
        UserPoolId: poolId,
        Username: 'bob',
        NextToken: first.NextToken,
      }),
    );
    expect(second.AuthEvents?.[0]).toMatchObject({ EventResponse: 'Fail' });
  });

  it('is refused where the pool has no threat protection', async () => {
    const { UserPool } = await sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    expect(UserPool?.UserPoolAddOns?.AdvancedSecurityMode).toBe('AUDIT');
    const plain = await emu.admin.createPool({ PoolName: 'plain' });
    await emu.admin.createUser(plain, 'dan', PASSWORD);
    const err = await errorOf(
      sdk.send(new AdminListUserAuthEventsCommand({ UserPoolId: plain, Username: 'dan' })),
    );
    expect(err?.name).toBe('UserPoolAddOnNotEnabledException');
  });
});

describe('ListUserPoolClients', () => {
  it('lists the clients in pages', async () => {
    const first = await sdk.send(
      new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 1 }),
    );
    expect(first.UserPoolClients).toEqual([
      { ClientId: clientId, UserPoolId: poolId, ClientName: 'web' },
    ]);
    const rest = await sdk.send(
      new ListUserPoolClientsCommand({ UserPoolId: poolId, NextToken: first.NextToken }),
    );
    expect(rest.UserPoolClients?.map((c) => c.ClientName)).toEqual(['cli']);
    const bad = await errorOf(
      sdk.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 61 })),
    );
    expect(bad?.name).toBe('InvalidParameterException');
  });
});

describe('ListUsers filters', () => {
  const names = async (Filter: string) =>
    (await sdk.send(new ListUsersCommand({ UserPoolId: poolId, Filter }))).Users?.map(
      (u) => u.Username,
    );

  it('filters by exact value and prefix, status case-insensitively, enabled by its own name', async () => {
    await expect(names('email ^= "bob@"')).resolves.toEqual(['bob']);
    await expect(names('username = "alice"')).resolves.toEqual(['alice']);
    await expect(names('cognito:user_status = "force_change_password"')).resolves.toEqual([
      'carol',
    ]);
    await expect(names('status = "Disabled"')).resolves.toEqual(['carol']);
    await expect(names('')).resolves.toEqual(['alice', 'bob', 'carol']);
    const bad = await errorOf(
      sdk.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'locale = "en"' })),
    );
    expect(bad?.message).toBe('Invalid search attribute: locale');
  });

  it('pages with Limit and PaginationToken', async () => {
    const first = await sdk.send(new ListUsersCommand({ UserPoolId: poolId, Limit: 2 }));
    expect(first.Users?.map((u) => u.Username)).toEqual(['alice', 'bob']);
    const rest = await sdk.send(
      new ListUsersCommand({ UserPoolId: poolId, PaginationToken: first.PaginationToken }),
    );
    expect(rest.Users?.map((u) => u.Username)).toEqual(['carol']);
    expect(rest.PaginationToken).toBeUndefined();
  });
});

describe('the restricted key pair', () => {
  it('may call what it lists and gets AccessDeniedException naming the action otherwise', async () => {
    const limited = clientWith(RESTRICTED);
    try {
      const { Users } = await limited.send(new ListUsersCommand({ UserPoolId: poolId }));
      expect(Users?.length).toBe(3);
      const err = await errorOf(
        limited.send(new AdminDeleteSoftwareTokenCommand({ UserPoolId: poolId, Username: 'bob' })),
      );
      expect(err?.name).toBe('AccessDeniedException');
      expect(err?.message).toContain(
        'is not authorized to perform: cognito-idp:AdminDeleteSoftwareToken',
      );
      expect(err?.message).toContain(`userpool/${poolId}`);
      const badSecret = await errorOf(
        clientWith({ ...RESTRICTED, secretAccessKey: 'wrong' }).send(
          new ListUsersCommand({ UserPoolId: poolId }),
        ),
      );
      expect(badSecret?.name).toBe('InvalidSignatureException');
    } finally {
      limited.destroy();
    }
  });
});
