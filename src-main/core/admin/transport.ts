/**
 * The signed (IAM) Cognito operations the admin console uses, as a port. The
 * Node adapter signs them with the AWS credentials the admin already has;
 * tests run it against the emulator.
 */
import type {
  AdminAddUserToGroupCommandInput,
  AdminAddUserToGroupCommandOutput,
  AdminCreateUserCommandInput,
  AdminCreateUserCommandOutput,
  AdminDeleteSoftwareTokenCommandInput,
  AdminDeleteSoftwareTokenCommandOutput,
  AdminDeleteUserCommandInput,
  AdminDeleteUserCommandOutput,
  AdminDisableUserCommandInput,
  AdminDisableUserCommandOutput,
  AdminEnableUserCommandInput,
  AdminEnableUserCommandOutput,
  AdminForgetDeviceCommandInput,
  AdminForgetDeviceCommandOutput,
  AdminGetUserAuthFactorsCommandInput,
  AdminGetUserAuthFactorsCommandOutput,
  AdminGetUserCommandInput,
  AdminGetUserCommandOutput,
  AdminListUserSessionsCommandInput,
  AdminListUserSessionsCommandOutput,
  AdminRevokeUserSessionCommandInput,
  AdminRevokeUserSessionCommandOutput,
  AdminListDevicesCommandInput,
  AdminListDevicesCommandOutput,
  AdminListGroupsForUserCommandInput,
  AdminListGroupsForUserCommandOutput,
  AdminListUserAuthEventsCommandInput,
  AdminListUserAuthEventsCommandOutput,
  AdminRemoveUserFromGroupCommandInput,
  AdminRemoveUserFromGroupCommandOutput,
  AdminResetUserPasswordCommandInput,
  AdminResetUserPasswordCommandOutput,
  AdminSetUserMFAPreferenceCommandInput,
  AdminSetUserMFAPreferenceCommandOutput,
  AdminSetUserPasswordCommandInput,
  AdminSetUserPasswordCommandOutput,
  AdminUpdateDeviceStatusCommandInput,
  AdminUpdateDeviceStatusCommandOutput,
  AdminUpdateUserAttributesCommandInput,
  AdminUpdateUserAttributesCommandOutput,
  AdminUserGlobalSignOutCommandInput,
  AdminUserGlobalSignOutCommandOutput,
  DescribeUserPoolClientCommandInput,
  DescribeUserPoolClientCommandOutput,
  DescribeUserPoolCommandInput,
  DescribeUserPoolCommandOutput,
  GetUserPoolMfaConfigCommandInput,
  GetUserPoolMfaConfigCommandOutput,
  ListGroupsCommandInput,
  ListGroupsCommandOutput,
  ListUserPoolClientsCommandInput,
  ListUserPoolClientsCommandOutput,
  ListUsersCommandInput,
  ListUsersCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';

type Output<T> = Omit<T, '$metadata'>;

export interface AdminOperations {
  ListUsers: [ListUsersCommandInput, Output<ListUsersCommandOutput>];
  AdminGetUser: [AdminGetUserCommandInput, Output<AdminGetUserCommandOutput>];
  AdminListGroupsForUser: [
    AdminListGroupsForUserCommandInput,
    Output<AdminListGroupsForUserCommandOutput>,
  ];
  AdminListDevices: [AdminListDevicesCommandInput, Output<AdminListDevicesCommandOutput>];
  AdminListUserAuthEvents: [
    AdminListUserAuthEventsCommandInput,
    Output<AdminListUserAuthEventsCommandOutput>,
  ];
  AdminCreateUser: [AdminCreateUserCommandInput, Output<AdminCreateUserCommandOutput>];
  AdminResetUserPassword: [
    AdminResetUserPasswordCommandInput,
    Output<AdminResetUserPasswordCommandOutput>,
  ];
  AdminSetUserPassword: [
    AdminSetUserPasswordCommandInput,
    Output<AdminSetUserPasswordCommandOutput>,
  ];
  AdminDeleteSoftwareToken: [
    AdminDeleteSoftwareTokenCommandInput,
    Output<AdminDeleteSoftwareTokenCommandOutput>,
  ];
  AdminSetUserMFAPreference: [
    AdminSetUserMFAPreferenceCommandInput,
    Output<AdminSetUserMFAPreferenceCommandOutput>,
  ];
  AdminForgetDevice: [AdminForgetDeviceCommandInput, Output<AdminForgetDeviceCommandOutput>];
  AdminUpdateDeviceStatus: [
    AdminUpdateDeviceStatusCommandInput,
    Output<AdminUpdateDeviceStatusCommandOutput>,
  ];
  AdminUserGlobalSignOut: [
    AdminUserGlobalSignOutCommandInput,
    Output<AdminUserGlobalSignOutCommandOutput>,
  ];
  AdminDisableUser: [AdminDisableUserCommandInput, Output<AdminDisableUserCommandOutput>];
  AdminEnableUser: [AdminEnableUserCommandInput, Output<AdminEnableUserCommandOutput>];
  AdminDeleteUser: [AdminDeleteUserCommandInput, Output<AdminDeleteUserCommandOutput>];
  AdminAddUserToGroup: [AdminAddUserToGroupCommandInput, Output<AdminAddUserToGroupCommandOutput>];
  AdminRemoveUserFromGroup: [
    AdminRemoveUserFromGroupCommandInput,
    Output<AdminRemoveUserFromGroupCommandOutput>,
  ];
  AdminUpdateUserAttributes: [
    AdminUpdateUserAttributesCommandInput,
    Output<AdminUpdateUserAttributesCommandOutput>,
  ];
  ListGroups: [ListGroupsCommandInput, Output<ListGroupsCommandOutput>];
  DescribeUserPool: [DescribeUserPoolCommandInput, Output<DescribeUserPoolCommandOutput>];
  GetUserPoolMfaConfig: [
    GetUserPoolMfaConfigCommandInput,
    Output<GetUserPoolMfaConfigCommandOutput>,
  ];
  ListUserPoolClients: [ListUserPoolClientsCommandInput, Output<ListUserPoolClientsCommandOutput>];
  AdminGetUserAuthFactors: [
    AdminGetUserAuthFactorsCommandInput,
    Output<AdminGetUserAuthFactorsCommandOutput>,
  ];
  AdminListUserSessions: [
    AdminListUserSessionsCommandInput,
    Output<AdminListUserSessionsCommandOutput>,
  ];
  AdminRevokeUserSession: [
    AdminRevokeUserSessionCommandInput,
    Output<AdminRevokeUserSessionCommandOutput>,
  ];
  DescribeUserPoolClient: [
    DescribeUserPoolClientCommandInput,
    Output<DescribeUserPoolClientCommandOutput>,
  ];
}

export type AdminOperationName = keyof AdminOperations;
export type AdminInputOf<O extends AdminOperationName> = AdminOperations[O][0];
export type AdminOutputOf<O extends AdminOperationName> = AdminOperations[O][1];

/** Who the admin acts as. Never a secret: the access key id is shown only by its last four characters. */
export interface AdminIdentity {
  /** e.g. "AWS profile “ops-admin”" or "the emulator's local key pair". */
  label: string;
  source: 'emulator-key' | 'aws-profile' | 'default-chain';
  accessKeyHint: string;
  /** When the credentials expire (temporary ones: SSO, assume-role, credential_process). */
  expiresAt?: number;
}

export interface AdminTransport {
  call<O extends AdminOperationName>(
    operation: O,
    input: AdminInputOf<O>,
  ): Promise<AdminOutputOf<O>>;
  /** Resolves the credentials (so an expired SSO session shows up here, before anything changes). */
  identity(): Promise<AdminIdentity>;
  destroy(): void;
}

/** Where to send admin calls and with which credentials. */
export interface AdminTarget {
  region: string;
  endpoint?: string;
  /** The emulator's pool: its documented local key pair. */
  demo: boolean;
  /** A profile of ~/.aws/config (SSO, assume-role, credential_process, static keys); none: the default chain. */
  awsProfile?: string;
}

export type AdminTransportFactory = (target: AdminTarget) => AdminTransport;
