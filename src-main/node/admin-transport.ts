/**
 * The admin console's transport: AWS SDK v3, SigV4-signed with the AWS
 * credentials the admin already has. A named AWS profile goes through
 * fromIni (static keys, SSO, assume-role, credential_process, web identity);
 * without one, the default Node chain (environment first). The demo pool
 * signs with the emulator's documented local key pair. Credentials stay in
 * the SDK's memory: nothing here writes them anywhere.
 */
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteSoftwareTokenCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminForgetDeviceCommand,
  AdminGetUserAuthFactorsCommand,
  AdminGetUserCommand,
  AdminListUserSessionsCommand,
  AdminRevokeUserSessionCommand,
  AdminListDevicesCommand,
  AdminListGroupsForUserCommand,
  AdminListUserAuthEventsCommand,
  AdminRemoveUserFromGroupCommand,
  AdminResetUserPasswordCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateDeviceStatusCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetUserPoolMfaConfigCommand,
  ListGroupsCommand,
  ListUserPoolClientsCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type {
  AdminIdentity,
  AdminOperationName,
  AdminOutputOf,
  AdminTarget,
  AdminTransport,
} from '../core/admin/transport';

const COMMANDS: Record<AdminOperationName, unknown> = {
  ListUsers: ListUsersCommand,
  AdminGetUser: AdminGetUserCommand,
  AdminListGroupsForUser: AdminListGroupsForUserCommand,
  AdminListDevices: AdminListDevicesCommand,
  AdminListUserAuthEvents: AdminListUserAuthEventsCommand,
  AdminCreateUser: AdminCreateUserCommand,
  AdminResetUserPassword: AdminResetUserPasswordCommand,
  AdminSetUserPassword: AdminSetUserPasswordCommand,
  AdminDeleteSoftwareToken: AdminDeleteSoftwareTokenCommand,
  AdminSetUserMFAPreference: AdminSetUserMFAPreferenceCommand,
  AdminForgetDevice: AdminForgetDeviceCommand,
  AdminUpdateDeviceStatus: AdminUpdateDeviceStatusCommand,
  AdminUserGlobalSignOut: AdminUserGlobalSignOutCommand,
  AdminDisableUser: AdminDisableUserCommand,
  AdminEnableUser: AdminEnableUserCommand,
  AdminDeleteUser: AdminDeleteUserCommand,
  AdminAddUserToGroup: AdminAddUserToGroupCommand,
  AdminRemoveUserFromGroup: AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributes: AdminUpdateUserAttributesCommand,
  ListGroups: ListGroupsCommand,
  DescribeUserPool: DescribeUserPoolCommand,
  GetUserPoolMfaConfig: GetUserPoolMfaConfigCommand,
  ListUserPoolClients: ListUserPoolClientsCommand,
  DescribeUserPoolClient: DescribeUserPoolClientCommand,
  AdminGetUserAuthFactors: AdminGetUserAuthFactorsCommand,
  AdminListUserSessions: AdminListUserSessionsCommand,
  AdminRevokeUserSession: AdminRevokeUserSessionCommand,
};

type Credentials = Awaited<ReturnType<ReturnType<typeof fromIni>>>;
type Provider = () => Promise<Credentials>;

/** Renew temporary credentials this long before they expire. */
const RENEW_BEFORE_MS = 5 * 60_000;

/**
 * One resolution shared by the client and identity(), renewed near expiry,
 * so an assume-role profile is not asked for new keys on every call. A
 * failure is not kept: the next call tries again (after `aws sso login`).
 */
function memoized(provider: Provider): Provider {
  let pending: Promise<Credentials> | undefined;
  return () => {
    if (!pending) {
      pending = provider();
      pending.then(
        (c) => {
          if (c.expiration) {
            const wait = c.expiration.getTime() - Date.now() - RENEW_BEFORE_MS;
            setTimeout(() => (pending = undefined), Math.max(0, wait)).unref();
          }
        },
        () => (pending = undefined),
      );
    }
    return pending;
  };
}

export interface SdkAdminTransportOptions {
  /** The key pair the demo pool's emulator checks (its documented, non-secret local pair). */
  demoCredentials?: { accessKeyId: string; secretAccessKey: string };
  requestTimeoutMs?: number;
}

const hint = (accessKeyId: string) => `key …${accessKeyId.slice(-4)}`;

export function createSdkAdminTransport(
  target: AdminTarget,
  options: SdkAdminTransportOptions = {},
): AdminTransport {
  let credentials: Provider;
  let label: string;
  let source: AdminIdentity['source'];
  if (target.demo && options.demoCredentials) {
    const pair = options.demoCredentials;
    credentials = () => Promise.resolve(pair);
    label = 'the demo emulator’s local key pair';
    source = 'emulator-key';
  } else if (target.awsProfile) {
    credentials = memoized(fromIni({ profile: target.awsProfile }));
    label = `AWS profile “${target.awsProfile}”`;
    source = 'aws-profile';
  } else {
    credentials = memoized(fromNodeProviderChain());
    label = 'the default AWS credentials (environment or default profile)';
    source = 'default-chain';
  }
  const client = new CognitoIdentityProviderClient({
    region: target.region,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    credentials,
    requestHandler: { requestTimeout: options.requestTimeoutMs ?? 15_000 },
  });
  return {
    async call(operation, input) {
      const Command = COMMANDS[operation] as new (
        input: unknown,
      ) => Parameters<typeof client.send>[0];
      const { $metadata: _metadata, ...output } = (await client.send(new Command(input))) as {
        $metadata: unknown;
      };
      return output as AdminOutputOf<typeof operation>;
    },
    async identity() {
      const resolved = await credentials();
      return {
        label,
        source,
        accessKeyHint: hint(resolved.accessKeyId),
        ...(resolved.expiration ? { expiresAt: resolved.expiration.getTime() } : {}),
      };
    },
    destroy: () => client.destroy(),
  };
}
